package offline

import (
	"context"
	"errors"
	"fmt"
)

// schemaFavourites keeps what the user marked as a favourite: a kind of
// thing ("attraction") and its ID, with when it was added.
const schemaFavourites = `
CREATE TABLE favourites (
	kind     TEXT NOT NULL,
	id       TEXT NOT NULL,
	added_at TEXT NOT NULL,
	PRIMARY KEY (kind, id)
) WITHOUT ROWID;
`

// FavouriteAttraction is the kind of favourite that names an attraction.
const FavouriteAttraction = "attraction"

// IsFavourite reports whether the thing of the given kind and ID is a
// favourite.
func (s *Store) IsFavourite(ctx context.Context, kind, id string) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM favourites WHERE kind = ? AND id = ?", kind, id).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("favourite %s %q: %w", kind, id, err)
	}
	return n > 0, nil
}

// SetFavourite marks or unmarks a thing as a favourite. Marking one twice
// keeps the first time it was added.
func (s *Store) SetFavourite(ctx context.Context, kind, id string, on bool) error {
	if kind == "" || id == "" {
		return errors.New("set favourite: empty kind or id")
	}
	var err error
	if on {
		_, err = s.db.ExecContext(ctx,
			"INSERT INTO favourites (kind, id, added_at) VALUES (?, ?, ?) ON CONFLICT (kind, id) DO NOTHING",
			kind, id, formatTime(s.now()))
	} else {
		_, err = s.db.ExecContext(ctx, "DELETE FROM favourites WHERE kind = ? AND id = ?", kind, id)
	}
	if err != nil {
		return fmt.Errorf("set favourite %s %q: %w", kind, id, err)
	}
	return nil
}

// Favourites returns the IDs of the favourites of a kind, most recently
// added first.
func (s *Store) Favourites(ctx context.Context, kind string) ([]string, error) {
	rows, err := s.db.QueryContext(ctx,
		"SELECT id FROM favourites WHERE kind = ? ORDER BY added_at DESC, id", kind)
	if err != nil {
		return nil, fmt.Errorf("favourites %s: %w", kind, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("favourites %s: %w", kind, err)
		}
		out = append(out, id)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("favourites %s: %w", kind, err)
	}
	return out, nil
}

package offline

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"jiangsupass/platform"
)

// Cursor returns the position in a collection's changelog that the
// replica has reached; 0 before its first sync.
func (s *Store) Cursor(ctx context.Context, collection string) (platform.Cursor, error) {
	return cursorOf(ctx, s.db, collection)
}

// Cursors returns the cursor of every collection that has one.
func (s *Store) Cursors(ctx context.Context) (map[string]platform.Cursor, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT collection, cursor FROM sync_cursors")
	if err != nil {
		return nil, fmt.Errorf("sync cursors: %w", err)
	}
	defer rows.Close()
	out := map[string]platform.Cursor{}
	for rows.Next() {
		var c string
		var v platform.Cursor
		if err := rows.Scan(&c, &v); err != nil {
			return nil, fmt.Errorf("sync cursors: %w", err)
		}
		out[c] = v
	}
	return out, rows.Err()
}

func cursorOf(ctx context.Context, q querier, collection string) (platform.Cursor, error) {
	var c platform.Cursor
	err := q.QueryRowContext(ctx, "SELECT cursor FROM sync_cursors WHERE collection = ?", collection).Scan(&c)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("cursor of %s: %w", collection, err)
	}
	return c, nil
}

// setCursor moves a collection's cursor; it is called in the transaction
// that applies the page the cursor comes from.
func (s *Store) setCursor(ctx context.Context, q querier, collection string, c platform.Cursor) error {
	_, err := q.ExecContext(ctx, `INSERT INTO sync_cursors (collection, cursor, updated_at) VALUES (?, ?, ?)
		ON CONFLICT (collection) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at`,
		collection, int64(c), formatTime(s.now()))
	if err != nil {
		return fmt.Errorf("cursor of %s: %w", collection, err)
	}
	return nil
}

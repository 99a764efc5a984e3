package offline

import (
	"context"
	"fmt"
	"time"
)

// SyncedAt returns, for each collection that a sync has written, when a
// page of it was last applied; a collection missing from the map holds
// only what the seed built into the app brought (Settings says which).
func (s *Store) SyncedAt(ctx context.Context) (map[string]time.Time, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT collection, updated_at FROM sync_cursors WHERE cursor > 0")
	if err != nil {
		return nil, fmt.Errorf("synced at: %w", err)
	}
	defer rows.Close()
	out := map[string]time.Time{}
	for rows.Next() {
		var c, at string
		if err := rows.Scan(&c, &at); err != nil {
			return nil, fmt.Errorf("synced at: %w", err)
		}
		t, err := parseTime(at)
		if err != nil {
			return nil, fmt.Errorf("synced at %s: %w", c, err)
		}
		out[c] = t
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("synced at: %w", err)
	}
	return out, nil
}

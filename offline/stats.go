package offline

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"
)

// Stats describes the store, for the about and storage screens.
type Stats struct {
	SizeBytes   int64     // database file plus its WAL; pages in use for a memory store
	SeededAt    time.Time // when the seed snapshot was imported
	LastUpdated time.Time // when content last changed (seed import or sync)
	SeedVersion string    // version of the imported seed (see SeedVersion)
	// Counts is the number of rows per table: "attractions", "divisions",
	// "townships", "layers", "metro_lines", "stations",
	// "metro_line_stops", "hubs", "service_items", "settings".
	Counts map[string]int
}

// countedTables are the tables whose rows Stats counts.
var countedTables = []string{
	"attractions", "divisions", "townships", "layers", "metro_lines", "stations",
	"metro_line_stops", "hubs", "service_items", "settings",
}

// Stats returns the size of the store, its seed and its row counts.
func (s *Store) Stats(ctx context.Context) (Stats, error) {
	st := Stats{Counts: make(map[string]int, len(countedTables))}
	for _, t := range countedTables {
		var n int
		// Table names come from the list above, never from input.
		if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM "+t).Scan(&n); err != nil {
			return Stats{}, fmt.Errorf("stats: %s: %w", t, err)
		}
		st.Counts[t] = n
	}
	var err error
	if st.SeedVersion, _, err = getMeta(ctx, s.db, metaSeedVersion); err != nil {
		return Stats{}, fmt.Errorf("stats: %w", err)
	}
	for key, dst := range map[string]*time.Time{metaSeededAt: &st.SeededAt, metaLastUpdated: &st.LastUpdated} {
		v, _, err := getMeta(ctx, s.db, key)
		if err == nil {
			*dst, err = parseTime(v)
		}
		if err != nil {
			return Stats{}, fmt.Errorf("stats: %s: %w", key, err)
		}
	}
	if st.SizeBytes, err = s.size(ctx); err != nil {
		return Stats{}, fmt.Errorf("stats: size: %w", err)
	}
	return st, nil
}

// size is the bytes the store takes: the file and its WAL, or the pages of
// a memory store.
func (s *Store) size(ctx context.Context) (int64, error) {
	if s.memory {
		var pages, pageSize int64
		if err := s.db.QueryRowContext(ctx, "PRAGMA page_count").Scan(&pages); err != nil {
			return 0, err
		}
		if err := s.db.QueryRowContext(ctx, "PRAGMA page_size").Scan(&pageSize); err != nil {
			return 0, err
		}
		return pages * pageSize, nil
	}
	var total int64
	for _, p := range []string{s.path, s.path + "-wal"} {
		fi, err := os.Stat(p)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return 0, err
		}
		total += fi.Size()
	}
	return total, nil
}

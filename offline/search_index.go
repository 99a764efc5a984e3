package offline

import (
	"context"
	"database/sql"
	"fmt"
	"sync"

	"jiangsupass/offline/search"
)

// searchMu serialises index updates, so that two searches that find the
// index stale do not both rebuild it.
var searchMu sync.Mutex

// incrementalLimit is how many changed service items are re-indexed one
// by one; more than that, and the kind is rebuilt whole.
const incrementalLimit = 5000

// RebuildSearchIndex builds the whole search index anew from the store's
// tables, in one transaction.
func (s *Store) RebuildSearchIndex(ctx context.Context) error {
	if _, err := s.db.ExecContext(ctx, "INSERT OR IGNORE INTO search_pending (kind, ref) VALUES ('*', '*')"); err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	return s.refreshSearch(ctx)
}

// metaPlaceNames is the meta key of the version of the place-name rules
// (placenameRules) that the index's stations and hubs were written with.
const metaPlaceNames = "search_place_names"

// placenameRules names the version of the rules by which stations and
// hubs are indexed under their names in other languages (placename): a
// database indexed under another version has its stations and hubs
// indexed again at the next search. Change it when the rule, its tables
// or the docs of those kinds change.
const placenameRules = "placename-1"

// refreshSearch brings the index up to date with the changes the
// triggers listed: a kind with many changes (or all, after a fresh
// start) is rebuilt whole, a few changed service items one by one.
// Stations and hubs are rebuilt too when they were indexed under other
// place-name rules.
func (s *Store) refreshSearch(ctx context.Context) error {
	var stale bool
	if err := s.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM search_pending)
		OR coalesce((SELECT value FROM meta WHERE key = ?), '') != ?`, metaPlaceNames, placenameRules).Scan(&stale); err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	if !stale {
		return nil
	}
	searchMu.Lock()
	defer searchMu.Unlock()
	if err := s.inTx(ctx, func(tx *sql.Tx) error { return indexPending(ctx, tx) }); err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	return nil
}

// indexPending indexes what search_pending lists, and empties it.
func indexPending(ctx context.Context, tx *sql.Tx) error {
	counts, err := pendingCounts(ctx, tx)
	if err != nil {
		return err
	}
	full := counts["*"] > 0
	if full {
		if err := search.Clear(ctx, tx); err != nil {
			return err
		}
	}
	rules, _, err := getMeta(ctx, tx, metaPlaceNames)
	if err != nil {
		return err
	}
	if rules != placenameRules {
		counts[search.KindStation], counts[search.KindHub] = max(counts[search.KindStation], 1), max(counts[search.KindHub], 1)
		if err := setMeta(ctx, tx, metaPlaceNames, placenameRules); err != nil {
			return err
		}
	}
	w, err := search.NewWriter(ctx, tx)
	if err != nil {
		return err
	}
	defer w.Close()
	for _, kind := range search.Kinds {
		if err := indexKind(ctx, tx, w, kind, counts[kind], full); err != nil {
			return fmt.Errorf("%s: %w", kind, err)
		}
	}
	_, err = tx.ExecContext(ctx, "DELETE FROM search_pending")
	return err
}

// pendingCounts counts the rows of search_pending by kind ("*": all).
func pendingCounts(ctx context.Context, tx *sql.Tx) (map[string]int, error) {
	counts := map[string]int{}
	rows, err := tx.QueryContext(ctx, "SELECT kind, count(*) FROM search_pending GROUP BY kind")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var k string
		var n int
		if err := rows.Scan(&k, &n); err != nil {
			return nil, err
		}
		counts[k] = n
	}
	return counts, rows.Err()
}

// indexKind brings a kind with n changes up to date: whole when all
// changed or many did, or for any kind but the service items, which are
// re-indexed one by one.
func indexKind(ctx context.Context, tx *sql.Tx, w *search.Writer, kind string, n int, full bool) error {
	switch {
	case full || n > incrementalLimit || (n > 0 && kind != search.KindService):
		return rebuildKind(ctx, tx, w, kind)
	case n > 0:
		return updateServices(ctx, tx, w)
	}
	return nil
}

// rebuildKind drops a kind's docs and indexes its source table again.
func rebuildKind(ctx context.Context, tx *sql.Tx, w *search.Writer, kind string) error {
	if err := w.DeleteKind(ctx, kind); err != nil {
		return err
	}
	if kind == search.KindHall {
		if err := ensureGeneratedHalls(ctx, tx); err != nil {
			return err
		}
	}
	return docSources[kind](ctx, tx, func(d *search.Doc) error { return w.Write(ctx, d) })
}

// updateServices re-indexes the service items the triggers listed.
func updateServices(ctx context.Context, tx *sql.Tx, w *search.Writer) error {
	rows, err := tx.QueryContext(ctx, "SELECT ref FROM search_pending WHERE kind = ?", search.KindService)
	if err != nil {
		return err
	}
	var refs []string
	for rows.Next() {
		var ref string
		if err := rows.Scan(&ref); err != nil {
			rows.Close()
			return err
		}
		refs = append(refs, ref)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if err := w.Delete(ctx, search.KindService, refs); err != nil {
		return err
	}
	return serviceDocsWhere(ctx, tx, " WHERE CAST(id AS TEXT) IN (SELECT ref FROM search_pending WHERE kind = 'service')", nil,
		func(d *search.Doc) error { return w.Write(ctx, d) })
}

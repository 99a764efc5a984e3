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

// metaServiceNames is the meta key of the version of the service items'
// translations (ServiceNames.Version) that the index's service items
// were written with: under another, they are indexed again at the next
// search, so that an edit of service_items_i18n.csv reaches the index.
const metaServiceNames = "search_service_names"

// indexRule is a version of a rule by which kinds are indexed, kept in
// meta under key: a database indexed under another version has those
// kinds indexed again at the next search.
type indexRule struct {
	key, version string
	kinds        []string
}

// indexRules are the versions the index must have been written with.
func indexRules() ([]indexRule, error) {
	names, err := EmbeddedServiceNames()
	if err != nil {
		return nil, err
	}
	return []indexRule{
		{metaPlaceNames, placenameRules, []string{search.KindStation, search.KindHub}},
		{metaServiceNames, names.Version(), []string{search.KindService}},
	}, nil
}

// refreshSearch brings the index up to date with the changes the
// triggers listed: a kind with many changes (or all, after a fresh
// start) is rebuilt whole, a few changed service items one by one.
// Stations and hubs are rebuilt too when they were indexed under other
// place-name rules, and service items under other translations.
func (s *Store) refreshSearch(ctx context.Context) error {
	rules, err := indexRules()
	if err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	var stale bool
	if err := s.db.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM search_pending)").Scan(&stale); err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	for _, r := range rules {
		if stale {
			break
		}
		if err := s.db.QueryRowContext(ctx, "SELECT coalesce((SELECT value FROM meta WHERE key = ?), '') != ?",
			r.key, r.version).Scan(&stale); err != nil {
			return fmt.Errorf("search index: %w", err)
		}
	}
	if !stale {
		return nil
	}
	searchMu.Lock()
	defer searchMu.Unlock()
	if err := s.inTx(ctx, func(tx *sql.Tx) error { return indexPending(ctx, tx, rules) }); err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	return nil
}

// indexPending indexes what search_pending lists, and the kinds whose
// rules changed, and empties it.
func indexPending(ctx context.Context, tx *sql.Tx, rules []indexRule) error {
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
	if err := staleRules(ctx, tx, rules, counts); err != nil {
		return err
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

// staleRules marks in counts the kinds indexed under another version of
// their rule as wholly changed, and records the versions now used.
func staleRules(ctx context.Context, tx *sql.Tx, rules []indexRule, counts map[string]int) error {
	for _, r := range rules {
		v, _, err := getMeta(ctx, tx, r.key)
		if err != nil {
			return err
		}
		if v == r.version {
			continue
		}
		for _, k := range r.kinds {
			counts[k] = max(counts[k], 1)
			if k == search.KindService { // a few would be re-indexed one by one
				counts[k] = incrementalLimit + 1
			}
		}
		if err := setMeta(ctx, tx, r.key, r.version); err != nil {
			return err
		}
	}
	return nil
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

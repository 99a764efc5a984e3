package offline

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
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
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		counts := map[string]int{}
		rows, err := tx.QueryContext(ctx, "SELECT kind, count(*) FROM search_pending GROUP BY kind")
		if err != nil {
			return err
		}
		for rows.Next() {
			var k string
			var n int
			if err := rows.Scan(&k, &n); err != nil {
				rows.Close()
				return err
			}
			counts[k] = n
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if counts["*"] > 0 {
			if err := clearParts(ctx, tx); err != nil {
				return err
			}
		}
		rules, _, err := getMeta(ctx, tx, metaPlaceNames)
		if err != nil {
			return err
		}
		if rules != placenameRules {
			counts[KindStation], counts[KindHub] = max(counts[KindStation], 1), max(counts[KindHub], 1)
			if err := setMeta(ctx, tx, metaPlaceNames, placenameRules); err != nil {
				return err
			}
		}
		w, err := newDocWriter(ctx, tx)
		if err != nil {
			return err
		}
		defer w.close()
		for _, kind := range SearchKinds {
			n := counts[kind]
			switch {
			case counts["*"] > 0 || (n > incrementalLimit) || (n > 0 && kind != KindService):
				if err := w.rebuildKind(ctx, tx, kind); err != nil {
					return fmt.Errorf("%s: %w", kind, err)
				}
			case n > 0:
				if err := w.updateServices(ctx, tx); err != nil {
					return fmt.Errorf("%s: %w", kind, err)
				}
			}
		}
		_, err = tx.ExecContext(ctx, "DELETE FROM search_pending")
		return err
	})
	if err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	return nil
}

// docWriter writes docs into the index, and each part they use the
// first time it is seen.
type docWriter struct {
	doc, docFTS, part, partFTS, partKinds, findPart *sql.Stmt
	parts                                           map[docPart]partRef
}

// partRef is a stored part's ID and the kinds known to use it.
type partRef struct {
	id    int64
	kinds int64
}

func newDocWriter(ctx context.Context, tx *sql.Tx) (*docWriter, error) {
	w := &docWriter{parts: map[docPart]partRef{}}
	for _, p := range []struct {
		st **sql.Stmt
		q  string
	}{
		{&w.doc, `INSERT INTO search_docs (rowid, kind, ref, rank, title, detail, parts, lon, lat, generated)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`},
		{&w.docFTS, "INSERT INTO search_doc_fts (rowid, parts) VALUES (?, ?)"},
		{&w.part, "INSERT INTO search_parts (tag, text, keys, kinds) VALUES (?, ?, ?, ?)"},
		{&w.partFTS, "INSERT INTO search_part_fts (rowid, terms) VALUES (?, ?)"},
		{&w.partKinds, "UPDATE search_parts SET kinds = kinds | ? WHERE id = ?"},
		{&w.findPart, "SELECT id, kinds FROM search_parts WHERE tag = ? AND text = ?"},
	} {
		st, err := tx.PrepareContext(ctx, p.q)
		if err != nil {
			w.close()
			return nil, err
		}
		*p.st = st
	}
	return w, nil
}

func (w *docWriter) close() {
	for _, st := range []*sql.Stmt{w.doc, w.docFTS, w.part, w.partFTS, w.partKinds, w.findPart} {
		if st != nil {
			st.Close()
		}
	}
}

// kindBit is a kind's bit in a part's kinds.
func kindBit(kind string) int64 { return 1 << (kindBase(kind)>>40 - 1) }

// partID returns the ID of a part, storing and indexing it the first
// time, and records that kind uses it.
func (w *docWriter) partID(ctx context.Context, p docPart, kind string) (int64, error) {
	bit := kindBit(kind)
	ref, ok := w.parts[p]
	if !ok {
		err := w.findPart.QueryRowContext(ctx, p.tag, p.text).Scan(&ref.id, &ref.kinds)
		if errors.Is(err, sql.ErrNoRows) {
			keys, terms := partIndex(p)
			r, err := w.part.ExecContext(ctx, p.tag, p.text, strings.Join(keys, "\n"), bit)
			if err != nil {
				return 0, err
			}
			if ref.id, err = r.LastInsertId(); err != nil {
				return 0, err
			}
			if _, err := w.partFTS.ExecContext(ctx, ref.id, strings.Join(terms, " ")); err != nil {
				return 0, err
			}
			ref.kinds = bit
		} else if err != nil {
			return 0, err
		}
	}
	if ref.kinds&bit == 0 {
		if _, err := w.partKinds.ExecContext(ctx, bit, ref.id); err != nil {
			return 0, err
		}
		ref.kinds |= bit
	}
	w.parts[p] = ref
	return ref.id, nil
}

// partToken is how a doc's part is written in search_doc_fts.
func partToken(id int64) string { return "p" + strconv.FormatInt(id, 36) }

// write indexes one doc.
func (w *docWriter) write(ctx context.Context, d *searchDoc) error {
	title, err := json.Marshal(d.title)
	if err != nil {
		return err
	}
	detail, err := json.Marshal(d.detail)
	if err != nil {
		return err
	}
	var ids, tokens []string
	for _, p := range d.parts() {
		id, err := w.partID(ctx, p, d.kind)
		if err != nil {
			return fmt.Errorf("%s %s: %w", d.kind, d.ref, err)
		}
		ids = append(ids, strconv.FormatInt(id, 10))
		tokens = append(tokens, partToken(id))
	}
	rowid := d.rowid()
	if _, err := w.doc.ExecContext(ctx, rowid, d.kind, d.ref, d.rank, string(title), string(detail),
		strings.Join(ids, " "), d.lon, d.lat, d.generated); err != nil {
		return fmt.Errorf("%s %s: %w", d.kind, d.ref, err)
	}
	_, err = w.docFTS.ExecContext(ctx, rowid, strings.Join(tokens, " "))
	return err
}

// rebuildKind drops a kind's docs and indexes its source table again.
func (w *docWriter) rebuildKind(ctx context.Context, tx *sql.Tx, kind string) error {
	lo, hi := kindBase(kind), kindBase(kind)+1<<40
	if _, err := tx.ExecContext(ctx, "DELETE FROM search_doc_fts WHERE rowid >= ? AND rowid < ?", lo, hi); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM search_docs WHERE rowid >= ? AND rowid < ?", lo, hi); err != nil {
		return err
	}
	if kind == KindHall {
		if err := ensureGeneratedHalls(ctx, tx); err != nil {
			return err
		}
	}
	return docSources[kind](ctx, tx, func(d *searchDoc) error { return w.write(ctx, d) })
}

// clearParts forgets every part, before a full build.
func clearParts(ctx context.Context, tx *sql.Tx) error {
	for _, q := range []string{"DELETE FROM search_part_fts", "DELETE FROM search_parts", "DELETE FROM search_doc_fts",
		"DELETE FROM search_docs"} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	return nil
}

// updateServices re-indexes the service items the triggers listed.
func (w *docWriter) updateServices(ctx context.Context, tx *sql.Tx) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM search_doc_fts WHERE rowid IN (SELECT d.rowid FROM search_docs d
		JOIN search_pending p ON p.kind = d.kind AND p.ref = d.ref WHERE p.kind = ?)`, KindService); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM search_docs WHERE kind = ? AND ref IN
		(SELECT ref FROM search_pending WHERE kind = ?)`, KindService, KindService); err != nil {
		return err
	}
	return serviceDocsWhere(ctx, tx, " WHERE CAST(id AS TEXT) IN (SELECT ref FROM search_pending WHERE kind = 'service')", nil,
		func(d *searchDoc) error { return w.write(ctx, d) })
}

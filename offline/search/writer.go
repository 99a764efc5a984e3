package search

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Writer writes docs into the index within one transaction, and each
// part they use the first time it is seen.
type Writer struct {
	tx                                              *sql.Tx
	doc, docFTS, part, partFTS, partKinds, findPart *sql.Stmt
	parts                                           map[docPart]partRef
}

// partRef is a stored part's ID and the kinds known to use it.
type partRef struct {
	id    int64
	kinds int64
}

// NewWriter prepares a writer in tx; Close releases it.
func NewWriter(ctx context.Context, tx *sql.Tx) (*Writer, error) {
	w := &Writer{tx: tx, parts: map[docPart]partRef{}}
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
			w.Close()
			return nil, err
		}
		*p.st = st
	}
	return w, nil
}

// Close releases the writer's statements.
func (w *Writer) Close() {
	for _, st := range []*sql.Stmt{w.doc, w.docFTS, w.part, w.partFTS, w.partKinds, w.findPart} {
		if st != nil {
			st.Close()
		}
	}
}

// partID returns the ID of a part, storing and indexing it the first
// time, and records that kind uses it.
func (w *Writer) partID(ctx context.Context, p docPart, kind string) (int64, error) {
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

// Write indexes one doc, whose kind and ref the index does not hold yet.
func (w *Writer) Write(ctx context.Context, d *Doc) error {
	if kindBase(d.Kind) == 0 {
		return fmt.Errorf("search index: unknown kind %q", d.Kind)
	}
	title, err := json.Marshal(d.Title)
	if err != nil {
		return err
	}
	detail, err := json.Marshal(d.Detail)
	if err != nil {
		return err
	}
	var ids, tokens []string
	for _, p := range d.parts() {
		id, err := w.partID(ctx, p, d.Kind)
		if err != nil {
			return fmt.Errorf("%s %s: %w", d.Kind, d.Ref, err)
		}
		ids = append(ids, strconv.FormatInt(id, 10))
		tokens = append(tokens, partToken(id))
	}
	rowid := d.rowid()
	if _, err := w.doc.ExecContext(ctx, rowid, d.Kind, d.Ref, d.Rank, string(title), string(detail),
		strings.Join(ids, " "), d.Lon, d.Lat, d.Generated); err != nil {
		return fmt.Errorf("%s %s: %w", d.Kind, d.Ref, err)
	}
	_, err = w.docFTS.ExecContext(ctx, rowid, strings.Join(tokens, " "))
	return err
}

// DeleteKind drops every doc of a kind, before its source is indexed
// again. The parts stay, for the docs written next.
func (w *Writer) DeleteKind(ctx context.Context, kind string) error {
	lo, hi := KindRange(kind)
	if _, err := w.tx.ExecContext(ctx, "DELETE FROM search_doc_fts WHERE rowid >= ? AND rowid < ?", lo, hi); err != nil {
		return err
	}
	_, err := w.tx.ExecContext(ctx, "DELETE FROM search_docs WHERE rowid >= ? AND rowid < ?", lo, hi)
	return err
}

// Delete drops the docs of the things of a kind with these refs, those
// the index has, in two statements whatever their number.
func (w *Writer) Delete(ctx context.Context, kind string, refs []string) error {
	list, err := json.Marshal(refs)
	if err != nil {
		return err
	}
	if _, err := w.tx.ExecContext(ctx, `DELETE FROM search_doc_fts WHERE rowid IN
		(SELECT rowid FROM search_docs WHERE kind = ? AND ref IN (SELECT value FROM json_each(?)))`, kind, string(list)); err != nil {
		return err
	}
	_, err = w.tx.ExecContext(ctx, "DELETE FROM search_docs WHERE kind = ? AND ref IN (SELECT value FROM json_each(?))", kind, string(list))
	return err
}

// Clear forgets every doc and every part, before a full build.
func Clear(ctx context.Context, tx *sql.Tx) error {
	for _, q := range []string{"DELETE FROM search_part_fts", "DELETE FROM search_parts", "DELETE FROM search_doc_fts",
		"DELETE FROM search_docs"} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	return nil
}

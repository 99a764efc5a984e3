package offline

import (
	"context"
	"math"
	"slices"
	"strings"
)

// tableRows is what could be read of a table for salvage.
type tableRows struct {
	cols    []string
	rows    [][]any
	partial bool // some rows could not be read
}

// maxSalvageProbes bounds the seeks spent looking for readable rows among
// a table's damaged ones.
const maxSalvageProbes = 4096

// readRows reads, row by row, what can still be read of a table of a
// damaged database: the columns of want that it has, in want's order.
//
// It reads in key order until SQLite fails (a damaged page or record),
// then from the end backwards down to the last row it read, which gets
// past one damaged stretch of any table. A table keyed by an integer
// (rowid) is then searched by seeks between the two, halving the unread
// range, so that rows between several damaged stretches are found too;
// the seeks are bounded by maxSalvageProbes. Rows of a table keyed by text
// between two damaged stretches are not found.
func readRows(ctx context.Context, src queryer, table string, want []column) (tableRows, error) {
	have, err := columnsOf(ctx, src, table)
	if err != nil || len(have) == 0 {
		return tableRows{}, err // unreadable, or a table the old schema did not have
	}
	r := &tableReader{src: src, table: table}
	var pk []column
	for _, c := range have {
		if c.pk > 0 {
			pk = append(pk, c)
		}
		if slices.ContainsFunc(want, func(w column) bool { return w.name == c.name }) {
			r.out.cols = append(r.out.cols, c.name)
		}
	}
	slices.SortFunc(pk, func(a, b column) int { return a.pk - b.pk })
	switch {
	case len(pk) == 0:
		r.key, r.intKey = []string{"rowid"}, true
	case len(pk) == 1 && strings.EqualFold(pk[0].typ, "INTEGER"):
		r.key, r.intKey = []string{pk[0].name}, true
	default:
		for _, c := range pk {
			r.key = append(r.key, c.name)
		}
	}
	if len(r.out.cols) == 0 {
		return tableRows{}, nil
	}
	r.read(ctx)
	return r.out, ctx.Err()
}

// tableReader reads one table of a damaged database.
type tableReader struct {
	src    queryer
	table  string
	key    []string // the columns rows are ordered and sought by
	intKey bool     // the key is one integer column
	out    tableRows
}

// read fills r.out with every row it can read.
func (r *tableReader) read(ctx context.Context) {
	_, last, err := r.scan(ctx, nil, nil, false)
	if err == nil || ctx.Err() != nil {
		return
	}
	r.out.partial = true
	_, first, err := r.scan(ctx, last, nil, true)
	if err == nil {
		r.out.partial = false // the first failure did not come from the rows
		return
	}
	if !r.intKey || ctx.Err() != nil {
		return
	}
	lo, hi := int64(math.MinInt64), int64(math.MaxInt64)
	if last != nil {
		lo, _ = last[0].(int64)
	}
	if first != nil {
		hi, _ = first[0].(int64)
	}
	r.bisect(ctx, lo, hi)
}

// bisect looks for readable rows with keys strictly between lo and hi.
func (r *tableReader) bisect(ctx context.Context, lo, hi int64) {
	type gap struct{ lo, hi int64 }
	gaps := []gap{{lo, hi}}
	for probes := 0; len(gaps) > 0 && probes < maxSalvageProbes && ctx.Err() == nil; probes++ {
		g := gaps[len(gaps)-1]
		gaps = gaps[:len(gaps)-1]
		width := uint64(g.hi) - uint64(g.lo)
		if width < 2 {
			continue // no key between them
		}
		m := g.lo + int64(width/2)
		n, last, err := r.scan(ctx, []any{m - 1}, []any{g.hi}, false)
		gaps = append(gaps, gap{g.lo, m})
		switch {
		case n == 0 && err != nil:
			gaps = append(gaps, gap{m, g.hi}) // m is damaged: skip it
		case err != nil:
			gaps = append(gaps, gap{last[0].(int64), g.hi})
		}
	}
}

// scan reads rows in key order (descending when desc) with keys strictly
// between after and before (nil: unbounded), until the end or the first
// error. It returns how many it read and the keys of the last one.
func (r *tableReader) scan(ctx context.Context, after, before []any, desc bool) (int, []any, error) {
	var where []string
	var args []any
	if after != nil {
		where = append(where, "("+quoteIdents(r.key)+") > ("+marks(len(after))+")")
		args = append(args, after...)
	}
	if before != nil {
		where = append(where, "("+quoteIdents(r.key)+") < ("+marks(len(before))+")")
		args = append(args, before...)
	}
	order := make([]string, len(r.key))
	for i, k := range r.key {
		order[i] = quoteIdent(k)
		if desc {
			order[i] += " DESC"
		}
	}
	q := "SELECT " + quoteIdents(r.key) + ", " + quoteIdents(r.out.cols) + " FROM " + quoteIdent(r.table)
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY " + strings.Join(order, ", ")
	rows, err := r.src.QueryContext(ctx, q, args...)
	if err != nil {
		return 0, nil, err
	}
	defer rows.Close()
	n := 0
	var last []any
	for rows.Next() {
		vals := make([]any, len(r.key)+len(r.out.cols))
		ptrs := make([]any, len(vals))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return n, last, err
		}
		last = vals[:len(r.key)]
		r.out.rows = append(r.out.rows, vals[len(r.key):])
		n++
	}
	return n, last, rows.Err()
}

// marks is n bound parameters separated by commas.
func marks(n int) string { return strings.TrimSuffix(strings.Repeat("?, ", n), ", ") }

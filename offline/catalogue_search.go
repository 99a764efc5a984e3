package offline

import (
	"context"
	"fmt"
	"strings"

	"jiangsupass/offline/search"
)

// CatalogueCountCap is the most matches SearchCatalogue counts: past it
// the catalogue says "more than 10,000", and the count costs no more than
// reading that many index entries.
const CatalogueCountCap = 10_000

// CataloguePage is the first page of the catalogue's items that match a
// query and a filter, best match first, and how many match in all.
type CataloguePage struct {
	Items []CatalogueItem
	// Total is how many items match; when More is set, more than
	// CatalogueCountCap do and Total is CatalogueCountCap.
	Total int
	More  bool
	// Truncated says the query was cut to the search's bounds
	// (search.MaxQueryRunes, search.MaxQueryTerms).
	Truncated bool
}

// SearchCatalogue finds the service items that match query, as Search
// matches them (hanzi, pinyin, initials), and f: the first f.Limit (200
// when 0), exact matches of a name first, then names that begin with the
// query, then names that contain it, then the rest, each in the
// catalogue's order; and how many match, counted up to CatalogueCountCap.
// The whole query is tried first, then each of its words required. An
// empty query lists the catalogue by f. Every statement stops when ctx
// is cancelled, and SearchCatalogue then returns ctx's error.
func (s *Store) SearchCatalogue(ctx context.Context, query string, f CatalogueFilter) (CataloguePage, error) {
	q, cut := search.BoundQuery(query)
	alts, cutTerms := search.Alternatives(q)
	if alts == nil {
		items, total, err := s.Catalogue(ctx, f)
		return CataloguePage{Items: items, Total: total, Truncated: cut}, err
	}
	where, args, err := catalogueWhere(f)
	if err != nil {
		return CataloguePage{}, err
	}
	if err := s.refreshSearch(context.WithoutCancel(ctx)); err != nil {
		return CataloguePage{}, err
	}
	page := CataloguePage{Truncated: cut || cutTerms}
	m := catalogueMatch{where: where, args: args}
	for _, keys := range alts {
		tiers, err := search.NewIndex(s.db).Tiers(ctx, keys, search.KindService)
		if err != nil {
			return page, err
		}
		if len(tiers) == 0 {
			continue
		}
		if page.Total, page.More, err = s.countCatalogue(ctx, m, "("+strings.Join(tiers, ") OR (")+")"); err != nil {
			return page, err
		}
		if page.Total == 0 {
			continue
		}
		page.Items, err = s.catalogueTiers(ctx, m, tiers, f.Limit)
		return page, err
	}
	return page, ctx.Err()
}

// catalogueTiers lists the first limit (200 when 0) items that match the
// tiers, best tier first, each tier in the catalogue's order.
func (s *Store) catalogueTiers(ctx context.Context, m catalogueMatch, tiers []string, limit int) ([]CatalogueItem, error) {
	if limit <= 0 {
		limit = 200
	}
	var out []CatalogueItem
	for i, t := range tiers {
		if len(out) >= limit {
			break
		}
		expr := "(" + t + ")"
		if i > 0 { // the docs of a better tier are listed there
			expr += " NOT ((" + strings.Join(tiers[:i], ") OR (") + "))"
		}
		items, err := s.catalogueTier(ctx, m, expr, limit-len(out))
		if err != nil {
			return out, err
		}
		out = append(out, items...)
	}
	return out, nil
}

// catalogueMatch is the filter's SQL test, on service_items, of the
// matches of an FTS5 query.
type catalogueMatch struct {
	where []string
	args  []any
}

// from is the FROM and WHERE of the service docs that match expr and
// the filter, with their arguments; the doc's rowid is f.rowid and the
// item's columns are i's.
func (m catalogueMatch) from(expr string) (string, []any) {
	lo, hi := search.KindRange(search.KindService)
	sql := " FROM search_doc_fts f JOIN search_docs d ON d.rowid = f.rowid JOIN service_items i ON i.id = CAST(d.ref AS INTEGER)" +
		" WHERE search_doc_fts MATCH ? AND f.rowid >= ? AND f.rowid < ?"
	for _, w := range m.where {
		sql += " AND " + w
	}
	return sql, append([]any{expr, lo, hi}, m.args...)
}

// countCatalogue counts the items that match expr and the filter, up to
// CatalogueCountCap; more says there are more.
func (s *Store) countCatalogue(ctx context.Context, m catalogueMatch, expr string) (n int, more bool, err error) {
	from, args := m.from(expr)
	if len(m.where) == 0 { // no filter: the index alone
		lo, hi := search.KindRange(search.KindService)
		from, args = " FROM search_doc_fts WHERE search_doc_fts MATCH ? AND rowid >= ? AND rowid < ?", []any{expr, lo, hi}
	}
	err = s.db.QueryRowContext(ctx, "SELECT count(*) FROM (SELECT 1"+from+" LIMIT ?)", append(args, CatalogueCountCap+1)...).Scan(&n)
	if err != nil {
		return 0, false, fmt.Errorf("catalogue count: %w", err)
	}
	if n > CatalogueCountCap {
		return CatalogueCountCap, true, nil
	}
	return n, false, nil
}

// catalogueTier reads the first limit items that match expr and the
// filter, in the index's order (the catalogue's: standard items first,
// then by ID).
func (s *Store) catalogueTier(ctx context.Context, m catalogueMatch, expr string, limit int) ([]CatalogueItem, error) {
	from, args := m.from(expr)
	cols := "i." + strings.ReplaceAll(serviceColumns, ", ", ", i.")
	rows, err := s.db.QueryContext(ctx, "SELECT "+cols+from+" ORDER BY f.rowid LIMIT ?", append(args, limit)...)
	if err != nil {
		return nil, fmt.Errorf("catalogue search: %w", err)
	}
	defer rows.Close()
	var out []CatalogueItem
	for rows.Next() {
		it, div, err := scanServiceItem(rows)
		if err != nil {
			return nil, fmt.Errorf("catalogue search: %w", err)
		}
		out = append(out, CatalogueItem{it, div})
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("catalogue search: %w", err)
	}
	return out, nil
}

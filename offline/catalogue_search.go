package offline

import (
	"context"
	"fmt"
	"strings"
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
	// (MaxQueryRunes, MaxQueryTerms).
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
	q, cut := boundQuery(query)
	key := queryKey(q)
	if key == "" {
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
	keys, cutTerms := queryTerms(q)
	page := CataloguePage{Truncated: cut || cutTerms}
	candidates := [][]string{{key}}
	if len(keys) > 1 || (len(keys) == 1 && keys[0] != key) {
		candidates = append(candidates, keys)
	}
	for _, ks := range candidates {
		tiers, err := s.catalogueTiers(ctx, ks)
		if err != nil {
			return page, err
		}
		if len(tiers) == 0 {
			continue
		}
		m := catalogueMatch{where: where, args: args}
		if page.Total, page.More, err = s.countCatalogue(ctx, m, "("+strings.Join(tiers, ") OR (")+")"); err != nil {
			return page, err
		}
		if page.Total == 0 {
			continue
		}
		limit := f.Limit
		if limit <= 0 {
			limit = 200
		}
		for i, t := range tiers {
			if len(page.Items) >= limit {
				break
			}
			expr := "(" + t + ")"
			if i > 0 { // the docs of a better tier are listed there
				expr += " NOT ((" + strings.Join(tiers[:i], ") OR (") + "))"
			}
			items, err := s.catalogueTier(ctx, m, expr, limit-len(page.Items))
			if err != nil {
				return page, err
			}
			page.Items = append(page.Items, items...)
		}
		return page, nil
	}
	return page, ctx.Err()
}

// catalogueTiers are the FTS5 queries of the service docs that match the
// keys, best tier first: with one key, a tier per grade (exact, prefix,
// substring, description); with several, one that requires them all.
// None when a key matches no part of a service item.
func (s *Store) catalogueTiers(ctx context.Context, keys []string) ([]string, error) {
	bit := kindBit(KindService)
	matches, err := s.matchEach(ctx, keys)
	if err != nil || matches == nil {
		return nil, err
	}
	if len(keys) > 1 {
		if expr := tierExpr(matches, bit); expr != "" {
			return []string{expr}, nil
		}
		return nil, nil
	}
	var tiers []string
	for g := MatchExact; g >= MatchDescription; g-- {
		t := map[int64]partMatch{}
		for id, m := range matches[0] {
			if m.grade == g {
				t[id] = m
			}
		}
		if expr := tierExpr([]map[int64]partMatch{t}, bit); len(t) > 0 && expr != "" {
			tiers = append(tiers, expr)
		}
	}
	return tiers, nil
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
	lo := kindBase(KindService)
	sql := " FROM search_doc_fts f JOIN search_docs d ON d.rowid = f.rowid JOIN service_items i ON i.id = CAST(d.ref AS INTEGER)" +
		" WHERE search_doc_fts MATCH ? AND f.rowid >= ? AND f.rowid < ?"
	for _, w := range m.where {
		sql += " AND " + w
	}
	return sql, append([]any{expr, lo, lo + 1<<40}, m.args...)
}

// countCatalogue counts the items that match expr and the filter, up to
// CatalogueCountCap; more says there are more.
func (s *Store) countCatalogue(ctx context.Context, m catalogueMatch, expr string) (n int, more bool, err error) {
	from, args := m.from(expr)
	if len(m.where) == 0 { // no filter: the index alone
		lo := kindBase(KindService)
		from, args = " FROM search_doc_fts WHERE search_doc_fts MATCH ? AND rowid >= ? AND rowid < ?", []any{expr, lo, lo + 1<<40}
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

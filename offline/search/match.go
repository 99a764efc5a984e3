package search

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/paulmach/orb"

	"jiangsupass/maps"
	"jiangsupass/platform"
)

// partMatch is a part that a query key matches, and how well.
type partMatch struct {
	grade int
	kinds int64
}

// maxPartsPerQuery bounds the parts a key is looked up by in one tier
// (a one-letter query matches thousands); maxPartsPerAnd bounds those of
// the several keys of a query that must all match, together: each of n
// keys is looked up by at most maxPartsPerAnd/n of its parts, the first by
// ID. (An AND of n such sets costs the index far more than one set: eight
// one-letter words with 256 parts each took 70 ms of CPU, with 16 each
// 15 ms.)
const (
	maxPartsPerQuery = 256
	maxPartsPerAnd   = 128
)

// matchParts finds the parts whose keys contain key at the start of a
// unit, graded.
func (x Index) matchParts(ctx context.Context, key string) (map[int64]partMatch, error) {
	parts, err := x.termParts(ctx, capKey(key))
	if err != nil {
		return nil, err
	}
	return gradeParts(parts, key), nil
}

// matchEach is matchParts of each key, or nil when a key matches nothing
// (then no document holds every key).
func (x Index) matchEach(ctx context.Context, keys []string) ([]map[int64]partMatch, error) {
	matches := make([]map[int64]partMatch, len(keys))
	for i, k := range keys {
		m, err := x.matchParts(ctx, k)
		if err != nil || len(m) == 0 {
			return nil, err
		}
		matches[i] = m
	}
	return matches, nil
}

// termPart is a part found by an index term, before it is graded.
type termPart struct {
	id, kinds int64
	tag, keys string
}

// termParts finds the parts that have a unit beginning with term (a key
// cut by capKey).
func (x Index) termParts(ctx context.Context, term string) ([]termPart, error) {
	rows, err := x.db.QueryContext(ctx, `SELECT id, tag, keys, kinds FROM search_parts WHERE id IN
		(SELECT rowid FROM search_part_fts WHERE search_part_fts MATCH ?)`, `"`+strings.ReplaceAll(term, `"`, `""`)+`"*`)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	defer rows.Close()
	var out []termPart
	for rows.Next() {
		var p termPart
		if err := rows.Scan(&p.id, &p.tag, &p.keys, &p.kinds); err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	return out, nil
}

// gradeParts grades the parts an index term found against the whole key.
func gradeParts(parts []termPart, key string) map[int64]partMatch {
	out := map[int64]partMatch{}
	for _, p := range parts {
		if g := GradePart(p.tag, p.keys, key); g != MatchNone {
			out[p.id] = partMatch{g, p.kinds}
		}
	}
	return out
}

// GradePart grades a part's keys (one per line) against a query key: how
// well a name part ("n") matches it, or MatchDescription when a
// description part ("b") contains it; MatchNone when none contains it.
func GradePart(tag, keys, key string) int {
	best := MatchNone
	for _, k := range strings.Split(keys, "\n") {
		switch {
		case !strings.Contains(k, key):
		case tag == "b":
			best = max(best, MatchDescription)
		case k == key:
			return MatchExact
		case strings.HasPrefix(k, key):
			best = max(best, MatchPrefix)
		default:
			best = max(best, MatchContains)
		}
	}
	return best
}

// tiers are the sets of matched parts a query's docs are looked up by,
// best first: with one key, one per grade that has parts; with several,
// one that requires a part of each key.
func tiers(matches []map[int64]partMatch) [][]map[int64]partMatch {
	if len(matches) > 1 {
		return [][]map[int64]partMatch{matches}
	}
	var out [][]map[int64]partMatch
	for g := MatchExact; g >= MatchDescription; g-- {
		t := map[int64]partMatch{}
		for id, m := range matches[0] {
			if m.grade == g {
				t[id] = m
			}
		}
		if len(t) > 0 {
			out = append(out, []map[int64]partMatch{t})
		}
	}
	return out
}

// Tiers are the FTS5 queries, on search_doc_fts, of the docs of a kind
// that match keys, best tier first: with one key, a tier per grade
// (exact, prefix, substring, description); with several, one that
// requires them all. None when a key matches no part of that kind. A
// caller that filters the docs by its own tables (the catalogue) runs
// them itself.
func (x Index) Tiers(ctx context.Context, keys []string, kind string) ([]string, error) {
	if kindBase(kind) == 0 {
		return nil, fmt.Errorf("search: unknown kind %q", kind)
	}
	matches, err := x.matchEach(ctx, keys)
	if err != nil || matches == nil {
		return nil, err
	}
	var out []string
	for _, t := range tiers(matches) {
		if expr := tierExpr(t, kindBit(kind)); expr != "" {
			out = append(out, expr)
		}
	}
	return out, nil
}

// kindQuery asks for the first limit docs of a kind that match expr.
type kindQuery struct {
	kind, expr string
	limit      int
}

// tierExpr is the FTS5 query for the docs of a kind (its bit) that have a
// part of each map, or "" when some map has no part the kind uses.
func tierExpr(t []map[int64]partMatch, bit int64) string {
	limit := maxPartsPerQuery
	if len(t) > 1 {
		limit = maxPartsPerAnd / len(t)
	}
	and := make([]string, 0, len(t))
	for _, m := range t {
		var ids []int64
		for id, pm := range m {
			if pm.kinds&bit != 0 {
				ids = append(ids, id)
			}
		}
		if len(ids) == 0 {
			return ""
		}
		and = append(and, "("+orExpr(ids, limit)+")")
	}
	return strings.Join(and, " AND ")
}

// orExpr is the FTS5 query for docs that have any of the parts, the
// first limit of them by ID.
func orExpr(ids []int64, limit int) string {
	slices.Sort(ids)
	if len(ids) > limit {
		ids = ids[:limit]
	}
	t := make([]string, len(ids))
	for i, id := range ids {
		t[i] = partToken(id)
	}
	return strings.Join(t, " OR ")
}

// searchDocs answers kind queries in one statement, graded by the parts
// the docs have.
func (x Index) searchDocs(ctx context.Context, qs []kindQuery, matches []map[int64]partMatch, near *orb.Point) ([]Hit, error) {
	sub := make([]string, len(qs))
	var args []any
	for i, q := range qs {
		sub[i] = "SELECT * FROM (SELECT rowid FROM search_doc_fts WHERE search_doc_fts MATCH ? AND rowid >= ? AND rowid < ? ORDER BY rowid LIMIT ?)"
		lo, hi := KindRange(q.kind)
		args = append(args, q.expr, lo, hi, q.limit)
	}
	rows, err := x.db.QueryContext(ctx, `SELECT rowid, kind, ref, rank, title, detail, parts, lon, lat, generated FROM search_docs
		WHERE rowid IN (`+strings.Join(sub, " UNION ALL ")+")", args...)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	defer rows.Close()
	var hits []Hit
	for rows.Next() {
		var h Hit
		var title, detail, parts string
		var lon, lat sql.NullFloat64
		if err := rows.Scan(&h.rowid, &h.Kind, &h.Ref, &h.rank, &title, &detail, &parts, &lon, &lat, &h.Generated); err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		if h.Match = gradeDoc(parts, matches); h.Match == MatchNone {
			continue
		}
		if h.Title, err = decodeText(title); err == nil {
			h.Detail, err = decodeText(detail)
		}
		if err != nil {
			return nil, fmt.Errorf("search: %s %s: %w", h.Kind, h.Ref, err)
		}
		if lon.Valid && lat.Valid {
			h.Point, h.HasPoint = orb.Point{lon.Float64, lat.Float64}, true
			if near != nil {
				h.Distance = maps.Distance(*near, h.Point)
			}
		}
		hits = append(hits, h)
	}
	return hits, rows.Err()
}

// decodeText reads a doc's title or detail, as the Writer wrote it.
func decodeText(raw string) (platform.Text, error) {
	t := platform.Text{}
	if raw != "" {
		if err := json.Unmarshal([]byte(raw), &t); err != nil {
			return nil, err
		}
	}
	return t, nil
}

// gradeDoc grades a doc by its parts (IDs separated by spaces): each key
// must match one of them; the grade is that of the worst-matched key.
func gradeDoc(parts string, matches []map[int64]partMatch) int {
	grade := MatchExact
	for _, m := range matches {
		best := MatchNone
		for _, f := range strings.Fields(parts) {
			id, _ := strconv.ParseInt(f, 10, 64)
			if pm, ok := m[id]; ok {
				best = max(best, pm.grade)
			}
		}
		grade = min(grade, best)
	}
	return grade
}

package offline

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/paulmach/orb"

	"jiangsupass/maps"
)

// How well a hit matches, best first.
const (
	MatchExact       = 3 // the query is a whole name part ("新街口", "zzy" for 拙政园)
	MatchPrefix      = 2 // a name part begins with it
	MatchContains    = 1 // a name part contains it
	MatchDescription = 0 // only the description contains it
	matchNone        = -1
)

// SearchOptions tunes Search.
type SearchOptions struct {
	// Kinds limits the search to these kinds (none: every kind).
	Kinds []string
	// PerKind is the most hits of one kind returned; 0 means 20.
	PerKind int
	// Near, when set, orders equally good hits by their distance from it.
	Near *orb.Point
}

// SearchHit is one thing found.
type SearchHit struct {
	Kind, Ref string // the kind and the ID of the thing in its own table
	Title     Text
	Detail    Text // a line under the title: city and lines, theme and department …
	Match     int  // MatchExact … MatchDescription
	Point     orb.Point
	HasPoint  bool
	Distance  float64 // metres from SearchOptions.Near; 0 when not known
	Generated bool    // made up by a documented rule, not official
	rank      int
	rowid     int64
}

// SearchGroup is the hits of one kind, best first.
type SearchGroup struct {
	Kind string
	Hits []SearchHit
}

// SearchResult is the answer to a query: its groups, the group with the
// best hit first, and when nothing matched, things to try instead.
type SearchResult struct {
	Query       string // what was searched: the query, cut to MaxQueryRunes
	Groups      []SearchGroup
	Suggestions []string
	Truncated   bool // the query was cut to MaxQueryRunes characters or MaxQueryTerms words
}

// Empty reports whether nothing was found.
func (r SearchResult) Empty() bool { return len(r.Groups) == 0 }

// Top is the best hit, and false when nothing was found.
func (r SearchResult) Top() (SearchHit, bool) {
	if r.Empty() {
		return SearchHit{}, false
	}
	return r.Groups[0].Hits[0], true
}

// Search finds attractions, stations, hubs, places, service halls and
// service items by hanzi (any substring), pinyin with or without spaces,
// pinyin initials and their names in other languages, in any case and
// with or without tone marks. Hits are ranked exact, then prefix, then
// substring, then description; then by grade or prominence; then by
// distance when SearchOptions.Near is given. The index is brought up to
// date with the store first.
//
// The work is bounded by the query's bounds (MaxQueryRunes,
// MaxQueryTerms), and every statement stops when ctx is cancelled (a newer
// keystroke): Search then returns ctx's error. Bringing the index up to
// date is not cancelled, since the next query would only start it again.
func (s *Store) Search(ctx context.Context, query string, opt SearchOptions) (SearchResult, error) {
	q, cut := boundQuery(query)
	res := SearchResult{Query: q, Truncated: cut}
	if err := s.refreshSearch(context.WithoutCancel(ctx)); err != nil {
		return res, err
	}
	if err := ctx.Err(); err != nil {
		return res, err
	}
	key := queryKey(q)
	if key == "" {
		return res, nil
	}
	keys, cut := queryTerms(q)
	res.Truncated = res.Truncated || cut
	// The query whole; then, if it has several parts or words, each
	// required.
	var err error
	if res.Groups, err = s.searchKeys(ctx, []string{key}, opt); err != nil || len(res.Groups) > 0 {
		return res, err
	}
	if len(keys) > 1 || (len(keys) == 1 && keys[0] != key) {
		if res.Groups, err = s.searchKeys(ctx, keys, opt); err != nil || len(res.Groups) > 0 {
			return res, err
		}
	}
	res.Suggestions, err = s.suggest(ctx, key)
	return res, err
}

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
func (s *Store) matchParts(ctx context.Context, key string) (map[int64]partMatch, error) {
	parts, err := s.termParts(ctx, capKey(key))
	if err != nil {
		return nil, err
	}
	return gradeParts(parts, key), nil
}

// termPart is a part found by an index term, before it is graded.
type termPart struct {
	id, kinds int64
	tag, keys string
}

// termParts finds the parts that have a unit beginning with term (a key
// cut by capKey).
func (s *Store) termParts(ctx context.Context, term string) ([]termPart, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, tag, keys, kinds FROM search_parts WHERE id IN
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
		if g := gradePart(p.tag, p.keys, key); g != matchNone {
			out[p.id] = partMatch{g, p.kinds}
		}
	}
	return out
}

// gradePart grades a part's keys (one per line) against a query key.
func gradePart(tag, keys, key string) int {
	best := matchNone
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

// searchKeys runs one query whose keys must all match. With one key, the
// docs are looked up tier by tier (exact parts, then prefix, substring,
// description), each tier in rank order, so that the first hits of a
// kind are its best.
func (s *Store) searchKeys(ctx context.Context, keys []string, opt SearchOptions) ([]SearchGroup, error) {
	kinds := opt.Kinds
	if len(kinds) == 0 {
		kinds = SearchKinds
	}
	per := opt.PerKind
	if per <= 0 {
		per = 20
	}
	matches, err := s.matchEach(ctx, keys)
	if err != nil || matches == nil {
		return nil, err
	}
	// The tiers: with one key, one per grade, best first; with several,
	// one that requires a part of each key.
	var tiers [][]map[int64]partMatch
	if len(keys) == 1 {
		for g := MatchExact; g >= MatchDescription; g-- {
			t := map[int64]partMatch{}
			for id, m := range matches[0] {
				if m.grade == g {
					t[id] = m
				}
			}
			if len(t) > 0 {
				tiers = append(tiers, []map[int64]partMatch{t})
			}
		}
	} else {
		tiers = append(tiers, matches)
	}
	hits := map[string][]SearchHit{}
	seen := map[int64]bool{}
	for _, t := range tiers {
		var q []kindQuery
		for _, kind := range kinds {
			if kindBase(kind) == 0 {
				return nil, fmt.Errorf("search: unknown kind %q", kind)
			}
			if len(hits[kind]) >= per {
				continue
			}
			if expr := tierExpr(t, kindBit(kind)); expr != "" {
				q = append(q, kindQuery{kind, expr, per})
			}
		}
		if len(q) == 0 {
			continue
		}
		got, err := s.searchDocs(ctx, q, matches, opt.Near)
		if err != nil {
			return nil, err
		}
		for _, h := range got {
			if !seen[h.rowid] {
				seen[h.rowid] = true
				hits[h.Kind] = append(hits[h.Kind], h)
			}
		}
	}
	var groups []SearchGroup
	for _, kind := range kinds {
		hs := hits[kind]
		sortHits(hs, opt.Near != nil)
		if len(hs) > per {
			hs = hs[:per]
		}
		if len(hs) > 0 {
			groups = append(groups, SearchGroup{Kind: kind, Hits: hs})
		}
	}
	sort.SliceStable(groups, func(i, j int) bool { return groups[i].Hits[0].Match > groups[j].Hits[0].Match })
	return groups, nil
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

// sortHits orders hits by match, then rank, then distance when known.
func sortHits(hits []SearchHit, byDistance bool) {
	sort.SliceStable(hits, func(i, j int) bool {
		a, b := hits[i], hits[j]
		switch {
		case a.Match != b.Match:
			return a.Match > b.Match
		case a.rank != b.rank:
			return a.rank < b.rank
		case byDistance && a.HasPoint != b.HasPoint:
			return a.HasPoint
		case byDistance && a.Distance != b.Distance:
			return a.Distance < b.Distance
		}
		return a.rowid < b.rowid
	})
}

// searchDocs answers kind queries in one statement, graded by the parts
// the docs have.
func (s *Store) searchDocs(ctx context.Context, qs []kindQuery, matches []map[int64]partMatch, near *orb.Point) ([]SearchHit, error) {
	sub := make([]string, len(qs))
	var args []any
	for i, q := range qs {
		sub[i] = "SELECT * FROM (SELECT rowid FROM search_doc_fts WHERE search_doc_fts MATCH ? AND rowid >= ? AND rowid < ? ORDER BY rowid LIMIT ?)"
		lo := kindBase(q.kind)
		args = append(args, q.expr, lo, lo+1<<40, q.limit)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT rowid, kind, ref, rank, title, detail, parts, lon, lat, generated FROM search_docs
		WHERE rowid IN (`+strings.Join(sub, " UNION ALL ")+")", args...)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	defer rows.Close()
	var hits []SearchHit
	for rows.Next() {
		var h SearchHit
		var title, detail, parts string
		var lon, lat sql.NullFloat64
		if err := rows.Scan(&h.rowid, &h.Kind, &h.Ref, &h.rank, &title, &detail, &parts, &lon, &lat, &h.Generated); err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		if h.Match = gradeDoc(parts, matches); h.Match == matchNone {
			continue
		}
		if h.Title, err = decodeText(title, ""); err == nil {
			h.Detail, err = decodeText(detail, "")
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

// gradeDoc grades a doc by its parts (IDs separated by spaces): each key
// must match one of them; the grade is that of the worst-matched key.
func gradeDoc(parts string, matches []map[int64]partMatch) int {
	grade := MatchExact
	for _, m := range matches {
		best := matchNone
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

// matchEach is matchParts of each key, or nil when a key matches nothing
// (then no document holds every key).
func (s *Store) matchEach(ctx context.Context, keys []string) ([]map[int64]partMatch, error) {
	matches := make([]map[int64]partMatch, len(keys))
	for i, k := range keys {
		m, err := s.matchParts(ctx, k)
		if err != nil || len(m) == 0 {
			return nil, err
		}
		matches[i] = m
	}
	return matches, nil
}

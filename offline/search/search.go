// Package search is the offline search engine: it indexes the things the
// app can find (attractions, stations, hubs, places, service halls and
// service items) and answers queries by hanzi (any substring), pinyin
// with or without spaces, pinyin initials and names in other languages,
// in any case and with or without tone marks.
//
// The index lives in the replica's SQLite database, in the tables that
// offline's migrations create (offline/search_schema.go): search_docs
// holds one row per thing, with its title and the IDs of its parts;
// search_parts holds each distinct part of a name or description once,
// with the keys it is matched by; search_part_fts indexes the parts'
// terms, and search_doc_fts the docs by their parts' IDs. The store
// decides when to index what, reading its own tables into Docs and
// handing them to a Writer; an Index answers queries. The package
// imports nothing of Fyne.
package search

import (
	"context"
	"database/sql"
	"fmt"
	"sort"

	"github.com/paulmach/orb"

	"jiangsupass/platform"
)

// How well a hit matches, best first.
const (
	MatchExact       = 3  // the query is a whole name part ("新街口", "zzy" for 拙政园)
	MatchPrefix      = 2  // a name part begins with it
	MatchContains    = 1  // a name part contains it
	MatchDescription = 0  // only the description contains it
	MatchNone        = -1 // it does not match
)

// Options tunes Search.
type Options struct {
	// Kinds limits the search to these kinds (none: every kind).
	Kinds []string
	// PerKind is the most hits of one kind returned; 0 means 20.
	PerKind int
	// Near, when set, orders equally good hits by their distance from it.
	Near *orb.Point
}

// Hit is one thing found.
type Hit struct {
	Kind, Ref string // the kind and the ID of the thing in its own table
	Title     platform.Text
	Detail    platform.Text // a line under the title: city and lines, theme and department …
	Match     int           // MatchExact … MatchDescription
	Point     orb.Point
	HasPoint  bool
	Distance  float64 // metres from Options.Near; 0 when not known
	Generated bool    // made up by a documented rule, not official
	rank      int
	rowid     int64
}

// Group is the hits of one kind, best first.
type Group struct {
	Kind string
	Hits []Hit
}

// Result is the answer to a query: its groups, the group with the best
// hit first, and when nothing matched, things to try instead.
type Result struct {
	Query       string // what was searched: the query, cut to MaxQueryRunes
	Groups      []Group
	Suggestions []string
	Truncated   bool // the query was cut to MaxQueryRunes characters or MaxQueryTerms words
}

// Empty reports whether nothing was found.
func (r Result) Empty() bool { return len(r.Groups) == 0 }

// Top is the best hit, and false when nothing was found.
func (r Result) Top() (Hit, bool) {
	if r.Empty() {
		return Hit{}, false
	}
	return r.Groups[0].Hits[0], true
}

// Index answers queries over the index in a database.
type Index struct{ db *sql.DB }

// NewIndex is the index kept in db.
func NewIndex(db *sql.DB) Index { return Index{db} }

// Search finds things by query. Hits are ranked exact, then prefix, then
// substring, then description; then by grade or prominence; then by
// distance when Options.Near is given. The query whole is tried first,
// then each of its words required; when neither finds anything, the
// result suggests things to search for instead.
//
// The work is bounded by the query's bounds (MaxQueryRunes,
// MaxQueryTerms), and every statement stops when ctx is cancelled (a newer
// keystroke): Search then returns ctx's error.
func (x Index) Search(ctx context.Context, query string, opt Options) (Result, error) {
	q, cut := BoundQuery(query)
	res := Result{Query: q, Truncated: cut}
	if err := ctx.Err(); err != nil {
		return res, err
	}
	alts, cut := Alternatives(q)
	if alts == nil {
		return res, nil
	}
	res.Truncated = res.Truncated || cut
	var err error
	for _, keys := range alts {
		if res.Groups, err = x.searchKeys(ctx, keys, opt); err != nil || len(res.Groups) > 0 {
			return res, err
		}
	}
	res.Suggestions, err = x.suggest(ctx, alts[0][0])
	return res, err
}

// searchKeys runs one query whose keys must all match. With one key, the
// docs are looked up tier by tier (exact parts, then prefix, substring,
// description), each tier in rank order, so that the first hits of a
// kind are its best.
func (x Index) searchKeys(ctx context.Context, keys []string, opt Options) ([]Group, error) {
	kinds := opt.Kinds
	if len(kinds) == 0 {
		kinds = Kinds
	}
	per := opt.PerKind
	if per <= 0 {
		per = 20
	}
	matches, err := x.matchEach(ctx, keys)
	if err != nil || matches == nil {
		return nil, err
	}
	hits := map[string][]Hit{}
	seen := map[int64]bool{}
	for _, t := range tiers(matches) {
		q, err := kindQueries(t, kinds, hits, per)
		if err != nil {
			return nil, err
		}
		if len(q) == 0 {
			continue
		}
		got, err := x.searchDocs(ctx, q, matches, opt.Near)
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
	return groupHits(hits, kinds, per, opt.Near != nil), nil
}

// kindQueries are the lookups of a tier t for the kinds that have fewer
// than per hits so far.
func kindQueries(t []map[int64]partMatch, kinds []string, hits map[string][]Hit, per int) ([]kindQuery, error) {
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
	return q, nil
}

// groupHits groups hits by kind, in the order of kinds, each sorted and
// cut to per, the group with the best hit first.
func groupHits(hits map[string][]Hit, kinds []string, per int, byDistance bool) []Group {
	var groups []Group
	for _, kind := range kinds {
		hs := hits[kind]
		sortHits(hs, byDistance)
		if len(hs) > per {
			hs = hs[:per]
		}
		if len(hs) > 0 {
			groups = append(groups, Group{Kind: kind, Hits: hs})
		}
	}
	sort.SliceStable(groups, func(i, j int) bool { return groups[i].Hits[0].Match > groups[j].Hits[0].Match })
	return groups
}

// sortHits orders hits by match, then rank, then distance when known.
func sortHits(hits []Hit, byDistance bool) {
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

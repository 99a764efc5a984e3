package search

import (
	"slices"
	"strings"

	"jiangsupass/textnorm"
)

// What a query may cost is bounded before it reaches the index: a search
// runs on every keystroke, and a pasted page of text (or 1,600 × "x ")
// once cost a lookup per word, each reading thousands of parts. A query is
// cut to its first MaxQueryRunes characters, and looked up by at most
// MaxQueryTerms distinct words; Result.Truncated says when either cut
// something. With those bounds the worst queries tried cost about as much
// as a long ordinary one (offline/search_bounds_test.go).
const (
	MaxQueryRunes = 64 // the longest query searched, in characters
	MaxQueryTerms = 8  // the most distinct words a query is looked up by
)

// BoundQuery cuts q to MaxQueryRunes characters (at a character, never
// inside one) and reports whether it cut anything.
func BoundQuery(q string) (string, bool) {
	if len(q) <= MaxQueryRunes {
		return q, false // fewer bytes than the limit: fewer characters too
	}
	n := 0
	for i := range q {
		if n == MaxQueryRunes {
			return q[:i], true
		}
		n++
	}
	return q, false
}

// QueryTerms are the keys of the words of a query, each once, at most
// MaxQueryTerms; cut reports whether there were more.
func QueryTerms(q string) (keys []string, cut bool) {
	for _, p := range textnorm.SplitParts(q) {
		for _, w := range strings.Fields(p) {
			k := textnorm.Key(w)
			if k == "" || slices.Contains(keys, k) {
				continue
			}
			if len(keys) == MaxQueryTerms {
				return keys, true
			}
			keys = append(keys, k)
		}
	}
	return keys, false
}

// Alternatives are the key lists a query is tried by, in turn: the query
// whole, then, if it has several parts or words, each of them required.
// None when the query has no key.
func Alternatives(q string) (alts [][]string, cut bool) {
	key := textnorm.Key(q)
	if key == "" {
		return nil, false
	}
	keys, cut := QueryTerms(q)
	alts = [][]string{{key}}
	if len(keys) > 1 || (len(keys) == 1 && keys[0] != key) {
		alts = append(alts, keys)
	}
	return alts, cut
}

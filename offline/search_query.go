package offline

import (
	"slices"
	"strings"
)

// What a query may cost is bounded before it reaches the index: a search
// runs on every keystroke, and a pasted page of text (or 1,600 × "x ")
// once cost a lookup per word, each reading thousands of parts. A query is
// cut to its first MaxQueryRunes characters, and looked up by at most
// MaxQueryTerms distinct words; SearchResult.Truncated says when either
// cut something. With those bounds the worst queries tried cost about as
// much as a long ordinary one (search_bounds_test.go).
const (
	MaxQueryRunes = 64 // the longest query searched, in characters
	MaxQueryTerms = 8  // the most distinct words a query is looked up by
)

// boundQuery cuts q to MaxQueryRunes characters (at a character, never
// inside one) and reports whether it cut anything.
func boundQuery(q string) (string, bool) {
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

// queryTerms are the keys of the words of a query, each once, at most
// MaxQueryTerms; cut reports whether there were more.
func queryTerms(q string) (keys []string, cut bool) {
	for _, p := range splitParts(q) {
		for _, w := range strings.Fields(p) {
			k := queryKey(w)
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

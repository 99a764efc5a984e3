package search

import (
	"strings"
	"testing"
)

// TestQueryBounds checks the cuts themselves.
func TestQueryBounds(t *testing.T) {
	for _, tc := range []struct {
		q, want string
		cut     bool
	}{
		{"", "", false},
		{"中山陵", "中山陵", false},
		{strings.Repeat("拙", MaxQueryRunes), strings.Repeat("拙", MaxQueryRunes), false},
		{strings.Repeat("拙", MaxQueryRunes+1), strings.Repeat("拙", MaxQueryRunes), true},
		{strings.Repeat("ab", 100), strings.Repeat("ab", MaxQueryRunes/2), true},
	} {
		got, cut := BoundQuery(tc.q)
		if got != tc.want || cut != tc.cut {
			t.Errorf("BoundQuery(%.10q…) = %.10q…, %v; want %.10q…, %v", tc.q, got, cut, tc.want, tc.cut)
		}
	}
	keys, cut := QueryTerms("x x x X x")
	if len(keys) != 1 || cut {
		t.Errorf("a repeated word: %q, %v; want one key", keys, cut)
	}
	keys, cut = QueryTerms("a b c d e f g h i")
	if len(keys) != MaxQueryTerms || !cut {
		t.Errorf("nine words: %q, %v; want %d keys, cut", keys, cut, MaxQueryTerms)
	}
}

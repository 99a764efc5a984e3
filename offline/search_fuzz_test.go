package offline

import (
	"context"
	"strings"
	"testing"

	"jiangsupass/offline/search"
	"jiangsupass/placename"
	"jiangsupass/textnorm"
)

// FuzzSearch feeds arbitrary queries to Search: it never fails, every hit
// is graded and named, and a query with no key finds nothing.
func FuzzSearch(f *testing.F) {
	for _, q := range []string{"社保", "zzy", "Xīnjiēkǒu", "humble administrator's", `"*" OR x`, "NEAR(a b)", "a\x00b",
		"（、）", "拙政园xyz", strings.Repeat("中", 40), "\uE000p1", "-", "ü"} {
		f.Add(q)
	}
	s, _ := openAt(f, seededCopy(f))
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, q string) {
		res, err := s.Search(ctx, q, search.Options{PerKind: 3})
		if err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		if textnorm.Key(q) == "" && !res.Empty() {
			t.Fatalf("%q has no key but found %d groups", q, len(res.Groups))
		}
		for _, g := range res.Groups {
			if len(g.Hits) == 0 || len(g.Hits) > 3 {
				t.Fatalf("%q: group %s has %d hits", q, g.Kind, len(g.Hits))
			}
			for _, h := range g.Hits {
				if h.Kind != g.Kind || h.Ref == "" || h.Match < search.MatchDescription || h.Match > search.MatchExact {
					t.Fatalf("%q: bad hit %+v", q, h)
				}
			}
		}
	})
}

// FuzzParsePinyin reads arbitrary table files without failing, and keeps
// only phrases with one syllable per character.
func FuzzParsePinyin(f *testing.F) {
	f.Add("zhong\t中钟\nyin\t银\n", "银行\tyin hang\n")
	f.Add("\t\n\n", "行\t\n银行\tyin\n")
	f.Fuzz(func(t *testing.T, readings, phrases string) {
		tb := placename.ParseTable(readings, phrases)
		tb.Phrases(func(w string, syl []string) {
			if len([]rune(w)) != len(syl) {
				t.Fatalf("phrase %q kept with %v", w, syl)
			}
		})
		_ = tb.Syllables([]rune("银行中"))
	})
}

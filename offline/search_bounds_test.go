package offline

import (
	"context"
	"errors"
	"jiangsupass/offline/search"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// worstQueries are the costliest queries tried against the bounds of
// offline/search/query.go: pasted or held-down input far over them, and the
// costliest shapes within them.
func worstQueries() []struct {
	name, q string
	cut     bool // over the bounds
} {
	var hanzi strings.Builder // distinct characters, common ones first
	for r := rune(0x4E00); hanzi.Len() < 3*3000; r += 7 {
		hanzi.WriteRune(r)
	}
	words := strings.Repeat("南京夫子庙 nanjing fuzimiao ", 500)
	return []struct {
		name, q string
		cut     bool
	}{
		{`1,600 × "x "`, strings.Repeat("x ", 1600), true},
		{`10,000 × "a"`, strings.Repeat("a", 10000), true},
		{"10,000 characters of words", string([]rune(words)[:10000]), true},
		{"3,000 distinct hanzi", hanzi.String(), true},
		{"64 distinct hanzi", string([]rune(hanzi.String())[:search.MaxQueryRunes]), false},
		{`pinyin run "xian" × 2,500`, strings.Repeat("xian", 2500), true},
		{"ambiguous pinyin words", "xian xi an fangan fang an changan chang an jian", false},
		{"ambiguous pinyin, 9 words", "xian xi an fangan fang an changan chang an jian ji", true},
		{"26 single letters", "a b c d e f g h i j k l m n o p q r s t u v w x y z", true},
		{"8 single letters", "s x z c j n h y", false},
		{"8 two-letter initials", "sb zs nj sz wx cz yz nt", false},
	}
}

// searchCost runs one query and measures its time and the memory it
// allocated (which, unlike time, hardly depends on the machine).
func searchCost(t testing.TB, s *Store, q string) (search.Result, time.Duration, uint64) {
	t.Helper()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	res, err := s.Search(context.Background(), q, search.Options{PerKind: 8})
	took := time.Since(start)
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatalf("%.20q…: %v", q, err)
	}
	return res, took, after.TotalAlloc - before.TotalAlloc
}

// maxSearchAlloc is the most memory one query may allocate on the seed
// store. Before the bounds, 1,600 × "x " allocated 222 MB (and took 22 s).
const maxSearchAlloc = 4 << 20

// TestSearchWorstCasesAreBounded runs the worst queries on the seed store:
// each is cut to the bounds (and says so), allocates less than
// maxSearchAlloc, and still answers with what its first words find. Their
// times are logged here and measured against an ordinary query by
// BenchmarkSearchWorstCases.
func TestSearchWorstCasesAreBounded(t *testing.T) {
	s, _ := openAt(t, seededCopy(t))
	if _, err := s.Search(context.Background(), "zzy", search.Options{}); err != nil { // builds the index
		t.Fatal(err)
	}
	for _, tc := range worstQueries() {
		res, took, alloc := searchCost(t, s, tc.q)
		t.Logf("%-28s %6d characters: %8.2f ms, %5.2f MB, %d groups", tc.name, utf8.RuneCountInString(tc.q),
			float64(took.Microseconds())/1000, float64(alloc)/(1<<20), len(res.Groups))
		if alloc > maxSearchAlloc {
			t.Errorf("%s: allocated %.1f MB, want at most %d MB", tc.name, float64(alloc)/(1<<20), maxSearchAlloc>>20)
		}
		if res.Truncated != tc.cut {
			t.Errorf("%s: Truncated = %v, want %v", tc.name, res.Truncated, tc.cut)
		}
		if n := utf8.RuneCountInString(res.Query); n > search.MaxQueryRunes || !strings.HasPrefix(tc.q, res.Query) {
			t.Errorf("%s: searched %d characters (%.20q…), want the first %d at most", tc.name, n, res.Query, search.MaxQueryRunes)
		}
	}
	// What the first words of a long query find is still found.
	res, _, _ := searchCost(t, s, "中山陵 "+strings.Repeat("x ", 1600))
	if res.Empty() && len(res.Suggestions) == 0 {
		t.Error("a long query that begins with a name finds nothing and suggests nothing")
	}
}

// TestSearchStopsWhenCancelled: a query whose context is cancelled (a
// newer keystroke) returns the context's error and no hits.
func TestSearchStopsWhenCancelled(t *testing.T) {
	s, _ := openAt(t, seededCopy(t))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res, err := s.Search(ctx, "中山陵", search.Options{})
	if !errors.Is(err, context.Canceled) || !res.Empty() {
		t.Errorf("cancelled search: %d groups, %v; want none and context.Canceled", len(res.Groups), err)
	}
	// The index was still brought up to date, for the query after it.
	res, err = s.Search(context.Background(), "中山陵", search.Options{})
	if err != nil || res.Empty() {
		t.Errorf("the next search: %d groups, %v", len(res.Groups), err)
	}
}

// BenchmarkSearchWorstCases times each worst query on the seed store
// beside an ordinary one (a whole name in pinyin), both the median of three
// runs in the same iteration, and reports the memory the worst one
// allocated.
func BenchmarkSearchWorstCases(b *testing.B) {
	s, _ := openAt(b, seededCopy(b))
	if _, err := s.Search(context.Background(), "zzy", search.Options{}); err != nil {
		b.Fatal(err)
	}
	median := func(q string) (time.Duration, uint64) {
		var took [3]time.Duration
		var alloc uint64
		for i := range took {
			_, took[i], alloc = searchCost(b, s, q)
		}
		slices.Sort(took[:])
		return took[1], alloc
	}
	for _, tc := range worstQueries() {
		b.Run(tc.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				base, _ := median("zhongshanling")
				took, alloc := median(tc.q)
				b.ReportMetric(float64(took.Microseconds())/1000, "ms/query")
				b.ReportMetric(float64(alloc)/(1<<20), "MB/query")
				b.ReportMetric(float64(base.Microseconds())/1000, "ms/ordinary")
				b.ReportMetric(float64(took)/float64(max(base, time.Microsecond)), "x-vs-ordinary")
			}
		})
	}
}

package offline

import (
	"context"
	"strings"
	"testing"
	"time"

	"jiangsupass/assets"
	"jiangsupass/assets/seed"
	"jiangsupass/offline/search"
	"jiangsupass/platform/server"
)

// generatedCatalogue is a seeded store with n generated service items
// beside the standard ones, written as a sync would.
func generatedCatalogue(t testing.TB, n int) *Store {
	t.Helper()
	s, _ := openAt(t, seededCopy(t))
	d, err := seed.Load(assets.Data)
	if err != nil {
		t.Fatal(err)
	}
	insertCatalogue(t, s, server.CatalogueItems(d, n))
	return s
}

// containsCount counts by a plain scan the items whose name or theme
// contains a hanzi text and that pass an extra SQL test: the oracle of
// the catalogue's counts, sharing nothing with the index.
func containsCount(t *testing.T, s *Store, text, and string) int {
	t.Helper()
	var n int
	q := "SELECT count(*) FROM service_items WHERE (instr(name, ?) > 0 OR instr(theme, ?) > 0)" + and
	if err := s.db.QueryRow(q, text, text).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestCatalogueCountsEveryMatch: the count is of every item that matches,
// not of the 200 listed; a filter counts only the items it lets through;
// past the cap the count says "more".
func TestCatalogueCountsEveryMatch(t *testing.T) {
	ctx := context.Background()
	s := generatedCatalogue(t, 20_000)
	for _, c := range []struct {
		name  string
		query string
		f     CatalogueFilter
		and   string
	}{
		{"hanzi", "护照", CatalogueFilter{}, ""},
		{"hanzi, by audience", "社保", CatalogueFilter{Audience: "法人"}, " AND audience = '法人'"},
		{"hanzi, by level", "护照", CatalogueFilter{Level: LevelCity}, " AND (division_code = '' OR (division_code LIKE '32__00' AND division_code <> '320000'))"},
	} {
		t.Run(c.name, func(t *testing.T) {
			want := containsCount(t, s, c.query, c.and)
			page, err := s.SearchCatalogue(ctx, c.query, c.f)
			if err != nil {
				t.Fatal(err)
			}
			if page.Total != want || page.More {
				t.Errorf("%q: total %d (more %v), want %d", c.query, page.Total, page.More, want)
			}
			if len(page.Items) != min(want, 200) {
				t.Errorf("%q: %d items listed, want %d", c.query, len(page.Items), min(want, 200))
			}
			for _, it := range page.Items {
				if !strings.Contains(it.Name, c.query) && !strings.Contains(it.Theme, c.query) {
					t.Errorf("%q lists %q", c.query, it.Name)
				}
				if c.f.Audience != "" && it.Audience != c.f.Audience {
					t.Errorf("%q lists %q for %s", c.query, it.Name, it.Audience)
				}
			}
		})
	}
	// Initials count more than the 200 shown.
	page, err := s.SearchCatalogue(ctx, "hz", CatalogueFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if passports := containsCount(t, s, "护照", ""); len(page.Items) != 200 || page.Total < passports {
		t.Errorf("hz: %d listed of %d, want 200 of at least the %d passport items", len(page.Items), page.Total, passports)
	}
	// Every generated name says 情形: more than the cap.
	page, err = s.SearchCatalogue(ctx, "情形", CatalogueFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if !page.More || page.Total != CatalogueCountCap {
		t.Errorf("情形: total %d, more %v; want more than %d", page.Total, page.More, CatalogueCountCap)
	}
}

// TestCatalogueSearchStopsWhenCancelled: a cancelled search returns the
// context's error, not a page.
func TestCatalogueSearchStopsWhenCancelled(t *testing.T) {
	s, _ := openAt(t, seededCopy(t))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.SearchCatalogue(ctx, "社保", CatalogueFilter{}); err == nil {
		t.Error("a cancelled search returned no error")
	}
}

// BenchmarkCatalogueCount times the count of "first 200 of N" over the
// 134,800-item catalogue for a few queries, beside the search that lists
// those 200 (Search, as the catalogue listed them before), in the same
// run: the count's cost as a ratio of the listing's.
func BenchmarkCatalogueCount(b *testing.B) {
	ctx := context.Background()
	s := generatedCatalogue(b, server.ProvincialCatalogueSize)
	start := time.Now()
	if err := s.refreshSearch(ctx); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(time.Since(start).Seconds(), "s/first-query-index")
	queries := []string{"hz", "社保", "护照", "qingxing", "s"}
	var page, list time.Duration
	for i := 0; i < b.N; i++ {
		for _, q := range queries {
			t0 := time.Now()
			p, err := s.SearchCatalogue(ctx, q, CatalogueFilter{})
			page += time.Since(t0)
			if err != nil {
				b.Fatal(err)
			}
			if i == 0 {
				b.Logf("%q: %d listed of %d (more: %v)", q, len(p.Items), p.Total, p.More)
			}
			t1 := time.Now()
			if _, err := s.Search(ctx, q, search.Options{Kinds: []string{search.KindService}, PerKind: 200}); err != nil {
				b.Fatal(err)
			}
			list += time.Since(t1)
		}
	}
	n := float64(b.N * len(queries))
	b.ReportMetric(float64(page.Microseconds())/1000/n, "ms/page+count")
	b.ReportMetric(float64(list.Microseconds())/1000/n, "ms/search-200")
	b.ReportMetric(float64(page)/float64(list), "x-vs-search-200")
}

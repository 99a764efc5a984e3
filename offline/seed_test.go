package offline

import (
	"context"
	"path/filepath"
	"testing"
)

func TestSeedImportCounts(t *testing.T) {
	s, rec := openAt(t, filepath.Join(t.TempDir(), "nested", "dir", "store.db"))
	if rec.Happened() {
		t.Fatalf("fresh open reported a recovery: %+v", rec)
	}
	want := map[string]int{
		"attractions": 26, "divisions": 118, "townships": 1487, "stations": 678,
		"metro_lines": 32, "hubs": 17, "service_items": 66, "layers": 8,
	}
	for table, n := range want {
		if got := count(t, s, table); got != n {
			t.Errorf("%s: %d rows, want %d", table, got, n)
		}
	}
	ctx := context.Background()
	all, err := s.Attractions(ctx, AttractionFilter{})
	if err != nil {
		t.Fatal(err)
	}
	withPoint := 0
	for _, a := range all {
		if a.HasPoint {
			withPoint++
		}
	}
	if withPoint != 25 {
		t.Errorf("%d attractions with a point, want 25", withPoint)
	}
	cities, err := s.Cities(ctx)
	if err != nil || len(cities) != 13 {
		t.Fatalf("Cities: %d, %v; want 13", len(cities), err)
	}
	counties := 0
	for _, c := range cities {
		cs, err := s.Counties(ctx, c.Code)
		if err != nil {
			t.Fatal(err)
		}
		counties += len(cs)
	}
	if counties != 104 {
		t.Errorf("%d counties, want 104", counties)
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.SeedVersion != SeedVersion() || !st.SeededAt.Equal(testNow) || st.SizeBytes <= 0 {
		t.Errorf("Stats = %+v", st)
	}
	t.Logf("stats: %+v", st)
}

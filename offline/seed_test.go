package offline

import (
	"bytes"
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"jiangsupass/assets/seed"
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

// TestSecondOpenDoesNotImport proves that a second Open writes no seed
// rows: a seeded row changed before reopening stays changed, a deleted one
// stays deleted, and seeded_at does not move.
func TestSecondOpenDoesNotImport(t *testing.T) {
	ctx := context.Background()
	path := seededCopy(t)
	s, _ := openAt(t, path)
	before, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.Exec(`UPDATE attractions SET address = 'changed by the test' WHERE id = '5a-001';
		DELETE FROM hubs WHERE name = '南京南'`); err != nil {
		t.Fatal(err)
	}
	s.Close()

	later := testNow.Add(48 * time.Hour)
	s2, _, err := Open(ctx, path, Options{Anchors: testAnchors, Now: func() time.Time { return later }})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	a, err := s2.Attraction(ctx, "5a-001")
	if err != nil || a.Address != "changed by the test" {
		t.Errorf("address after reopening = %q, %v: the seed was imported again", a.Address, err)
	}
	after, err := s2.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if after.Counts["hubs"] != 16 {
		t.Errorf("hubs after reopening = %d, want 16 (the deleted one not re-imported)", after.Counts["hubs"])
	}
	if !after.SeededAt.Equal(before.SeededAt) || after.SeedVersion != before.SeedVersion {
		t.Errorf("seed record moved: %v %s → %v %s", before.SeededAt, before.SeedVersion, after.SeededAt, after.SeedVersion)
	}
	for table, n := range before.Counts {
		if table != "hubs" && after.Counts[table] != n {
			t.Errorf("%s: %d rows, was %d", table, after.Counts[table], n)
		}
	}
}

// TestNewSeedVersionUpdatesSeededRows checks what an app update with new
// data does: seeded rows take the new values, rows that did not come from
// the seed and the user's settings are kept, and the seed record moves.
func TestNewSeedVersionUpdatesSeededRows(t *testing.T) {
	ctx := context.Background()
	path := seededCopy(t)
	s, _ := openAt(t, path)
	if err := s.SetSetting(ctx, "language", "ko"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.Exec(`INSERT INTO attractions (id, name, grade, city_code, county_code, address, source)
		VALUES ('synced-1', '玄武湖', '4A', '320100', '320102', '', 'platform')`); err != nil {
		t.Fatal(err)
	}
	oldVersion := SeedVersion()
	s.Close()

	snap := seedCopy(t)
	f := snap["data/"+seed.FileAttractions]
	f.Data = bytes.Replace(f.Data, []byte("无锡市滨湖区山水西路128号"), []byte("无锡市滨湖区山水西路128号(新)"), 1)
	later := testNow.Add(time.Hour)
	s2, _, err := open(ctx, path, Options{Anchors: testAnchors, Now: func() time.Time { return later }}, snap)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	a, err := s2.Attraction(ctx, "5a-001")
	if err != nil || a.Address != "无锡市滨湖区山水西路128号(新)" {
		t.Errorf("seeded row not updated: %q, %v", a.Address, err)
	}
	if _, err := s2.Attraction(ctx, "synced-1"); err != nil {
		t.Errorf("row from outside the seed lost: %v", err)
	}
	if v, _, _ := s2.Setting(ctx, "language"); v != "ko" {
		t.Errorf("setting lost: %q", v)
	}
	st, err := s2.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.SeedVersion == oldVersion || !st.SeededAt.Equal(later) || st.Counts["attractions"] != 27 {
		t.Errorf("after the new seed: %+v", st)
	}
}

// TestBadSeedImportsNothing checks that a seed with a bad row fails Open
// with an error naming the file and line, and that nothing of it is
// written.
func TestBadSeedImportsNothing(t *testing.T) {
	snap := seedCopy(t)
	f := snap["data/"+seed.FileTownships]
	lines := strings.Split(string(f.Data), "\n")
	lines[700] = "3201020xx,坏乡,320102,320100" // line 701 of the file
	f.Data = []byte(strings.Join(lines, "\n"))

	path := filepath.Join(t.TempDir(), "store.db")
	_, _, err := open(context.Background(), path, testOptions(), snap)
	if err == nil || !strings.Contains(err.Error(), "jiangsu_townships.csv line 701") {
		t.Fatalf("error = %v, want it to name jiangsu_townships.csv line 701", err)
	}
	assertEmptySeedTables(t, path)
}

// TestSeedImportIsOneTransaction makes the database refuse the hubs, which
// are written after the divisions and attractions, and checks that none of
// the seed was kept.
func TestSeedImportIsOneTransaction(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "store.db")
	db, err := sql.Open("sqlite3", fileDSN(path))
	if err != nil {
		t.Fatal(err)
	}
	if err := migrate(ctx, db, LatestSchemaVersion(), liveClock); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`CREATE TRIGGER refuse_hubs BEFORE INSERT ON hubs
		BEGIN SELECT RAISE(ABORT, 'hubs refused by the test'); END`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	_, _, err = Open(ctx, path, testOptions())
	if err == nil || !strings.Contains(err.Error(), "hubs refused") {
		t.Fatalf("error = %v", err)
	}
	assertEmptySeedTables(t, path)
}

// assertEmptySeedTables checks that no seeded table of the store at path
// holds rows and that no seed version is recorded.
func assertEmptySeedTables(t *testing.T, path string) {
	t.Helper()
	db, err := sql.Open("sqlite3", fileDSN(path))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, table := range []string{"divisions", "townships", "attractions", "layers", "stations", "metro_lines", "hubs", "service_items", "meta"} {
		var n int
		if err := db.QueryRow("SELECT count(*) FROM " + table).Scan(&n); err != nil || n != 0 {
			t.Errorf("%s has %d rows (%v) after a failed import", table, n, err)
		}
	}
}

func TestSeedVersion(t *testing.T) {
	v := SeedVersion()
	if !strings.HasPrefix(v, "sha256:") || len(v) != len("sha256:")+16 {
		t.Errorf("SeedVersion() = %q", v)
	}
	snap := seedCopy(t)
	same, err := seed.Version(snap)
	if err != nil || same != v {
		t.Errorf("version of a copy = %q, %v; want %q", same, err, v)
	}
	snap["data/"+seed.FileServices].Data = append(snap["data/"+seed.FileServices].Data, "个人,测试,新事项,测试厅,市级,\n"...)
	if changed, _ := seed.Version(snap); changed == v {
		t.Error("version did not change with the data")
	}
	delete(snap, "data/"+seed.FileCitiesI18n)
	if _, err := seed.Version(snap); err != nil {
		t.Errorf("optional file missing: %v", err)
	}
}

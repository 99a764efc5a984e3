package screens

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"jiangsupass/offline"
	"jiangsupass/transit"
)

// TestTransportNetworkCache: the first start compiles the network and
// keeps it beside the database; a restart plans from the kept network
// without reading the feeds again, with the same answers and the same
// skipped rows on the Transport tab; a changed feed compiles it again.
func TestTransportNetworkCache(t *testing.T) {
	dir := t.TempDir()
	feed := filepath.Join(dir, "gtfs", "sample")
	if err := os.MkdirAll(feed, 0o755); err != nil {
		t.Fatal(err)
	}
	src := "../assets/data/gtfs-sample-feed"
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if e.Name() == "trips.txt" { // a trip with no stop times: skipped, with a warning
			data = append([]byte(strings.TrimRight(string(data), "\r\n")), []byte("\nAB,FULLW,GHOST,to Nowhere,0,1,\n")...)
		}
		if err := os.WriteFile(filepath.Join(feed, e.Name()), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	env, _ := testEnv(t, "en")
	st, _, err := offline.Open(context.Background(), filepath.Join(dir, "store.db"), offline.Options{Now: env.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	env.Store = st
	day := time.Date(2008, 6, 2, 0, 0, 0, 0, time.UTC)
	first, err := compileTransport(context.Background(), st, day)
	if err != nil {
		t.Fatal(err)
	}
	cached, _ := filepath.Glob(filepath.Join(dir, "transit-cache", "*.net"))
	if len(cached) != 1 || len(first.skipped) != 1 {
		t.Fatalf("%d cached networks, %d skipped rows; want 1 and 1", len(cached), len(first.skipped))
	}
	// A feed that cannot be read any more shows that the restart does
	// not read it: the network comes from the cache.
	stops := filepath.Join(feed, "stops.txt")
	info, _ := os.Stat(stops)
	hidden := filepath.Join(dir, "stops.txt.away")
	if err := os.Rename(stops, hidden); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(stops, []byte("not,a,stops,file\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(stops, info.Size()); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(stops, info.ModTime(), info.ModTime()); err != nil {
		t.Fatal(err)
	}
	again, err := compileTransport(context.Background(), st, day)
	if err != nil {
		t.Fatal(err)
	}
	if again.imported != 1 || len(again.skipped) != 1 || len(again.failed) != 0 {
		t.Fatalf("after a restart: %d imported, %d skipped, %d failed; want 1, 1, 0 from the cache", again.imported, len(again.skipped), len(again.failed))
	}
	q := transit.Query{From: transit.StopPlace("1:BEATTY_AIRPORT"), To: transit.StopPlace("1:BULLFROG"), Depart: transit.HMS(22, 0, 0), MaxTransfers: 2}
	a, err1 := first.net.Plan(q)
	b, err2 := again.net.Plan(q)
	if err1 != nil || err2 != nil || len(a.Options) == 0 || len(a.Options) != len(b.Options) || a.Options[0].Arrive != b.Options[0].Arrive {
		t.Fatalf("compiled %v (%v), cached %v (%v)", a, err1, b, err2)
	}
	o := linesView(env, again)
	show(t, o)
	if !showsText(o, env.L.N("TransportFeedSkipped", 1, nil)) {
		t.Error("the Transport tab does not say a row was skipped")
	}
	// The feed changes: compiled again, and the old network removed.
	if err := os.Rename(hidden, stops); err != nil {
		t.Fatal(err)
	}
	agency := filepath.Join(feed, "agency.txt")
	data, _ := os.ReadFile(agency)
	if err := os.WriteFile(agency, append(data, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := compileTransport(context.Background(), st, day); err != nil {
		t.Fatal(err)
	}
	now, _ := filepath.Glob(filepath.Join(dir, "transit-cache", "*.net"))
	if len(now) != 1 || now[0] == cached[0] || !strings.HasSuffix(now[0], ".net") {
		t.Errorf("cached networks %v after a change, were %v; want one other", now, cached)
	}
}

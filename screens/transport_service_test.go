package screens

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"jiangsupass/clock/clocktest"
	"jiangsupass/offline"
	"jiangsupass/platform"
	"jiangsupass/platform/server"
	"jiangsupass/platform/server/servertest"
	"jiangsupass/transit"
)

// TestPlannerAfterSync: the app's transport planner keeps its compiled
// network across screens, and a sync from the reference server on
// loopback that leaves the transit input alone (it brings a port among the
// points of interest) keeps it too; a sync after which the input has
// changed (here the feeds folder: an operator's GTFS feed put there
// meanwhile) makes the next plan run on a network compiled again, with the
// new feed's stops and trips.
func TestPlannerAfterSync(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	env, _ := testEnv(t, "en")
	day := time.Date(2008, 6, 2, 9, 0, 0, 0, time.UTC) // in the sample feed's calendar
	env.Now = func() time.Time { return day }
	st, _, err := offline.Open(ctx, filepath.Join(dir, "store.db"), offline.Options{Now: env.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	env.Store = st
	p := servertest.Start(t, server.Options{Now: clocktest.Now}, nil)
	c := platform.NewClient(p.URL, platform.Options{Timeout: 5 * time.Second})
	engine := offline.NewSyncEngine(st, c, offline.SyncOptions{})

	first, err := env.Transport.Network(ctx, st, env.Now())
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := first.net.StopIndex("1:BEATTY_AIRPORT"); ok || first.imported != 0 {
		t.Fatalf("a feed in the network before any was put in the folder (%d imported)", first.imported)
	}
	// Told once the planner has been: it subscribed first.
	synced := make(chan struct{}, 8)
	stop := st.OnChange(func(c offline.Change) {
		if c.Has(offline.ChangeData) {
			synced <- struct{}{}
		}
	})
	t.Cleanup(stop)
	syncPOI := func(name string) {
		t.Helper()
		poi := &platform.POI{ID: "port-test", Kind: "port", Name: name, Lon: 118.73, Lat: 32.09, Source: "test"}
		if _, err := p.Put(ctx, platform.POIs, poi); err != nil {
			t.Fatal(err)
		}
		if err := engine.Sync(ctx); err != nil {
			t.Fatal(err)
		}
		select {
		case <-synced:
		case <-time.After(10 * time.Second):
			t.Fatal("the store told no change after the sync")
		}
	}

	syncPOI("南京港")
	same, err := env.Transport.Network(ctx, st, env.Now())
	if err != nil {
		t.Fatal(err)
	}
	if same != first {
		t.Error("compiled again after a sync that left the lines, the stations and the feeds folder alone")
	}

	copyDir(t, "../assets/data/gtfs-sample-feed", filepath.Join(dir, "gtfs", "beatty"))
	syncPOI("南京港客运码头")
	d, err := loadTransport(ctx, env)
	if err != nil {
		t.Fatal(err)
	}
	if d.imported != 1 {
		t.Fatalf("the next plan after the sync runs on a network with %d imported feeds, want 1: the old network was kept", d.imported)
	}
	q := transit.Query{From: transit.StopPlace("1:BEATTY_AIRPORT"), To: transit.StopPlace("1:BULLFROG"), Depart: transit.HMS(22, 0, 0), MaxTransfers: 2}
	if res, err := d.net.Plan(q); err != nil || len(res.Options) == 0 {
		t.Errorf("planning on the new feed: %v, %v", res, err)
	}
}

// TestPlannerNewChinaDay: the network is compiled for the service day in
// China; ten minutes before midnight there it is the same network as in
// the morning, and twenty minutes later (still the evening before on a
// device in Los Angeles) the next plan compiles the new day's.
func TestPlannerNewChinaDay(t *testing.T) {
	ctx := context.Background()
	env, _, clk := testEnvClock(t, "en")
	today, tomorrow := clocktest.Days(0), clocktest.Days(1)
	la := zone(t, "America/Los_Angeles")
	clk.Set(clocktest.At(t, today, "08:00").In(la))
	morning, err := env.Transport.Network(ctx, env.Store, env.Now())
	if err != nil {
		t.Fatal(err)
	}
	clk.Set(clocktest.At(t, today, "23:50").In(la))
	late, err := env.Transport.Network(ctx, env.Store, env.Now())
	if err != nil {
		t.Fatal(err)
	}
	if late != morning {
		t.Error("compiled again within the same day in China")
	}
	clk.Set(clocktest.At(t, tomorrow, "00:10").In(la))
	next, err := env.Transport.Network(ctx, env.Store, env.Now())
	if err != nil {
		t.Fatal(err)
	}
	if next == morning {
		t.Fatal("the network of the day before is still used after midnight in China")
	}
	if got := env.Transport.(*TransportPlanner).compiledDay().Format("2006-01-02"); got != tomorrow {
		t.Errorf("compiled for %s, want %s", got, tomorrow)
	}
}

// copyDir copies the files of the folder src into a new folder dst.
func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dst, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dst, e.Name()), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestNetworkCacheFolderUnusable: a folder of compiled networks that
// cannot be used (here a file where the folder should be) is reported,
// not passed over in silence.
func TestNetworkCacheFolderUnusable(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "transit-cache")
	if err := os.WriteFile(dir, []byte("not a folder"), 0o600); err != nil {
		t.Fatal(err)
	}
	n, err := transit.Compile(transit.Merge(), time.Date(2008, 6, 2, 0, 0, 0, 0, time.UTC), transit.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := saveCachedNetwork(dir, "k", n, cachedExtras{}); err == nil {
		t.Error("a cache folder that is a file gave no error")
	}
}

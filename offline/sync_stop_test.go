package offline

import (
	"context"
	"errors"
	"net/http/httptest"
	"os/exec"
	"path"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"jiangsupass/platform"
	"jiangsupass/platform/server"
	"jiangsupass/platform/server/servertest"
)

// TestStopWhileAPageIsInFlight stops the engine while the server holds a
// page of the first collection mid-sync, then closes the store: Stop
// returns once the run has, the run ends cancelled (never on a closed
// database), no change is told after Close, the file passes PRAGMA
// integrity_check, its cursor has not passed the page that was in flight,
// and a sync from there brings the replica level with the server.
func TestStopWhileAPageIsInFlight(t *testing.T) {
	ctx := context.Background()
	ps := startPlatform(t, server.Options{Catalogue: 2000})
	// The first pages of every collection, then two more, pass.
	hold := servertest.NewHold(t, "/v1/sync/", len(platform.Collections)+3)
	hs := httptest.NewServer(hold.Wrap(ps.Server.Handler()))
	t.Cleanup(func() {
		hold.Release()
		hs.Close()
	})
	file := seededCopy(t)
	s, _, err := Open(ctx, file, Options{Anchors: testAnchors, Now: liveClock})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var closed atomic.Bool
	var late atomic.Int32
	s.OnChange(func(Change) {
		if closed.Load() {
			late.Add(1)
		}
	})

	e := NewSyncEngine(s, testClient(hs.URL, nil), fastSync())
	var mu sync.Mutex
	var runs []error
	e.OnDone(func(err error) {
		mu.Lock()
		runs = append(runs, err)
		mu.Unlock()
	})
	e.Start(ctx)
	var held string
	var heldSince platform.Cursor
	select {
	case u := <-hold.Held():
		held = path.Base(u.Path)
		heldSince, err = platform.ParseCursor(u.Query().Get("since"))
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the sync never asked for the page to hold")
	}

	stopped := make(chan struct{})
	go func() {
		e.Stop()
		close(stopped)
	}()
	select {
	case <-stopped:
	case <-time.After(10 * time.Second):
		t.Fatal("Stop did not return while a page was held")
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	closed.Store(true)
	time.Sleep(3 * changeCoalesce) // a delivery after Close would come by now
	if n := late.Load(); n > 0 {
		t.Errorf("a subscriber was told of %d changes after Close", n)
	}
	mu.Lock()
	if len(runs) != 1 {
		t.Errorf("%d runs ended, want the one cancelled: %v", len(runs), runs)
	}
	for _, err := range runs {
		if err == nil || !errors.Is(err, context.Canceled) || strings.Contains(err.Error(), "database is closed") {
			t.Errorf("the run ended with %v, want it cancelled, before the store closed", err)
		}
	}
	mu.Unlock()
	if err := e.Sync(ctx); err == nil {
		t.Error("a stopped engine ran again")
	}

	integrityCheck(t, file)
	s2, _, err := Open(ctx, file, Options{Anchors: testAnchors, Now: liveClock})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	cur, err := s2.Cursor(ctx, held)
	if err != nil {
		t.Fatal(err)
	}
	if cur > heldSince {
		t.Errorf("%s: the cursor is at %d, past the page since %d that was never received", held, cur, heldSince)
	}
	if cur == 0 {
		t.Errorf("%s: no page before the one held was kept", held)
	}
	hold.Release()
	if err := NewSyncEngine(s2, testClient(hs.URL, nil), fastSync()).Sync(ctx); err != nil {
		t.Fatal(err)
	}
	assertSameData(t, s2, ps)
}

// integrityCheck runs PRAGMA integrity_check on the closed store file
// through the sqlite3 command when it is installed, else through the
// store's own driver.
func integrityCheck(t *testing.T, file string) {
	t.Helper()
	if bin, err := exec.LookPath("sqlite3"); err == nil {
		out, err := exec.Command(bin, "-readonly", file, "PRAGMA integrity_check").CombinedOutput()
		if err != nil || strings.TrimSpace(string(out)) != "ok" {
			t.Fatalf("sqlite3 integrity_check: %q, %v", out, err)
		}
		return
	}
	problem, err := checkFile(context.Background(), file)
	if err != nil || problem != "" {
		t.Fatalf("integrity_check: %q, %v", problem, err)
	}
}

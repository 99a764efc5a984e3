package app

import (
	"bytes"
	"context"
	"log"
	"net/http"
	"os"
	"os/exec"
	"path"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"jiangsupass/offline"
	"jiangsupass/platform"
	"jiangsupass/platform/server"
	"jiangsupass/platform/server/servertest"
	"jiangsupass/screens"
)

// lockedBuffer is a log's output that goroutines may write together.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestCloseDuringSync closes the app as Run does while the server holds
// a page of the first sync: the screen's loads are ended, the syncer is
// stopped and the store closed. Nothing is logged as failing on a closed
// database, the run ends cancelled, nothing is handed to the UI after
// the store closed, and the store file opens again sound, its cursor not
// past the page that was in flight. Run it with -race too.
func TestCloseDuringSync(t *testing.T) {
	ctx := context.Background()
	// The server holds a page of the first collection, and is slow to
	// answer anything but pages: what a run does after it is cancelled
	// takes a while.
	hold := servertest.NewHold(t, "/v1/sync/", len(platform.Collections)+2)
	slow := func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if !strings.HasPrefix(r.URL.Path, "/v1/sync/") {
				time.Sleep(100 * time.Millisecond)
			}
			hold.Wrap(next).ServeHTTP(w, r)
		})
	}
	p := servertest.Start(t, server.Options{Now: snapshotClock, Catalogue: 2000, PageLimit: 250}, slow)
	var logged lockedBuffer
	log.SetOutput(&logged)
	t.Cleanup(func() { log.SetOutput(os.Stderr) })

	s, _ := newTestShell(t, prefs{lang: "en", theme: ThemeLight}, LayoutDesktop, fyne.NewSize(1100, 900))
	file := s.store.Path()
	ui := make(chan func(), 10000)
	s.syncer = newSyncer(s.store, "", "test", "en")
	s.syncer.do = func(f func()) { ui <- f }
	s.syncer.start(p.URL)
	s.Go(screens.Route{Screen: screens.SettingsID})
	var mu sync.Mutex
	var runs []error
	s.syncer.mu.Lock()
	s.syncer.engine.OnDone(func(err error) {
		mu.Lock()
		runs = append(runs, err)
		mu.Unlock()
	})
	s.syncer.mu.Unlock()

	var held string
	var heldSince platform.Cursor
	select {
	case u := <-hold.Held():
		held = path.Base(u.Path)
		var err error
		if heldSince, err = platform.ParseCursor(u.Query().Get("since")); err != nil {
			t.Fatal(err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the sync never asked for the page to hold")
	}

	// As Run closes: loads, then the syncer, then the store.
	s.endLoads()
	s.syncer.stop()
	drain(ui)
	if err := s.store.Close(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond) // what came after the close would have come by now
	if n := len(ui); n > 0 {
		t.Errorf("%d updates were handed to the UI after the store closed", n)
	}
	if out := logged.String(); strings.Contains(out, "database is closed") {
		t.Errorf("closing during a sync logged:\n%s", out)
	}
	mu.Lock()
	for _, err := range runs {
		if err != nil && strings.Contains(err.Error(), "database is closed") {
			t.Errorf("the run ended on the closed store: %v", err)
		}
	}
	mu.Unlock()

	if bin, err := exec.LookPath("sqlite3"); err == nil {
		out, err := exec.Command(bin, "-readonly", file, "PRAGMA integrity_check").CombinedOutput()
		if err != nil || strings.TrimSpace(string(out)) != "ok" {
			t.Fatalf("sqlite3 integrity_check: %q, %v", out, err)
		}
	}
	again, rec, err := offline.Open(ctx, file, offline.Options{Now: snapshotClock})
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	if rec.MovedTo != "" {
		t.Errorf("the store was rebuilt on opening again: %s", rec.Reason)
	}
	if cur, err := again.Cursor(ctx, held); err != nil || cur > heldSince {
		t.Errorf("%s: the cursor is at %d (%v), past the page since %d that was never received", held, cur, err, heldSince)
	}
}

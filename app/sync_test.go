package app

import (
	"context"
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"jiangsupass/platform"
	"jiangsupass/platform/server"
	"jiangsupass/screens"
	"jiangsupass/screens/widgets"
)

// TestSyncNowInSettings points the app at a reference server on loopback
// from Settings, watches the progress bar while the first sync runs, then
// changes an attraction on the server, taps "Sync now" and finds the
// change in the app's store. With JSP_SYNC_SHOTS=DIR it also writes what
// the window showed during and after each sync.
func TestSyncNowInSettings(t *testing.T) {
	ctx := context.Background()
	srv, err := server.Open(ctx, filepath.Join(t.TempDir(), "platform.db"), server.Options{Catalogue: 2000, PageLimit: 250, Now: snapshotClock})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	// Each page takes a while, as on a slow network, so that the bar
	// can be seen.
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/v1/sync/") {
			time.Sleep(40 * time.Millisecond)
		}
		srv.Handler().ServeHTTP(w, r)
	}))
	defer hs.Close()

	s, w := newTestShell(t, prefs{lang: "en", theme: ThemeLight}, LayoutDesktop, fyne.NewSize(1100, 1900))
	s.syncer = newSyncer(s.store, "", "test", "en")
	defer s.syncer.stop()
	// The test's goroutine is the UI goroutine: what the syncer would hand
	// to fyne.Do waits in a queue that waitSync drains.
	ui := make(chan func(), 10000)
	s.syncer.do = func(f func()) { ui <- f }
	s.Go(screens.Route{Screen: screens.SettingsID})
	if !hasText(w.Content(), "No API server is set, so the app uses only the data on this device.") {
		t.Error("Settings does not say that no server is set")
	}
	entry := findEntry(w.Content())
	if entry == nil {
		t.Fatal("no API server field in Settings")
	}
	test.Type(entry, hs.URL)
	if !tapText(w.Content(), "Use this server") {
		t.Fatal("no button to use the server")
	}
	shots := os.Getenv("JSP_SYNC_SHOTS")
	waitSync(t, w, ui, filepath.Join(shots, "sync-first-running.png"), shots != "")
	shoot(t, w, shots, "sync-first-done.png")

	if _, err := srv.Patch(ctx, platform.Attractions, "5a-002", []byte(`{"name":"夫子庙（已更新）"}`)); err != nil {
		t.Fatal(err)
	}
	if !tapText(w.Content(), "Sync now") {
		t.Fatal("no Sync now button")
	}
	waitSync(t, w, ui, "", false)
	shoot(t, w, shots, "sync-now-done.png")
	a, err := s.store.Attraction(ctx, "5a-002")
	if err != nil || a.Name.In("zh-Hans") != "夫子庙（已更新）" {
		t.Errorf("after Sync now the attraction is %q, %v", a.Name.In("zh-Hans"), err)
	}
	if hasText(w.Content(), "Never") {
		t.Error("Settings still says the app never synced")
	}
}

// waitSync waits for a sync to start and end; it checks that the progress
// bar is on screen while it runs, and writes a capture then if asked.
func waitSync(t *testing.T, w fyne.Window, ui chan func(), shot string, capture bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	sawBar, shotTaken := false, false
	for time.Now().Before(deadline) {
		drain(ui)
		bar := findBar(w.Content())
		if bar != nil && bar.Value > 0.2 && bar.Value < 0.9 && !shotTaken && capture {
			writeCapture(t, w, shot)
			shotTaken = true
		}
		if bar != nil {
			sawBar = true
		}
		if sawBar && bar == nil {
			return
		}
		time.Sleep(2 * time.Millisecond)
	}
	t.Fatalf("the sync did not show its progress and end (bar seen: %v)", sawBar)
}

// drain runs what waits for the UI goroutine.
func drain(ui chan func()) {
	for {
		select {
		case f := <-ui:
			f()
		default:
			return
		}
	}
}

func shoot(t *testing.T, w fyne.Window, dir, name string) {
	if dir != "" {
		writeCapture(t, w, filepath.Join(dir, name))
	}
}

func writeCapture(t *testing.T, w fyne.Window, path string) {
	t.Helper()
	var img = w.Canvas().Capture()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}

// findBar returns the visible progress bar under o, if any.
func findBar(o fyne.CanvasObject) *widget.ProgressBar {
	var bar *widget.ProgressBar
	walk(o, nil, func(v visit) {
		if b, ok := v.obj.(*widget.ProgressBar); ok && bar == nil {
			bar = b
		}
	})
	return bar
}

// findEntry returns the first text field under o.
func findEntry(o fyne.CanvasObject) *widgets.Entry {
	var e *widgets.Entry
	walk(o, nil, func(v visit) {
		if x, ok := v.obj.(*widgets.Entry); ok && e == nil {
			e = x
		}
	})
	return e
}

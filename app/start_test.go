package app

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"jiangsupass/kiosk"
	"jiangsupass/offline"
)

// TestNothingIsDrawnBeforeTheAppStarts builds the window as Run does, on
// the test driver, whose fyne.Do runs a function at once on the calling
// goroutine: what the mobile driver does until the app has started
// (internal/driver/mobile/driver.go), when the UI is still being built on
// another goroutine. Home's load of the offline counts returns long before
// the start, yet no widget shows its result until the driver says the app
// has started; then Home shows it.
func TestNothingIsDrawnBeforeTheAppStarts(t *testing.T) {
	a, s, w := shownShell(t, fyne.NewSize(1100, 900))
	t.Cleanup(s.endLoads)
	// The first words of Home's line of offline counts, which its load fills in.
	ready := strings.Join(strings.Fields(s.loc.T("OfflineReady"))[:3], " ")

	if !s.loadsReturned(20 * time.Second) {
		t.Fatal("the screens' loads did not return in 20 s")
	}
	if c := w.Content(); c != nil && hasTextPrefix(c, ready) {
		t.Fatal("a load applied its result to Home before the app started")
	}

	// Once started, the real drivers queue what fyne.Do is given for the
	// UI goroutine; the test driver still runs it in place, so from here
	// on the loads run in line, as in the other shell tests.
	s.sync = true
	started(a)
	if c := w.Content(); c == nil || !hasTextPrefix(c, ready) {
		t.Fatal("once the app has started, Home does not show its offline counts")
	}
}

// shownShell is a shell in English over a real store, given to a test
// window of the given size as Run gives it (showShell), with its loads off
// the UI goroutine: the app has not started yet (see started).
func shownShell(t *testing.T, size fyne.Size) (fyne.App, *Shell, fyne.Window) {
	t.Helper()
	a := test.NewTempApp(t)
	store, _, err := offline.Open(context.Background(), filepath.Join(t.TempDir(), "store.db"), offline.Options{Now: snapshotClock})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	w := test.NewTempWindow(t, nil)
	w.Resize(size)
	s, err := newShell(a, w, store, prefs{lang: "en", theme: ThemeLight}, "test", snapshotClock)
	if err != nil {
		t.Fatal(err)
	}
	a.Settings().SetTheme(newTheme(ThemeLight, false))
	showShell(a, w, s)
	return a, s, w
}

// started runs the app's start hook, as the driver does once it runs.
func started(a fyne.App) {
	if f := a.Lifecycle().(interface{ OnStarted() func() }).OnStarted(); f != nil {
		f()
	}
}

// TestNothingIsDrawnBeforeTheKioskStarts is TestNothingIsDrawnBeforeTheAppStarts
// for a kiosk, built as runKiosk builds it (showKiosk): until the driver
// says the app has started, no screen is built and the window has no
// content, so no load can reach a widget; then the supervised Home shows,
// with the kiosk's controls.
func TestNothingIsDrawnBeforeTheKioskStarts(t *testing.T) {
	a := test.NewTempApp(t)
	kc, err := kiosk.Parse([]byte("role = \"tourist\"\nlanguage = \"en\"\nadmin_pin_hash = \""+testPINHash()+"\"\n"), func(string) bool { return true })
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("TMPDIR", t.TempDir())
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1280, 800))
	store, s, err := openKiosk(context.Background(), a, w, Config{DataDir: t.TempDir(), Version: "test"}, kc, snapshotClock)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close(); _ = s.services.Close() })
	t.Cleanup(s.endLoads)
	t.Cleanup(showKiosk(a, w, kc, s, func() {}))

	if !s.loadsReturned(20 * time.Second) {
		t.Fatal("the screens' loads did not return in 20 s")
	}
	if c := w.Content(); c != nil && windowText(c) != "" {
		t.Fatalf("before the app started the kiosk shows %q", windowText(c))
	}

	s.sync = true
	started(a)
	got := ""
	if c := w.Content(); c != nil {
		got = windowText(c)
	}
	for _, want := range []string{s.loc.T("AttractionsTitle"), s.loc.T("KioskStartOver")} {
		if !strings.Contains(got, want) {
			t.Errorf("once the app has started, the kiosk does not show %q: %q", want, got)
		}
	}
}

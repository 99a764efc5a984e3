package app

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"jiangsupass/platform/server"
	"jiangsupass/platform/server/servertest"
	"jiangsupass/screens"
)

// hasTextPrefix reports whether some visible text under o begins with s.
func hasTextPrefix(o fyne.CanvasObject, s string) bool {
	for _, t := range texts(o) {
		if strings.HasPrefix(t.Text, s) {
			return true
		}
	}
	return false
}

// TestSettingsCountsFollowASync: Settings, left open while the first sync
// brings 3,000 generated service items, shows the new count and says the
// items were synced from that server, without being opened again; before
// the sync it says they are built into the app.
func TestSettingsCountsFollowASync(t *testing.T) {
	p := servertest.Start(t, server.Options{Catalogue: 3000, PageLimit: 500, Now: snapshotClock}, nil)
	s, w := newTestShell(t, prefs{lang: "en", theme: ThemeLight}, LayoutDesktop, fyne.NewSize(1100, 1900))
	s.syncer = newSyncer(s.store, "", "test", "en")
	defer s.syncer.stop()
	ui := make(chan func(), 10000)
	s.syncer.do = func(f func()) { ui <- f }
	s.Go(screens.Route{Screen: screens.SettingsID})
	if !hasText(w.Content(), "66 government services") || !hasTextPrefix(w.Content(), "Built in: from the app's release test") {
		t.Fatalf("before the sync, Settings does not say the 66 built-in services: %q", textsOf(w.Content()))
	}
	test.Type(findEntry(w.Content()), p.URL)
	if !tapText(w.Content(), "Use this server") {
		t.Fatal("no button to use the server")
	}
	waitSync(t, w, ui, "", false)
	drain(ui)
	if got := s.Current(); got.Screen != screens.SettingsID {
		t.Fatalf("the user was moved to %+v", got)
	}
	n, err := s.store.Stats(context.Background())
	if err != nil || n.Counts["service_items"] != 3066 {
		t.Fatalf("the store holds %d services after the sync (%v)", n.Counts["service_items"], err)
	}
	if !hasText(w.Content(), "3066 government services") {
		t.Errorf("Settings still shows the count from before the sync: %q", textsOf(w.Content()))
	}
	u, _ := url.Parse(p.URL)
	if !hasTextPrefix(w.Content(), "Synced from "+p.URL+" at ") && !hasTextPrefix(w.Content(), "Synced from http://"+u.Host+" at ") {
		t.Errorf("Settings does not say where the services were synced from: %q", textsOf(w.Content()))
	}
}

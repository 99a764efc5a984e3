package app

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"jiangsupass/screens"
)

// TestLeavingCancelsLoads starts a load on Settings that runs until its
// context ends, then goes to About: the load's context is cancelled, its
// result is not applied, and ending the loads (as the app closes) waits
// for it.
func TestLeavingCancelsLoads(t *testing.T) {
	s, _ := newTestShell(t, prefs{lang: "en", theme: ThemeLight}, LayoutDesktop, fyne.NewSize(1100, 900))
	s.Go(screens.Route{Screen: screens.SettingsID})
	s.sync = false
	started := make(chan context.Context, 1)
	var returned, applied atomic.Bool
	s.env().Load(func(ctx context.Context) {
		started <- ctx
		<-ctx.Done()
		returned.Store(true)
	}, func() { applied.Store(true) })
	ctx := <-started
	s.sync = true
	s.Go(screens.Route{Screen: screens.AboutID})
	select {
	case <-ctx.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("leaving the screen did not cancel its load")
	}
	s.endLoads()
	if !returned.Load() {
		t.Error("ending the loads did not wait for the load to return")
	}
	if applied.Load() {
		t.Error("the load of the screen left was applied")
	}
}

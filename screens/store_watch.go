package screens

import (
	"sync"

	"jiangsupass/offline"
)

// OnStoreChange calls f on the UI goroutine after each change of the
// store that want names, while the screen of route r is shown: the first
// change after the user has gone to another route ends the subscription.
// (A Navigator that does not say which route it shows keeps it; a screen
// rebuilt on the same route drops what an old copy applies, since f
// reloads through Load.) Screens that show requests refresh through it,
// with no polling.
func (e *Env) OnStoreChange(r Route, want offline.Change, f func()) {
	if e.Store == nil {
		return
	}
	shows, _ := e.Nav.(interface{ Current() Route })
	var mu sync.Mutex
	var stop func()
	left := false
	leave := func() {
		mu.Lock()
		defer mu.Unlock()
		left = true
		if stop != nil {
			stop()
		}
	}
	st := e.Store.OnChange(func(c offline.Change) {
		if !c.Has(want) {
			return
		}
		e.do(func() {
			if shows != nil && shows.Current() != r {
				leave()
				return
			}
			f()
		})
	})
	mu.Lock()
	stop = st
	if left {
		st()
	}
	mu.Unlock()
}

// shownRoute is the route the Navigator shows, when it says (the shell
// does; while a screen is built, it is that screen's route).
func (e *Env) shownRoute() (Route, bool) {
	if shows, ok := e.Nav.(interface{ Current() Route }); ok {
		return shows.Current(), true
	}
	return Route{}, false
}

package screens

import (
	"fmt"
	"sort"
	"sync/atomic"

	"fyne.io/fyne/v2"
)

// ID names a screen.
type ID string

// Tab is one of the app's top-level areas: a bottom tab on a phone, an
// entry of the side navigation on a desktop.
type Tab string

// The areas, in the order the navigation shows them.
const (
	TabHome      Tab = "home"
	TabMap       Tab = "map"
	TabTransport Tab = "transport"
	TabServices  Tab = "services"
	TabMe        Tab = "me"
)

// TabOrder is the navigation's order of the areas.
var TabOrder = []Tab{TabHome, TabMap, TabTransport, TabServices, TabMe}

// Route is a place in the app: a screen and, for screens that show one
// thing of many, which one.
type Route struct {
	Screen ID
	Param  string
	// Return, on a screen the user is sent to on the way to something
	// else (sign-in), is the route that sent them, which the screen goes
	// back to when it is done; nil where it goes where it goes by itself.
	Return *Route
}

// Is reports whether r is the place o is: the same screen and parameter.
func (r Route) Is(o Route) bool { return r.Screen == o.Screen && r.Param == o.Param }

// Screen describes a screen to the shell: where it lives, how it is titled
// and drawn, and which routes show it in snapshots.
type Screen struct {
	ID    ID
	Tab   Tab
	Root  bool               // the tab's first screen, shown when the tab is chosen
	Title string             // message id of its title
	Icon  fyne.ThemeIconName // shown on the tab or a Home tile, looked up in the theme when drawn
	// Tile is the message id of the line that says what the screen holds,
	// shown under its title where a tile or row leads to it.
	Tile string
	// OnHome puts a tile for the screen on Home.
	OnHome bool
	// Build draws the screen for a route. It runs on the UI goroutine and
	// must return at once; slow work goes through Env.Load.
	Build func(env *Env, r Route) fyne.CanvasObject
	// Samples lists the routes a snapshot or a test renders; nil means the
	// screen's plain Route{Screen: ID}.
	Samples func(env *Env) []Route
}

// registry holds the screens. Each screen's file registers it from its
// init function, as database/sql drivers register themselves, so that a
// new screen is one new file. It is written only while the package
// initialises: the first read closes it, Register panics after that, and
// a test holds every call of Register to an init function of this
// package. Once the app runs, no code can change which screens there are.
var registry screenTable

// screenTable is the registry's storage: the screens by id, and whether it
// has been read, after which it takes no more.
type screenTable struct {
	byID   map[ID]Screen
	closed atomic.Bool
}

// screens closes the table and returns its screens, which from then on
// are only read.
func (t *screenTable) screens() map[ID]Screen {
	t.closed.Store(true)
	return t.byID
}

// Register adds a screen; only the init functions of this package call it.
// It panics on a duplicate id, a screen without a Build function, or a
// registration after the screens were first read, so that a mistake shows
// at start-up, not in use.
func Register(s Screen) {
	if s.Build == nil || s.ID == "" || s.Tab == "" || s.Title == "" {
		panic(fmt.Sprintf("screens: incomplete registration of %q", s.ID))
	}
	if registry.closed.Load() {
		panic(fmt.Sprintf("screens: %q registered after the screens were read", s.ID))
	}
	if _, dup := registry.byID[s.ID]; dup {
		panic(fmt.Sprintf("screens: %q registered twice", s.ID))
	}
	if registry.byID == nil {
		registry.byID = map[ID]Screen{}
	}
	registry.byID[s.ID] = s
}

// Lookup returns the screen registered under id.
func Lookup(id ID) (Screen, bool) {
	s, ok := registry.screens()[id]
	return s, ok
}

// All returns every registered screen, ordered by tab, then roots first,
// then id.
func All() []Screen {
	all := registry.screens()
	out := make([]Screen, 0, len(all))
	for _, s := range all {
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if ta, tb := tabIndex(a.Tab), tabIndex(b.Tab); ta != tb {
			return ta < tb
		}
		if a.Root != b.Root {
			return a.Root
		}
		return a.ID < b.ID
	})
	return out
}

// Tabs returns the tabs that have a root screen, in TabOrder.
func Tabs() []Screen {
	var out []Screen
	for _, t := range TabOrder {
		if s, ok := TabRoot(t); ok {
			out = append(out, s)
		}
	}
	return out
}

// TabRoot returns the root screen of a tab.
func TabRoot(t Tab) (Screen, bool) {
	for _, s := range registry.screens() {
		if s.Tab == t && s.Root {
			return s, true
		}
	}
	return Screen{}, false
}

// SampleRoutes returns the routes that show s in snapshots and tests.
func (s Screen) SampleRoutes(env *Env) []Route {
	if s.Samples != nil {
		return s.Samples(env)
	}
	return []Route{{Screen: s.ID}}
}

func tabIndex(t Tab) int {
	for i, x := range TabOrder {
		if x == t {
			return i
		}
	}
	return len(TabOrder)
}

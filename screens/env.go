package screens

import (
	"context"
	"time"

	"fyne.io/fyne/v2"

	"jiangsupass/offline"
	"jiangsupass/translations"
)

// Navigator moves between screens. The shell implements it.
type Navigator interface {
	// Go shows r, adding it to the history.
	Go(r Route)
	// Back returns to the previous screen, if there is one.
	Back()
}

// Preferences are the settings a screen may change. Changing one rebuilds
// the screens in place; the user stays where they were.
type Preferences interface {
	SetLanguage(tag string)
	SetElder(on bool)
	SetThemeMode(mode string)
	ThemeMode() string
}

// Env is what a screen is built from. The shell makes a new one whenever
// the language or 长辈版 changes, and rebuilds the screens from it.
type Env struct {
	Store  *offline.Store
	L      *translations.Localizer
	Nav    Navigator
	Prefs  Preferences
	Window fyne.Window // for dialogs; nil while rendering snapshots

	Elder   bool   // 长辈版: larger text and targets, simpler screens
	Phone   bool   // the phone layout is shown
	Version string // the app's version, for About
	Notice  string // a one-off message for the user, e.g. after a store recovery
	Sync    Syncer // the link to the platform; nil in snapshots and tests
	Kiosk   bool   // kiosk mode: a public terminal with an on-screen keyboard

	// Allow, in kiosk mode, says which screens the kiosk's role shows;
	// nil shows every screen. See Shows.
	Allow func(ID) bool

	// Services are the app-wide services (maps, transport network,
	// verifier, location) the app built once; see Services.
	Services

	// ServiceNames are the project's translations of the Chinese strings
	// of the service items, read once by the app; nil shows them in Chinese.
	ServiceNames *offline.ServiceNames

	// Memory is what screens remember across rebuilds that their routes do
	// not carry (a map's view, a filter); nil remembers nothing.
	Memory *Memory

	// Gate, on a gate of a scenic area (a gate kiosk), is where it stands:
	// Verify admits the valid tickets of its area; nil elsewhere.
	Gate *Gate

	// Now is the clock; screens never call time.Now themselves.
	Now func() time.Time
	// Load runs work off the UI goroutine, then apply on it. Screens load
	// through it so that tests and snapshots can run it synchronously.
	Load func(work func(ctx context.Context), apply func())
	// Do runs f on the UI goroutine, from any goroutine: fyne.Do in the
	// app; tests give a queue they drain on their own goroutine, since
	// the test driver runs fyne.Do on the caller's. Nil means fyne.Do.
	Do func(f func())
	// Timers run what waits for time to pass (Env.After, Env.Every): the
	// app's stop when the screen is left. Nil means timers of the machine
	// that run through Do.
	Timers Timers
	// Unsent, from the shell, is told by a screen how to ask whether it
	// holds input the user has not sent; see HoldsInput. Nil: none asks.
	Unsent func(holds func() bool)
}

// HoldsInput tells the shell how to ask whether this screen holds input
// the user typed and has not sent (a half-filled form): the phone's Back
// key asks before it leaves such a page, or the app.
func (e *Env) HoldsInput(holds func() bool) {
	if e.Unsent != nil {
		e.Unsent(holds)
	}
}

// do runs f on the UI goroutine through Env.Do, else fyne.Do.
func (e *Env) do(f func()) {
	if e.Do != nil {
		e.Do(f)
		return
	}
	fyne.Do(f)
}

// T is short for Env.L.T, the message id in the current language.
func (e *Env) T(id string) string { return e.L.T(id) }

// Shows reports whether the screen id may be shown here (kiosk roles hide
// some); links and tiles to hidden screens are left out.
func (e *Env) Shows(id ID) bool { return e.Allow == nil || e.Allow(id) }

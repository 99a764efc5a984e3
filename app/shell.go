package app

import (
	"context"
	"errors"
	"strconv"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"jiangsupass/offline"
	"jiangsupass/screens"
	"jiangsupass/translations"
)

// Layout is the arrangement of the navigation: bottom tabs or a side bar.
type Layout int

// The two layouts. LayoutAuto picks by device and window width.
const (
	LayoutAuto Layout = iota
	LayoutPhone
	LayoutDesktop
)

// phoneMaxWidth is the widest window that still gets the phone layout.
const phoneMaxWidth = 720

// Shell is the navigation around the screens: the history of routes, the
// chrome of the current layout, and the preferences that rebuild it.
type Shell struct {
	store   *offline.Store
	app     fyne.App
	window  fyne.Window // nil while rendering snapshots
	version string
	notice  string

	prefs   prefs
	start   prefs // the preferences it was made with, which Reset restores
	loc     *translations.Localizer
	layout  Layout // forced layout; LayoutAuto follows the width
	phone   bool   // the layout in use
	history []screens.Route
	gen     int // bumped on every rebuild; stale loads are dropped

	// genCtx is the context of this generation's loads, ended by genEnd
	// when the screen is left or rebuilt; loads counts those not returned.
	genCtx context.Context
	genEnd context.CancelFunc
	loads  sync.WaitGroup

	root *fyne.Container // what the window shows; its content is replaced on rebuild

	syncer *syncer // nil while rendering snapshots
	// link stands for the syncer where there is none: the snapshots of
	// the resident's screens reach the platform through it.
	link screens.Syncer
	// demo: the app was started as a demo (--demo, or demo = true in the
	// kiosk file); every screen says its codes protect nothing.
	demo bool

	// allow, in kiosk mode, says which screens the kiosk's role shows (nil:
	// all); onRebuild is told after every rebuild (kioskMode.onRebuild, kiosk.go).
	allow     func(screens.ID) bool
	onRebuild func()

	// memory is what the screens remember across rebuilds (screens.Memory).
	memory *screens.Memory

	// gate is where a gate kiosk stands (screens.Env.Gate); nil elsewhere.
	gate *screens.Gate

	// back is what the phone's Back key knows of the page shown (backkey.go).
	back backKey

	// services are the app-wide services handed to every Env: the ones
	// the composition root built (openServices), or, for a shell made
	// without them, services of its own that keep tiles in memory.
	services screens.Services

	// now and load are the clock and the loader handed to screens.
	now  func() time.Time
	sync bool // run loads synchronously (snapshots and tests)
}

// newShell makes a shell showing Home. now is the clock the screens read:
// the one the store was opened with.
func newShell(a fyne.App, w fyne.Window, store *offline.Store, p prefs, version string, now func() time.Time) (*Shell, error) {
	loc, err := translations.New(p.lang)
	if err != nil {
		return nil, err
	}
	s := &Shell{
		store: store, app: a, window: w, version: version,
		prefs: p, start: p, loc: loc, now: now,
		history: []screens.Route{{Screen: homeID()}},
		root:    container.NewStack(),
		memory:  screens.NewMemory(),
		// Nothing is opened or compiled until a screen asks, so a shell
		// then given the app's services has lost nothing.
		services: screens.NewServices(screens.ServicesConfig{}),
	}
	return s, nil
}

// homeID is the root of the Home tab, or the first tab that has one.
func homeID() screens.ID {
	tabs := screens.Tabs()
	if len(tabs) == 0 {
		return ""
	}
	return tabs[0].ID
}

// Content returns the object the window shows; it stays the same object
// across rebuilds.
func (s *Shell) Content() fyne.CanvasObject {
	if len(s.root.Objects) == 0 {
		s.rebuild()
	}
	return s.root
}

// Current returns the route on top of the history.
func (s *Shell) Current() screens.Route { return s.history[len(s.history)-1] }

// Localizer returns the localizer of the current language.
func (s *Shell) Localizer() *translations.Localizer { return s.loc }

// Go implements screens.Navigator. Choosing a tab's root starts that tab's
// history afresh. A detour (a route with a Return, e.g. sign-in) that goes
// on to its Return goes back: the detour leaves the history, r takes the
// place of the screen below it when that is the one that sent the user
// there, and Back then goes where it went before the detour.
func (s *Shell) Go(r screens.Route) {
	if s.allow != nil && !s.allow(r.Screen) {
		return // a kiosk's role does not show it
	}
	n := len(s.history)
	if sc, ok := screens.Lookup(r.Screen); ok && sc.Root {
		s.history = []screens.Route{r}
	} else if ret := s.history[n-1].Return; ret != nil && r.Is(*ret) && n > 1 && s.history[n-2].Screen == r.Screen {
		s.history = append(s.history[:n-2], r)
	} else {
		s.history = append(s.history, r)
	}
	s.rebuild()
}

// Replace shows r in place of the current route, keeping the history
// below it.
func (s *Shell) Replace(r screens.Route) {
	if s.allow != nil && !s.allow(r.Screen) {
		return // a kiosk's role does not show it
	}
	s.history[len(s.history)-1] = r
	s.rebuild()
}

// Back implements screens.Navigator.
func (s *Shell) Back() {
	if len(s.history) > 1 {
		s.history = s.history[:len(s.history)-1]
		s.rebuild()
	}
}

// SetLanguage implements screens.Preferences: it saves the choice and
// rebuilds every screen in the new language, staying on the same route.
func (s *Shell) SetLanguage(tag string) {
	loc, err := translations.New(tag)
	if err != nil {
		fyne.LogError("switch language", err)
		return
	}
	s.loc = loc
	s.prefs.lang = loc.Lang()
	s.save(settingLanguage, s.prefs.lang)
	if s.syncer != nil {
		s.syncer.setLanguage(s.prefs.lang)
	}
	s.rebuild()
}

// SetElder implements screens.Preferences.
func (s *Shell) SetElder(on bool) {
	s.prefs.elder = on
	s.save(settingElder, strconv.FormatBool(on))
	s.applyTheme()
	s.rebuild()
}

// SetThemeMode implements screens.Preferences.
func (s *Shell) SetThemeMode(mode string) {
	m, ok := ParseThemeMode(mode)
	if !ok {
		return
	}
	s.prefs.theme = m
	s.save(settingTheme, string(m))
	s.applyTheme()
	s.rebuild()
}

// ThemeMode implements screens.Preferences.
func (s *Shell) ThemeMode() string { return string(s.prefs.theme) }

func (s *Shell) applyTheme() {
	if s.app != nil {
		s.app.Settings().SetTheme(newTheme(s.prefs.theme, s.prefs.elder))
	}
}

func (s *Shell) save(key, value string) {
	if s.store == nil {
		return
	}
	if err := s.store.SetSetting(context.Background(), key, value); err != nil {
		fyne.LogError("save setting "+key, err)
	}
}

// env makes the Env the screens of this generation are built from.
func (s *Shell) env() *screens.Env {
	if s.genCtx == nil {
		s.genCtx, s.genEnd = context.WithCancel(context.Background())
	}
	gen, ctx := s.gen, s.genCtx
	// A screen's timers stop when it is left; one rendered once and
	// captured (s.sync) sets none that would outlive it.
	var timers screens.Timers = screens.NoTimers{}
	if !s.sync {
		timers = screens.NewTimers(ctx, s.do)
	}
	return &screens.Env{
		Store: s.store, L: s.loc, Nav: s, Prefs: s, Window: s.window,
		Elder: s.prefs.elder, Phone: s.phone, Version: s.version, Notice: s.notice,
		Sync: s.screensSyncer(), Kiosk: s.allow != nil, Allow: s.allow,
		Memory: s.memory, Services: s.services, Now: s.now, Do: s.do, Timers: timers, Gate: s.gate,
		ServiceNames: serviceNames(), Unsent: func(holds func() bool) { s.keepInput(gen, holds) },
		Load: func(work func(ctx context.Context), apply func()) {
			if s.sync {
				work(ctx)
				apply()
				return
			}
			s.loads.Add(1)
			go func() {
				defer s.loads.Done()
				work(ctx)
				fyne.Do(func() {
					if ctx.Err() == nil && s.gen == gen {
						apply()
					}
				})
			}()
		},
	}
}

// rebuild draws the current route inside the chrome of the current layout.
func (s *Shell) rebuild() {
	s.gen++
	if s.genEnd != nil {
		s.genEnd() // the loads of the screen left are cancelled
	}
	s.genCtx, s.genEnd = context.WithCancel(context.Background())
	if s.layout != LayoutAuto {
		s.phone = s.layout == LayoutPhone
	} else {
		s.phone = s.autoPhone()
	}
	env := s.env()
	r := s.Current()
	sc, ok := screens.Lookup(r.Screen)
	var body fyne.CanvasObject
	if ok {
		body = sc.Build(env, r)
	} else {
		sc = screens.Screen{ID: r.Screen, Tab: screens.TabHome, Title: "ScreenMissingTitle"}
		body = missingScreen(env, r)
	}
	var chrome fyne.CanvasObject
	if s.phone {
		chrome = phoneChrome(s, env, sc, body)
	} else {
		chrome = desktopChrome(s, env, sc, body)
	}
	chrome = withDemoBanner(s, chrome)
	s.root.Objects = []fyne.CanvasObject{newWidthWatcher(s.onWidth), chrome}
	s.root.Refresh()
	if s.window != nil {
		s.window.SetTitle(s.loc.T("AppName") + " · " + s.loc.T(sc.Title))
	}
	if s.onRebuild != nil {
		s.onRebuild()
	}
}

// loadsGrace is how long closing waits for the loads in course to
// return once cancelled; one that ignores its context is not waited for
// longer than this.
const loadsGrace = 3 * time.Second

// endLoads cancels the loads of the screen shown, as the app closes, and
// waits for them to return (at most loadsGrace), so that none is still
// reading the store when it closes.
func (s *Shell) endLoads() {
	if s.genEnd != nil {
		s.genEnd()
	}
	if !s.loadsReturned(loadsGrace) {
		fyne.LogError("closing", errors.New("a screen's load did not return in time"))
	}
}

// loadsReturned waits, at most limit, for the loads in course to return,
// and reports whether they did.
func (s *Shell) loadsReturned(limit time.Duration) bool {
	done := make(chan struct{})
	go func() {
		s.loads.Wait()
		close(done)
	}()
	select {
	case <-done:
		return true
	case <-time.After(limit):
		return false
	}
}

// activeTab is the tab the navigation marks: the one the current page was
// reached from (the tab whose root begins the history), so that an
// attraction opened from Home keeps Home marked; else the screen's own.
func (s *Shell) activeTab(sc screens.Screen) screens.Tab {
	if first, ok := screens.Lookup(s.history[0].Screen); ok && first.Root {
		return first.Tab
	}
	return sc.Tab
}

// tabs are the tabs with a root screen that this shell shows.
func (s *Shell) tabs() []screens.Screen {
	var out []screens.Screen
	for _, t := range screens.Tabs() {
		if s.allow == nil || s.allow(t.ID) {
			out = append(out, t)
		}
	}
	return out
}

// autoPhone decides the layout from the device and the window's width.
func (s *Shell) autoPhone() bool {
	if fyne.CurrentDevice().IsMobile() {
		return true
	}
	if s.window == nil {
		return false
	}
	w := s.window.Canvas().Size().Width
	return w > 0 && w <= phoneMaxWidth
}

// onWidth switches layout when the window crosses the breakpoint.
func (s *Shell) onWidth(w float32) {
	if s.layout != LayoutAuto || fyne.CurrentDevice().IsMobile() {
		return
	}
	if phone := w <= phoneMaxWidth; phone != s.phone {
		fyne.Do(s.rebuild)
	}
}

// do runs f on the UI goroutine: through the syncer's do, which tests
// replace with a queue they drain, else fyne.Do.
func (s *Shell) do(f func()) {
	if s.syncer != nil && s.syncer.do != nil {
		s.syncer.do(f)
		return
	}
	fyne.Do(f)
}

// screensSyncer is the syncer as the screens see it: a nil interface,
// not a nil pointer, when there is none, or the link that stands for it.
func (s *Shell) screensSyncer() screens.Syncer {
	if s.syncer == nil {
		return s.link
	}
	return s.syncer
}

package screens

import (
	"context"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"jiangsupass/clock/clocktest"
	"jiangsupass/codes/codestest"
	"jiangsupass/offline"
	"jiangsupass/screens/widgets"
	"jiangsupass/translations"
)

// recordingNav records where a screen sends the user.
type recordingNav struct{ routes []Route }

func (n *recordingNav) Go(r Route) { n.routes = append(n.routes, r) }
func (n *recordingNav) Back()      {}

func (n *recordingNav) last() Route {
	if len(n.routes) == 0 {
		return Route{}
	}
	return n.routes[len(n.routes)-1]
}

// fixedPrefs is a light theme in the test's language; changes are kept.
type fixedPrefs struct{ mode string }

func (p *fixedPrefs) SetLanguage(string)    {}
func (p *fixedPrefs) SetElder(bool)         {}
func (p *fixedPrefs) SetThemeMode(m string) { p.mode = m }
func (p *fixedPrefs) ThemeMode() string     { return p.mode }

// testEnv is an Env over a fresh in-memory store, loading synchronously,
// in lang, on a test app, at the tests' now, with services of its own
// (NewServices: tiles in memory, no device location) and timers the test
// fires by hand (timersOf).
func testEnv(t *testing.T, lang string) (*Env, *recordingNav) {
	t.Helper()
	env, nav, _ := testEnvClock(t, lang)
	return env, nav
}

// testEnvClock is testEnv with the clock that the env and its store share,
// for tests that move time on.
func testEnvClock(t *testing.T, lang string) (*Env, *recordingNav, *clocktest.Settable) {
	t.Helper()
	test.NewTempApp(t)
	clk := clocktest.NewSettable(clocktest.Now())
	st, _, err := offline.Open(context.Background(), "", offline.Options{Memory: true, Now: clk.Now, Anchors: codestest.Anchors()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	l, err := translations.New(lang)
	if err != nil {
		t.Fatal(err)
	}
	nav := &recordingNav{}
	svc := NewServices(ServicesConfig{})
	t.Cleanup(func() { _ = svc.Close() })
	ui := make(chan func(), 4096)
	env := &Env{Store: st, L: l, Nav: nav, Prefs: &fixedPrefs{mode: "light"}, Phone: true,
		Now: clk.Now, Services: svc, Timers: &handTimers{},
		Load: func(work func(context.Context), apply func()) {
			work(context.Background())
			apply()
		},
		// The test driver would run fyne.Do on the store's goroutine,
		// beside the test's own: what is sent to the UI waits here until
		// the test drains it (drainUI).
		Do: func(f func()) { ui <- f }}
	uiQueues.Store(env, ui)
	t.Cleanup(func() { uiQueues.Delete(env) })
	return env, nav, clk
}

// uiQueues holds, per test Env, what waits for the UI goroutine.
var uiQueues sync.Map // *Env → chan func()

// drainUI runs, on the test's goroutine, what env has sent to the UI
// goroutine so far.
func drainUI(env *Env) {
	q, ok := uiQueues.Load(env)
	if !ok {
		return
	}
	for {
		select {
		case f := <-q.(chan func()):
			f()
		default:
			return
		}
	}
}

// show puts a screen in a phone-sized test window.
func show(t *testing.T, o fyne.CanvasObject) fyne.Window {
	t.Helper()
	w := test.NewTempWindow(t, o)
	w.Resize(fyne.NewSize(390, 844))
	return w
}

// find returns every object of type T under o, in the order drawn.
func find[T fyne.CanvasObject](o fyne.CanvasObject) []T {
	var out []T
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		if x, ok := o.(T); ok {
			out = append(out, x)
		}
		switch x := o.(type) {
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(x).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return out
}

// labelled returns the first button whose text is s.
func labelled(t *testing.T, o fyne.CanvasObject, s string) *widget.Button {
	t.Helper()
	for _, b := range find[*widget.Button](o) {
		if b.Text == s {
			return b
		}
	}
	for _, b := range find[*widgets.WrapButton](o) { // a label that wraps: as set
		if b.Source() == s {
			return &b.Button
		}
	}
	t.Fatalf("no button %q", s)
	return nil
}

// labelTexts are the texts of the labels under o; a wrapped label's as
// set, without the breaks it adds.
func labelTexts(o fyne.CanvasObject) []string {
	var out []string
	for _, l := range find[*widget.Label](o) {
		out = append(out, l.Text)
	}
	for _, l := range find[*widgets.WrappedLabel](o) {
		out = append(out, l.Source())
	}
	return out
}

// showsText reports whether a label under o reads s.
func showsText(o fyne.CanvasObject, s string) bool {
	for _, text := range labelTexts(o) {
		if text == s {
			return true
		}
	}
	return false
}

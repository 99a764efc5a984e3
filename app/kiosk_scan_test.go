package app

import (
	"context"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"

	"jiangsupass/codes"
	"jiangsupass/kiosk"
	"jiangsupass/platform"
	"jiangsupass/platform/server"
	"jiangsupass/platform/server/servertest"
	"jiangsupass/screens"
	"jiangsupass/screens/widgets"
	"jiangsupass/translations"
)

// kioskPlatform links the kiosk to a reference server on loopback that
// runs on the kiosk's clock, and returns a resident's phone: a function
// that shows a fresh 苏服码 of the first demo resident.
func (kt *kioskTest) kioskPlatform(t *testing.T) func() string {
	t.Helper()
	ctx := context.Background()
	var mu sync.Mutex
	sent := map[string]string{}
	srv, err := server.Open(ctx, filepath.Join(t.TempDir(), "platform.db"), server.Options{Now: kt.now,
		OnCode: func(phone, code string) { mu.Lock(); sent[phone] = code; mu.Unlock() }})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(func() { hs.Close(); _ = srv.Close() })
	kt.s.syncer = newSyncer(kt.s.store, hs.URL, "test", "en")
	kt.s.syncer.do = func(func()) {} // the screens under test do not wait for a sync
	t.Cleanup(kt.s.syncer.stop)

	phone := platform.NewClient(hs.URL, platform.Options{Timeout: 5 * time.Second})
	number := server.DemoAccounts[0].Phone
	if _, err := phone.RequestCode(ctx, number); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	code := sent[number]
	mu.Unlock()
	present, err := servertest.ServiceCodeHolder(ctx, phone, number, code)
	if err != nil {
		t.Fatal(err)
	}
	return func() string {
		shown, err := present(kt.now())
		if err != nil {
			t.Fatal(err)
		}
		return shown
	}
}

// scan types code as a barcode scanner does, with no field focused: a
// key every 8 ms, then Enter. The kiosk takes it at the window.
func (kt *kioskTest) scan(code string) {
	for _, r := range code {
		kt.clock.Add(8 * time.Millisecond)
		kt.k.typedRune(r)
	}
	kt.clock.Add(8 * time.Millisecond)
	kt.k.typedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
}

// focusScanField gives the screen's scan field the focus, as a visitor's
// tap on it does, and returns it.
func (kt *kioskTest) focusScanField(t *testing.T) *widgets.ScanEntry {
	t.Helper()
	var f *widgets.ScanEntry
	walk(kt.w.Content(), nil, func(v visit) {
		if e, ok := v.obj.(*widgets.ScanEntry); ok && f == nil {
			f = e
		}
	})
	if f == nil {
		t.Fatal("no scan field")
	}
	kt.w.Canvas().Focus(f)
	return f
}

// placed is an object found on the canvas with where it is drawn and the
// part of the window it can be seen in (its scrolls' viewports).
type placed struct {
	obj       fyne.CanvasObject
	pos, size fyne.Size // pos as a size: x, y from the window's corner
	clip      [2]fyne.Size
}

// walkPlaced calls f for every visible object under o with its place.
func walkPlaced(o fyne.CanvasObject, at fyne.Position, clip [2]fyne.Size, f func(placed)) {
	if o == nil || !o.Visible() {
		return
	}
	at = at.Add(o.Position())
	if sc, ok := o.(*container.Scroll); ok {
		lo := fyne.NewSize(max(clip[0].Width, at.X), max(clip[0].Height, at.Y))
		hi := fyne.NewSize(min(clip[1].Width, at.X+sc.Size().Width), min(clip[1].Height, at.Y+sc.Size().Height))
		clip = [2]fyne.Size{lo, hi}
	}
	f(placed{obj: o, pos: fyne.NewSize(at.X, at.Y), size: o.Size(), clip: clip})
	var kids []fyne.CanvasObject
	switch x := o.(type) {
	case *fyne.Container:
		kids = x.Objects
	case fyne.Widget:
		kids = test.WidgetRenderer(x).Objects()
	}
	for _, c := range kids {
		walkPlaced(c, at, clip, f)
	}
}

// relayout lays out every container and widget under o again, top down,
// as the real driver does when a minimum size has changed (the test
// driver lays out only what is resized).
func relayout(o fyne.CanvasObject) {
	if o == nil || !o.Visible() {
		return
	}
	switch x := o.(type) {
	case *fyne.Container:
		if x.Layout != nil {
			x.Layout.Layout(x.Objects, x.Size())
		}
		for _, c := range x.Objects {
			relayout(c)
		}
	case fyne.Widget:
		r := test.WidgetRenderer(x)
		r.Layout(x.Size())
		for _, c := range r.Objects() {
			relayout(c)
		}
	}
}

// hiddenTexts lists the texts under the window's content that are not
// wholly in view, with want, the texts to look at.
func (kt *kioskTest) hiddenTexts(want map[string]bool) (hidden []string, seen int) {
	size := kt.w.Canvas().Size()
	for range 3 { // wrapped labels take their heights from their widths
		relayout(kt.w.Content())
	}
	walkPlaced(kt.w.Content(), fyne.NewPos(0, 0), [2]fyne.Size{{}, size}, func(p placed) {
		t, ok := p.obj.(*canvas.Text)
		if !ok || !want[t.Text] {
			return
		}
		seen++
		if p.pos.Width < p.clip[0].Width-1 || p.pos.Height < p.clip[0].Height-1 ||
			p.pos.Width+p.size.Width > p.clip[1].Width+1 || p.pos.Height+p.size.Height > p.clip[1].Height+1 {
			hidden = append(hidden, t.Text)
		}
	})
	return hidden, seen
}

// TestKioskCheckInVerdictInView: at a hall's kiosk, the on-screen keyboard
// does not open by itself on the check-in screen (at 1920×1080 it once
// left one row of the result in view); a scan checks the resident in in
// place of the screen, not on top of it in the history, and the whole
// result (the number, what it is for, the holder, the time, what to do
// now and when the number goes) is in view at every supported screen, in
// every language: not under the bar, and with no scrolling.
func TestKioskCheckInVerdictInView(t *testing.T) {
	for _, size := range kioskScreens {
		kt := newKioskTest(t, kiosk.RoleServiceHall, size, nil, `hall = "hall-320500"`)
		present := kt.kioskPlatform(t)
		for _, lang := range translations.Languages {
			kt.s.SetLanguage(lang.Tag)
			kt.s.Go(kt.k.checkInRoute(""))
			depth := len(kt.s.history)
			kt.k.tick()
			if kt.k.keyboardShown() {
				t.Errorf("%v %s: the keyboard opened by itself for the scan field", size, lang.Tag)
			}
			kt.scan(present())
			kt.k.tick()
			if kt.k.keyboardShown() {
				t.Errorf("%v %s: the keyboard opened by itself after a scan", size, lang.Tag)
			}
			if len(kt.s.history) != depth || kt.s.Current().Screen != screens.CheckInID {
				t.Errorf("%v %s: the scan left the check-in screen: %v", size, lang.Tag, kt.s.history)
			}
			if !hasText(kt.w.Content(), "B001") {
				t.Fatalf("%v %s: no number after the scan", size, lang.Tag)
			}
			clears := kt.s.loc.Tf("CheckInClears", map[string]any{"Seconds": 20})
			verdict := within(kt.w.Content(), kt.s.loc.T("CheckInYourNumber"), lastLine(kt.w.Content(), clears))
			if hidden, seen := kt.hiddenTexts(verdict); len(hidden) > 0 || seen < 8 {
				t.Errorf("%v %s: %d texts of the result, out of view: %q", size, lang.Tag, seen, hidden)
			}
		}
	}
}

// TestKioskVerifyVerdictInView: on a service-hall kiosk's Verify screen,
// at a hall that checks visitors in too, the keyboard does not open by
// itself; a scanned 苏服码 is verified (not checked in) in place of the
// screen, and the whole verdict is in view at every supported screen, in
// every language. A kiosk offers no file dialog to read a code from an
// image.
func TestKioskVerifyVerdictInView(t *testing.T) {
	for _, size := range kioskScreens {
		kt := newKioskTest(t, kiosk.RoleServiceHall, size, nil, `hall = "hall-320500"`)
		present := kt.kioskPlatform(t)
		if err := kt.s.store.SyncPersonal(context.Background(), kt.s.syncer.Client()); err != nil {
			t.Fatal(err)
		}
		for _, lang := range translations.Languages {
			kt.s.SetLanguage(lang.Tag)
			kt.s.Go(screens.Route{Screen: screens.VerifyID})
			depth := len(kt.s.history)
			kt.k.tick()
			if kt.k.keyboardShown() {
				t.Errorf("%v %s: the keyboard opened by itself for the scan field", size, lang.Tag)
			}
			if hasText(kt.w.Content(), kt.s.loc.T("VerifyOpenImage")) {
				t.Errorf("%v %s: a kiosk offers to open an image file", size, lang.Tag)
			}
			kt.clock.Add(codes.StepPeriod) // a new code: the verifier refuses a second scan of one
			kt.k.touch()
			kt.scan(present())
			kt.k.tick()
			if len(kt.s.history) != depth || kt.s.Current().Screen != screens.VerifyID {
				t.Errorf("%v %s: the scan left Verify: %v", size, lang.Tag, kt.s.history)
			}
			if !hasText(kt.w.Content(), kt.s.loc.T("VerifyValid")) || !hasText(kt.w.Content(), "张*") {
				t.Fatalf("%v %s: no valid verdict after the scan", size, lang.Tag)
			}
			verdict := within(kt.w.Content(), kt.s.loc.T("VerifyValid"), kt.s.loc.T("VerifyUntil"))
			if hidden, seen := kt.hiddenTexts(verdict); len(hidden) > 0 || seen < 10 {
				t.Errorf("%v %s: %d texts of the verdict, out of view: %q", size, lang.Tag, seen, hidden)
			}
		}
	}
}

// within returns the texts of the smallest part of the window that holds
// both first and last: a result, from its first line to its last.
func within(root fyne.CanvasObject, first, last string) map[string]bool {
	var best fyne.CanvasObject
	var visitObj func(o fyne.CanvasObject) (bool, bool)
	visitObj = func(o fyne.CanvasObject) (hasFirst, hasLast bool) {
		if o == nil || !o.Visible() {
			return false, false
		}
		if t, ok := o.(*canvas.Text); ok {
			return t.Text == first, t.Text == last
		}
		var kids []fyne.CanvasObject
		switch x := o.(type) {
		case *fyne.Container:
			kids = x.Objects
		case fyne.Widget:
			kids = test.WidgetRenderer(x).Objects()
		}
		for _, c := range kids {
			f, l := visitObj(c)
			hasFirst, hasLast = hasFirst || f, hasLast || l
		}
		if hasFirst && hasLast && best == nil {
			best = o // the first found on the way up is the smallest
		}
		return hasFirst, hasLast
	}
	visitObj(root)
	out := map[string]bool{}
	for _, t := range texts(best) {
		out[t.Text] = true
	}
	return out
}

// lastLine is the last line the window shows of a wrapped text.
func lastLine(root fyne.CanvasObject, text string) string {
	last := ""
	for _, t := range texts(root) {
		if t.Text != "" && strings.HasSuffix(text, t.Text) {
			last = t.Text
		}
	}
	return last
}

// TestKioskScanFieldGivesFocusBack: a scan field a visitor taps gives the
// focus back to the window at the kiosk's next tick, so that a scan is
// taken there (typed into the field, half the scans on the real window
// were cut in two); with the on-screen keyboard open it keeps the focus,
// and the keyboard types into it.
func TestKioskScanFieldGivesFocusBack(t *testing.T) {
	kt := newKioskTest(t, kiosk.RoleServiceHall, kioskMinScreen, nil)
	kt.s.Go(screens.Route{Screen: screens.VerifyID})
	field := kt.focusScanField(t) // a visitor taps it
	kt.k.tick()
	if kt.w.Canvas().Focused() != nil || kt.k.keyboardShown() {
		t.Fatalf("after a tick the tapped scan field has the focus (%v) or the keyboard opened (%v)",
			kt.w.Canvas().Focused() != nil, kt.k.keyboardShown())
	}
	if !tapText(kt.w.Content(), kt.s.loc.T("KioskKeyboard")) {
		t.Fatal("no keyboard button on the bar")
	}
	for _, key := range []string{"4", "2"} {
		if !tapText(kt.k.oskBox, key) {
			t.Fatalf("no key %s", key)
		}
		kt.k.tick()
	}
	if field.Text != "42" || kt.w.Canvas().Focused() != field {
		t.Errorf("with the keyboard open: the field reads %q and has the focus: %v", field.Text, kt.w.Canvas().Focused() == field)
	}
	tapText(kt.w.Content(), kt.s.loc.T("KioskKeyboard"))
	kt.k.tick()
	if kt.w.Canvas().Focused() != nil {
		t.Error("with the keyboard closed again the scan field keeps the focus")
	}
}

package app

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"jiangsupass/screens"
	"jiangsupass/screens/widgets"
)

// phoneSize is the phone window the 长辈版 tests look at.
var phoneSize = fyne.NewSize(390, 844)

// elderPhone is a shell in 长辈版 on a 390×844 phone, in lang.
func elderPhone(t *testing.T, lang string) (*Shell, fyne.Window) {
	t.Helper()
	return newTestShell(t, prefs{lang: lang, elder: true, theme: ThemeLight}, LayoutPhone, phoneSize)
}

// showAt shows r as a user would reach it and lays the window out again,
// as the real driver does once wrapped labels know their widths.
func showAt(s *Shell, w fyne.Window, r screens.Route) {
	s.ShowRoute(r)
	settle(w)
}

func settle(w fyne.Window) {
	w.Resize(phoneSize)
	for range 3 {
		relayout(w.Content())
	}
}

// placeOf finds o on the window and says where it is drawn and the part
// of the window it can be seen in.
func placeOf(w fyne.Window, o fyne.CanvasObject) (placed, bool) {
	var found placed
	ok := false
	walkPlaced(w.Content(), fyne.NewPos(0, 0), [2]fyne.Size{{}, w.Canvas().Size()}, func(p placed) {
		if p.obj == o && !ok {
			found, ok = p, true
		}
	})
	return found, ok
}

// inView reports whether all of o is in view: inside the window and its
// scrolls' viewports (so neither under the tab bar nor scrolled away).
func inView(w fyne.Window, o fyne.CanvasObject) (bool, string) {
	p, ok := placeOf(w, o)
	if !ok {
		return false, "not on the window"
	}
	where := fmt.Sprintf("drawn at (%.0f,%.0f) %.0f×%.0f, the view is (%.0f,%.0f)–(%.0f,%.0f)",
		p.pos.Width, p.pos.Height, p.size.Width, p.size.Height, p.clip[0].Width, p.clip[0].Height, p.clip[1].Width, p.clip[1].Height)
	in := p.pos.Width >= p.clip[0].Width-1 && p.pos.Height >= p.clip[0].Height-1 &&
		p.pos.Width+p.size.Width <= p.clip[1].Width+1 && p.pos.Height+p.size.Height <= p.clip[1].Height+1
	return in, where
}

// TestElderHomeStartsWithResidentServices: in 长辈版 on a phone, Home's
// first three entries are the social-security card, the 苏服码 and the
// 12345 hotline, all three in view without scrolling; the tourist's
// entries follow.
func TestElderHomeStartsWithResidentServices(t *testing.T) {
	for _, lang := range []string{"zh-Hans", "en"} {
		s, w := elderPhone(t, lang)
		showAt(s, w, screens.Route{Screen: screens.HomeID})
		tiles := find[*widgets.Tile](w.Content())
		l := s.Localizer()
		want := []string{l.T("CardTitle"), l.T("ServiceCodeTitle"), l.T("HotlineTitle")}
		if len(tiles) < len(want)+1 {
			t.Fatalf("%s: Home has %d entries", lang, len(tiles))
		}
		for i, title := range want {
			if got := tiles[i].AccessibilityLabel(); !strings.HasPrefix(got, title+".") {
				t.Errorf("%s: entry %d is %q, want %q", lang, i+1, got, title)
			}
			if in, where := inView(w, tiles[i]); !in {
				t.Errorf("%s: entry %d (%s) is not wholly in view: %s", lang, i+1, title, where)
			}
		}
		if got := tiles[len(want)].AccessibilityLabel(); !strings.HasPrefix(got, l.T("AttractionsTitle")+".") {
			t.Errorf("%s: the tourist's entries do not follow: entry 4 is %q", lang, got)
		}
	}
}

// TestNormalHomeUnchanged: without 长辈版, Home still opens with the
// tourist's entries.
func TestNormalHomeUnchanged(t *testing.T) {
	s, w := newTestShell(t, prefs{lang: "en", theme: ThemeLight}, LayoutPhone, phoneSize)
	showAt(s, w, screens.Route{Screen: screens.HomeID})
	tiles := find[*widgets.Tile](w.Content())
	if len(tiles) == 0 || !strings.HasPrefix(tiles[0].AccessibilityLabel(), s.Localizer().T("AttractionsTitle")+".") {
		t.Errorf("the normal Home no longer opens with Attractions")
	}
}

// codeImage is the QR code drawn on a resident's code screen: the image
// drawn pixel for pixel, as only codes are.
func codeImage(w fyne.Window) *canvas.Image {
	for _, img := range find[*canvas.Image](w.Content()) {
		if img.ScaleMode == canvas.ImageScalePixels && img.Image != nil {
			return img
		}
	}
	return nil
}

// TestElderCodesInView: in 长辈版 on a phone, the card's QR code and the
// 苏服码 of a resident signed in (demoworld) are wholly in view when their
// screens open, at least as large as before (240 and 300 units), and a
// scanner reads them off the rendered screen.
func TestElderCodesInView(t *testing.T) {
	cases := []struct {
		route   screens.Route
		least   float32
		payload string
	}{
		{screens.Route{Screen: screens.CardID}, 240, "JSC1:"},
		{screens.Route{Screen: screens.ServiceCodeID}, 300, "JSP1:"},
	}
	for _, lang := range []string{"zh-Hans", "en"} {
		for _, c := range cases {
			s, w, _ := residentShell(t, prefs{lang: lang, elder: true, theme: ThemeLight}, LayoutPhone, phoneSize)
			showAt(s, w, c.route)
			where := fmt.Sprintf("%s/%s", lang, c.route.Screen)
			img := codeImage(w)
			if img == nil {
				t.Fatalf("%s: no code drawn", where)
			}
			if sz := img.Size(); sz.Width < c.least || sz.Height < c.least {
				t.Errorf("%s: the code is %.0f×%.0f, smaller than %.0f", where, sz.Width, sz.Height, c.least)
			}
			if in, at := inView(w, img); !in {
				t.Errorf("%s: the code is not wholly in view: %s", where, at)
			}
			checkScannable(t, s, c.route, where, c.payload)
		}
	}
}

// checkScannable renders route r at phone size to a PNG and has zbarimg
// read the code on it; it is skipped where zbarimg is not installed.
func checkScannable(t *testing.T, s *Shell, r screens.Route, where, prefix string) {
	t.Helper()
	zbar, err := exec.LookPath("zbarimg")
	if err != nil {
		t.Log("zbarimg is not installed: the rendered code is not scanned")
		return
	}
	path := filepath.Join(t.TempDir(), "screen.png")
	if err := renderRoute(fyne.CurrentApp(), s, r, phoneSize, path); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(zbar, "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", path).Output()
	if err != nil || !strings.HasPrefix(strings.TrimSpace(string(out)), prefix) {
		keep := filepath.Join(os.TempDir(), "elder-code-"+strings.ReplaceAll(where, "/", "-")+".png")
		_ = os.Rename(path, keep)
		t.Errorf("%s: zbarimg read %q (%v) off the rendered phone screen, want a code starting %s; see %s", where, out, err, prefix, keep)
	}
}

// TestElderPlannerResultsInView: in 长辈版 on a phone, after Plan the
// first option found is wholly in view, with no scrolling.
func TestElderPlannerResultsInView(t *testing.T) {
	for _, lang := range []string{"zh-Hans", "en"} {
		s, w := elderPhone(t, lang)
		showAt(s, w, screens.Route{Screen: screens.PlannerID, Param: "from=station:nj-32&to=station:nj-7"})
		// Where the form is folded away, Change opens it.
		if tapText(w.Content(), s.Localizer().T("PlannerChange")) {
			settle(w)
		}
		if !tapText(w.Content(), s.Localizer().T("PlannerPlan")) {
			t.Fatalf("%s: no Plan button", lang)
		}
		settle(w)
		cards := find[*widget.Card](w.Content())
		if len(cards) == 0 {
			t.Fatalf("%s: no option shown after Plan", lang)
		}
		if in, where := inView(w, cards[0]); !in {
			t.Errorf("%s: the first option is not wholly in view after Plan: %s", lang, where)
		}
	}
}

// TestWheelOverNoticeScrolls: the scroll wheel over the Transport tab's
// blue notice (the estimated-timetable banner) scrolls the list of lines
// below it, as it does anywhere else on the screen.
func TestWheelOverNoticeScrolls(t *testing.T) {
	s, w := elderPhone(t, "en")
	showAt(s, w, screens.Route{Screen: screens.TransportID})
	var notice fyne.CanvasObject
	for _, txt := range texts(w.Content()) {
		if strings.HasPrefix(s.Localizer().T("TransportEstimated"), txt.Text) && notice == nil {
			notice = txt
		}
	}
	lists := find[*widget.List](w.Content())
	if notice == nil || len(lists) != 1 {
		t.Fatalf("the Transport tab shows no notice (%v) or not one list (%d)", notice != nil, len(lists))
	}
	p, _ := placeOf(w, notice)
	at := fyne.NewPos(p.pos.Width+5, p.pos.Height+5)
	before := lists[0].GetScrollOffset()
	test.Scroll(w.Canvas(), at, 0, -120)
	if got := lists[0].GetScrollOffset(); got <= before {
		t.Errorf("the wheel over the notice at (%.0f,%.0f) left the list at %.0f (from %.0f)", at.X, at.Y, got, before)
	}
}

// find returns every visible object of type T under o, in the order drawn.
func find[T fyne.CanvasObject](o fyne.CanvasObject) []T {
	var out []T
	walk(o, nil, func(v visit) {
		if x, ok := v.obj.(T); ok {
			out = append(out, x)
		}
	})
	return out
}

package app

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"jiangsupass/kiosk"
	"jiangsupass/screens"
	"jiangsupass/screens/widgets"
	"jiangsupass/translations"
)

// kioskScreens are the screens a kiosk supports: the smallest landscape
// one, full HD landscape, and full HD portrait.
var kioskScreens = []fyne.Size{kioskMinScreen, fyne.NewSize(1920, 1080), fyne.NewSize(1080, 1920)}

// fits reports whether need fits in have.
func fits(need, have fyne.Size) bool {
	return need.Width <= have.Width && need.Height <= have.Height
}

// TestKioskFitsTheScreen: on every screen a kiosk's role shows, in every
// language, with the on-screen keyboard open in each of its modes and
// closed, the kiosk asks for no more than each supported screen. On the
// real driver a window whose content asks for more grows past a kiosk's
// screen, and taps then land below what is drawn (on 1280×900 they typed
// "wu3hq9" for "shebao" and the bar could not be reached). With the
// keyboard open the screens keep at least screensShare of the height, and
// the keyboard's keys stay at least widgets.OSKLeastKeySize high.
func TestKioskFitsTheScreen(t *testing.T) {
	sweep(t)
	roles := map[kiosk.Role][]string{kiosk.RoleServiceHall: {`hall = "hall-320500"`}, kiosk.RoleTourist: nil}
	for role, lines := range roles {
		kt := newKioskTest(t, role, kioskMinScreen, nil, lines...)
		for _, lang := range translations.Languages {
			kt.s.SetLanguage(lang.Tag)
			for _, sc := range screens.All() {
				if !kt.k.cfg.Allows(string(sc.ID)) {
					continue
				}
				for _, r := range sc.SampleRoutes(kt.s.env()) {
					kt.s.ShowRoute(r)
					for _, mode := range []widgets.OSKMode{widgets.OSKLetters, widgets.OSKDigits, widgets.OSKInitials} {
						kt.k.showKeyboard(true)
						kt.k.osk.SetMode(mode)
						kt.checkFits(t, fmt.Sprintf("%s/%s/%s %q keyboard %d", role, lang.Tag, r.Screen, r.Param, mode))
					}
					kt.k.showKeyboard(false)
					kt.checkFits(t, fmt.Sprintf("%s/%s/%s %q no keyboard", role, lang.Tag, r.Screen, r.Param))
				}
			}
		}
	}
}

// screensShare is the least share of the screen's height the kiosk's
// screens keep while the keyboard is open.
const screensShare = 0.4

// checkFits checks, at each supported screen, that the kiosk asks for no
// more than the screen, that the screens keep their share of it, and that
// the keyboard's keys are at least a fingertip.
func (kt *kioskTest) checkFits(t *testing.T, where string) {
	t.Helper()
	need := kt.k.Content().MinSize()
	for _, size := range kioskScreens {
		if !fits(need, size) {
			t.Errorf("%s: the kiosk asks for %v of a %v screen", where, need, size)
			continue
		}
		kt.w.Resize(size)
		if room := kt.screensScroll().Size(); room.Height < screensShare*size.Height {
			t.Errorf("%s at %v: the screens have %v", where, size, room)
		}
		if kt.k.keyboardShown() {
			if h := kt.k.osk.Size().Height; h < kt.k.osk.MinSize().Height {
				t.Errorf("%s at %v: the keyboard got %.0f, under its least %.0f", where, size, h, kt.k.osk.MinSize().Height)
			}
		}
	}
}

// screensScroll is the scroll the kiosk holds its screens in.
func (kt *kioskTest) screensScroll() *container.Scroll {
	c := kt.k.root.content.(*fyne.Container)
	return c.Objects[0].(*container.Scroll)
}

// TestKioskDialogsFitTheScreen: the staff PIN dialog and the idle warning
// fit on each supported screen, in every language; the keyboard closes
// under the PIN dialog and does not open for its field, since a modal
// dialog keeps taps from it (on 1280×800 it opened there, the window grew
// past the screen, and the dialog could no longer be tapped).
func TestKioskDialogsFitTheScreen(t *testing.T) {
	for _, size := range kioskScreens {
		kt := newKioskTest(t, kiosk.RoleServiceHall, size, nil)
		for _, lang := range translations.Languages {
			kt.s.SetLanguage(lang.Tag)
			kt.k.showKeyboard(true)
			kt.k.askPIN()
			kt.k.tick() // the PIN field has the focus
			if kt.k.keyboardShown() {
				t.Errorf("%v %s: the keyboard is open under the PIN dialog, where it cannot be tapped", size, lang.Tag)
			}
			checkDialog(t, fmt.Sprintf("%v %s PIN", size, lang.Tag), kt.k.pin, size)
			kt.k.hidePIN()
			kt.wait(kt.k.cfg.IdleTimeout.Duration)
			checkDialog(t, fmt.Sprintf("%v %s warning", size, lang.Tag), kt.k.warning, size)
			kt.k.touch()
			kt.k.tick()
		}
	}
}

// checkDialog checks that a dialog fits the screen with a margin: a
// modal pop-up larger than the window is cut to it, and what is cut off
// cannot be tapped.
func checkDialog(t *testing.T, where string, p *widget.PopUp, size fyne.Size) {
	t.Helper()
	if p == nil {
		t.Fatalf("%s: no dialog", where)
	}
	need := p.Content.MinSize().Add(fyne.NewSquareSize(dialogChrome()))
	if !fits(need, size) {
		t.Errorf("%s: the dialog asks for %v (with its margins) of a %v screen", where, need, size)
	}
}

package app

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"jiangsupass/screens"
)

// TestScreensFollowTheTheme draws every screen in the light theme, then
// switches the theme to dark with the screen still shown, as Fyne does
// when the system turns dark while the theme follows it (no rebuild), and
// compares what is drawn with the same screen built afresh in the dark
// theme; and the other way round. A colour read once, when a widget was
// made, stays in the old theme and differs: on the mobile driver the first
// Home was near-black on near-black so, until a rebuild.
func TestScreensFollowTheTheme(t *testing.T) {
	sweep(t)
	size := fyne.NewSize(390, 844)
	for _, elder := range []bool{false, true} {
		for _, c := range []struct{ from, to ThemeMode }{{ThemeLight, ThemeDark}, {ThemeDark, ThemeLight}} {
			s, w := newTestShell(t, prefs{lang: "en", elder: elder, theme: c.from}, LayoutPhone, size)
			a := fyne.CurrentApp()
			for _, sc := range screens.All() {
				for _, r := range sc.SampleRoutes(s.env()) {
					where := fmt.Sprintf("elder=%v/%s %s, %s to %s", elder, r.Screen, r.Param, c.from, c.to)
					// The preference stays as it was: only the theme in
					// force changes, as when the system switches.
					a.Settings().SetTheme(newTheme(c.from, elder))
					s.ShowRoute(r)
					settleAt(w, size)
					a.Settings().SetTheme(newTheme(c.to, elder))
					settleAt(w, size)
					switched := test.RenderToMarkup(w.Canvas())
					s.rebuild()
					settleAt(w, size)
					if fresh := test.RenderToMarkup(w.Canvas()); switched != fresh {
						t.Errorf("%s: drawn differently from the screen built afresh:\n%s", where, firstDifference(switched, fresh))
					}
				}
			}
		}
	}
}

// settleAt lays the window out at size again, as the driver does once
// wrapped labels know their widths.
func settleAt(w fyne.Window, size fyne.Size) {
	w.Resize(size)
	for range 2 {
		relayout(w.Content())
	}
}

// firstDifference shows the first line where two markups differ, with the
// line before it.
func firstDifference(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(la), len(lb)) {
		if la[i] != lb[i] {
			before := ""
			if i > 0 {
				before = strings.TrimSpace(la[i-1]) + "\n"
			}
			return fmt.Sprintf("%sswitched: %s\nafresh:   %s", before, strings.TrimSpace(la[i]), strings.TrimSpace(lb[i]))
		}
	}
	return fmt.Sprintf("one is %d lines, the other %d", len(la), len(lb))
}

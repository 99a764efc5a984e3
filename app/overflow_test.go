package app

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"jiangsupass/screens"
)

// TestNothingOverflowsThePhone renders every screen at phone size, in
// Chinese, English, Japanese and Korean, normal and 长辈版, and fails
// where a vertically scrolling screen's content is wider than the screen:
// text that does not wrap (a check box's label, a button's) then pushes
// the whole screen past the right edge, where it is cut off.
func TestNothingOverflowsThePhone(t *testing.T) {
	sweep(t)
	size := fyne.NewSize(390, 844)
	for _, lang := range []string{"zh-Hans", "en", "ja", "ko"} {
		for _, elder := range []bool{false, true} {
			s, w := newTestShell(t, prefs{lang: lang, elder: elder, theme: ThemeLight}, LayoutPhone, size)
			for _, sc := range screens.All() {
				for _, r := range sc.SampleRoutes(s.env()) {
					s.ShowRoute(r)
					w.Resize(size)
					where := fmt.Sprintf("%s/elder=%v/%s %s", lang, elder, r.Screen, r.Param)
					for _, o := range overflows(w.Content()) {
						t.Errorf("%s: %s", where, o)
					}
				}
			}
		}
	}
}

// overflows lists the vertical scrolls whose content is wider than they
// are.
func overflows(root fyne.CanvasObject) []string {
	var out []string
	walk(root, nil, func(v visit) {
		sc, ok := v.obj.(*container.Scroll)
		if !ok || sc.Direction != container.ScrollVerticalOnly {
			return
		}
		if need, have := sc.Content.MinSize().Width, sc.Size().Width; need > have+1 {
			out = append(out, fmt.Sprintf("content needs %.0f units of a %.0f-unit width", need, have))
		}
	})
	return out
}

// TestOverflowCheckCanFail: a check box with a long label in a vertical
// scroll is found.
func TestOverflowCheckCanFail(t *testing.T) {
	_, w := newTestShell(t, prefs{lang: "en", theme: ThemeLight}, LayoutPhone, fyne.NewSize(390, 844))
	long := "a label much too long to fit on a phone without wrapping, which a check box never does"
	w.SetContent(container.NewVScroll(container.NewVBox(widget.NewCheck(long, nil))))
	w.Resize(fyne.NewSize(390, 844))
	if len(overflows(w.Content())) == 0 {
		t.Error("an overflowing check box was not found: the check could never fail")
	}
}

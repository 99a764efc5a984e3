package app

import (
	"fmt"
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"

	"jiangsupass/screens"
)

// TestElderModeSizes walks every registered screen's canvas in 长辈版, in
// both layouts and in Chinese and English, and fails on any text under 18
// units or any tappable target under 60×60.
func TestElderModeSizes(t *testing.T) {
	sweep(t)
	for _, size := range SnapshotSizes {
		for _, lang := range []string{"zh-Hans", "en"} {
			s, w := newTestShell(t, prefs{lang: lang, elder: true, theme: ThemeLight}, size.Layout, size.Size)
			for _, sc := range screens.All() {
				for _, r := range sc.SampleRoutes(s.env()) {
					s.ShowRoute(r)
					w.Resize(size.Size)
					where := fmt.Sprintf("%s/%s/%s", size.Name, lang, r.Screen)
					checkElderCanvas(t, where, w.Content())
				}
			}
		}
	}
}

func checkElderCanvas(t *testing.T, where string, root fyne.CanvasObject) {
	t.Helper()
	bad, targets := elderViolations(root)
	for _, b := range bad {
		t.Errorf("%s: %s", where, b)
	}
	if targets == 0 {
		t.Errorf("%s: nothing tappable found: the walk reached nothing", where)
	}
}

// elderViolations lists every text under 18 units and every tappable
// target under 60×60 on a canvas, and counts the targets it checked.
func elderViolations(root fyne.CanvasObject) (bad []string, targets int) {
	seen := map[fyne.Tappable]bool{}
	walk(root, nil, func(v visit) {
		if txt, ok := v.obj.(*canvas.Text); ok && txt.Text != "" && txt.TextSize < 18 {
			bad = append(bad, fmt.Sprintf("text %q is %.0f units, under 18", txt.Text, txt.TextSize))
		}
		if tp, ok := v.obj.(fyne.Tappable); ok && !seen[tp] && !scrollTrack(v.obj) {
			seen[tp] = true
			if sz := v.obj.Size(); sz.Width < 60 || sz.Height < 60 {
				bad = append(bad, fmt.Sprintf("tappable %T is %.0f×%.0f, under 60×60", v.obj, sz.Width, sz.Height))
			}
		}
	})
	return bad, len(seen)
}

// TestElderCheckCatchesNormalSizes proves the walk above can fail: the
// normal theme's Settings has texts and targets under 长辈版's limits.
func TestElderCheckCatchesNormalSizes(t *testing.T) {
	s, w := newTestShell(t, prefs{lang: "en", theme: ThemeLight}, LayoutPhone, fyne.NewSize(390, 844))
	s.ShowRoute(screens.Route{Screen: screens.SettingsID})
	if bad, _ := elderViolations(w.Content()); len(bad) == 0 {
		t.Error("the normal theme passes the 长辈版 check: the check could never fail")
	}
}

// TestElderContrast checks that in 长辈版 every text colour meets 4.5:1
// against the backgrounds it is drawn on, light and dark.
func TestElderContrast(t *testing.T) {
	pairs := []struct{ fg, bg fyne.ThemeColorName }{
		{theme.ColorNameForeground, theme.ColorNameBackground},
		{theme.ColorNameForeground, theme.ColorNameInputBackground},
		{theme.ColorNamePlaceHolder, theme.ColorNameInputBackground},
		{theme.ColorNameDisabled, theme.ColorNameBackground},
		{theme.ColorNamePrimary, theme.ColorNameBackground},
		{theme.ColorNameHyperlink, theme.ColorNameBackground},
		{theme.ColorNameForegroundOnPrimary, theme.ColorNamePrimary},
		{theme.ColorNameForeground, theme.ColorNameButton},
	}
	for _, mode := range []ThemeMode{ThemeLight, ThemeDark} {
		th := newTheme(mode, true)
		for _, p := range pairs {
			fg := th.Color(p.fg, theme.VariantLight)
			bg := th.Color(p.bg, theme.VariantLight)
			if r := contrast(fg, bg); r < 4.5 {
				t.Errorf("%s: %s on %s is %.2f:1, under 4.5:1", mode, p.fg, p.bg, r)
			}
		}
	}
}

// contrast is the WCAG 2 contrast ratio of two colours.
func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

func luminance(c color.Color) float64 {
	r, g, b, _ := color.NRGBAModel.Convert(c).RGBA()
	ch := func(v uint32) float64 {
		s := float64(v>>8) / 255
		if s <= 0.03928 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*ch(r) + 0.7152*ch(g) + 0.0722*ch(b)
}

// scrollTrack reports whether o is a scroll container's bar track, which
// takes a mouse click to jump but is never the way to reach anything:
// every scrolled screen also scrolls by drag and wheel.
func scrollTrack(o fyne.CanvasObject) bool {
	return fmt.Sprintf("%T", o) == "*widget.scrollBarArea"
}

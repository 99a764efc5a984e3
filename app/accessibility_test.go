package app

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"jiangsupass/screens"
)

// TestOwnTappablesSpeak walks every screen and fails on any tappable
// widget of the app's own (not Fyne's, which speak for themselves where
// Fyne supports it) that a screen reader could not name: each must be a
// fyne.Accessible with a label.
func TestOwnTappablesSpeak(t *testing.T) {
	sweep(t)
	for _, lang := range []string{"zh-Hans", "en"} {
		s, w := newTestShell(t, prefs{lang: lang, theme: ThemeLight}, LayoutPhone, fyne.NewSize(390, 844))
		checked := 0
		for _, sc := range screens.All() {
			for _, r := range sc.SampleRoutes(s.env()) {
				s.ShowRoute(r)
				where := fmt.Sprintf("%s/%s %s", lang, r.Screen, r.Param)
				for _, p := range silentTappables(w.Content(), &checked) {
					t.Errorf("%s: %s", where, p)
				}
			}
		}
		if checked < 20 {
			t.Errorf("%s: checked %d of the app's own tappables; the walk reached too few", lang, checked)
		}
	}
}

// silentTappables lists the app's own tappables under root that a screen
// reader could not name, and counts those checked.
func silentTappables(root fyne.CanvasObject, checked *int) []string {
	var out []string
	walk(root, nil, func(v visit) {
		if _, ok := v.obj.(fyne.Tappable); !ok || !ownType(v.obj) {
			return
		}
		*checked++
		a, ok := v.obj.(fyne.Accessible)
		switch {
		case !ok:
			out = append(out, fmt.Sprintf("%T is tappable but not fyne.Accessible", v.obj))
		case strings.TrimSpace(a.AccessibilityLabel()) == "":
			out = append(out, fmt.Sprintf("%T has no accessibility label", v.obj))
		}
	})
	return out
}

// ownType reports whether o's type is one of the app's packages'.
func ownType(o fyne.CanvasObject) bool {
	t := reflect.TypeOf(o)
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return strings.HasPrefix(t.PkgPath(), "jiangsupass/")
}

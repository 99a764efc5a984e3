package app

import (
	"fmt"
	"slices"
	"testing"

	"fyne.io/fyne/v2"

	"jiangsupass/screens"
	"jiangsupass/screens/widgets"
)

// navButtons are the navigation entries under o, in order.
func navButtons(o fyne.CanvasObject) []*widgets.NavButton { return find[*widgets.NavButton](o) }

// TestElderTabsOnANarrowPhone: in 长辈版 on a 320-unit phone, in every
// language, the tab bar is Home, Services and More, each a 60-unit target
// or more; More lists every other area, and each opens from there with
// More marked, so that every area is still reached.
func TestElderTabsOnANarrowPhone(t *testing.T) {
	size := fyne.NewSize(320, 568)
	for _, lang := range []string{"zh-Hans", "zh-Hant", "en", "ja", "ko"} {
		s, w := newTestShell(t, prefs{lang: lang, elder: true, theme: ThemeLight}, LayoutPhone, size)
		l := s.Localizer()
		labels := func() []string {
			var out []string
			for _, b := range navButtons(w.Content()) {
				out = append(out, b.AccessibilityLabel())
			}
			return out
		}
		want := []string{l.T("TabHome"), l.T("TabServices"), l.T("TabMore")}
		if got := labels(); !slices.Equal(got, want) {
			t.Fatalf("%s: the tabs are %q, want %q", lang, got, want)
		}
		for _, b := range navButtons(w.Content()) {
			if sz := b.Size(); sz.Width < 60 || sz.Height < 60 {
				t.Errorf("%s: the %q tab is %.0f×%.0f, under 60×60", lang, b.AccessibilityLabel(), sz.Width, sz.Height)
			}
		}
		reached := map[screens.ID]bool{screens.HomeID: true, screens.ServicesID: true}
		for _, area := range []screens.ID{screens.MapID, screens.TransportID, screens.MeID} {
			sc, _ := screens.Lookup(area)
			if !tapText(w.Content(), l.T("TabMore")) {
				t.Fatalf("%s: no More tab", lang)
			}
			where := fmt.Sprintf("%s: More → %s", lang, l.T(sc.Title))
			if !tapText(w.Content(), l.T(sc.Title)) {
				t.Errorf("%s: More does not list it", where)
				continue
			}
			if got := s.Current().Screen; got != area {
				t.Errorf("%s went to %q", where, got)
				continue
			}
			reached[area] = true
			if got := markedTabs(w.Content()); !slices.Equal(got, []string{l.T("TabMore")}) {
				t.Errorf("%s: the tab marked is %q, want More", where, got)
			}
		}
		for _, tab := range screens.Tabs() {
			if !reached[tab.ID] {
				t.Errorf("%s: the %s area is reached neither from the tab bar nor from More", lang, tab.ID)
			}
		}
	}
}

// TestNormalTabsUnchanged: without 长辈版 a phone keeps a tab for each of
// the five areas, and no More.
func TestNormalTabsUnchanged(t *testing.T) {
	_, w := newTestShell(t, prefs{lang: "en", theme: ThemeLight}, LayoutPhone, fyne.NewSize(320, 568))
	var got []string
	for _, b := range navButtons(w.Content()) {
		got = append(got, b.AccessibilityLabel())
	}
	if want := []string{"Home", "Map", "Transport", "Services", "Me"}; !slices.Equal(got, want) {
		t.Errorf("the tabs are %q, want %q", got, want)
	}
}

package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"

	"jiangsupass/screens"
	"jiangsupass/screens/widgets"
)

// markedTabs are the labels of the navigation entries drawn as the
// active one (bold).
func markedTabs(o fyne.CanvasObject) []string {
	var out []string
	walk(o, nil, func(v visit) {
		nb, ok := v.obj.(*widgets.NavButton)
		if !ok {
			return
		}
		walk(nb, nil, func(in visit) {
			if t, ok := in.obj.(*canvas.Text); ok && t.TextStyle.Bold {
				out = append(out, t.Text)
			}
		})
	})
	return out
}

// TestTabMarksWherePagesWereReachedFrom: an attraction and an e-ticket
// opened from Home keep Home marked in the tab bar and the side bar, not
// Map, the tab those screens belong to; opened from Map, Map is marked.
func TestTabMarksWherePagesWereReachedFrom(t *testing.T) {
	for _, c := range []struct {
		name   string
		layout Layout
		size   fyne.Size
	}{{"phone", LayoutPhone, fyne.NewSize(390, 844)}, {"desktop", LayoutDesktop, fyne.NewSize(1100, 800)}} {
		t.Run(c.name, func(t *testing.T) {
			s, w := newTestShell(t, prefs{lang: "en", theme: ThemeLight}, c.layout, c.size)
			for _, r := range []screens.Route{
				{Screen: screens.AttractionID, Param: "5a-002"},
				{Screen: screens.ETicketID, Param: "1"},
			} {
				s.Go(screens.Route{Screen: screens.HomeID})
				s.Go(r)
				if got := markedTabs(w.Content()); len(got) != 1 || got[0] != "Home" {
					t.Errorf("%s reached from Home marks %q, want Home", r.Screen, got)
				}
			}
			s.Go(screens.Route{Screen: screens.MapID})
			s.Go(screens.Route{Screen: screens.AttractionID, Param: "5a-002"})
			if got := markedTabs(w.Content()); len(got) != 1 || got[0] != "Map" {
				t.Errorf("an attraction reached from Map marks %q, want Map", got)
			}
		})
	}
}

package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"jiangsupass/maps/mapview"
	"jiangsupass/screens"
)

// theMap is the one map on the window.
func theMap(t *testing.T, w fyne.Window, where string) *mapview.Map {
	t.Helper()
	m := mapsOn(w.Content())
	if len(m) != 1 {
		t.Fatalf("%s: %d maps shown", where, len(m))
	}
	return m[0]
}

// TestMapKeepsItsView is a tourist on a phone: on the Map tab they drag
// the map to another part of the province, zoom in with the wheel and open
// an attraction's card; then they open the list of attractions and an
// attraction from it, and go back twice; then they go to Home and choose
// the Map tab again; then switch the app to Chinese. Each time the map is
// where they left it, with the same card open.
func TestMapKeepsItsView(t *testing.T) {
	s, w := newTestShell(t, prefs{lang: "en", theme: ThemeLight}, LayoutPhone, fyne.NewSize(390, 844))
	if !tapText(w.Content(), "Map") {
		t.Fatal("no Map tab")
	}
	m := theMap(t, w, "the Map tab")
	p, _ := placeOf(w, m)
	mid := fyne.NewPos(p.pos.Width+p.size.Width/2, p.pos.Height+p.size.Height/2)
	opened := m.Zoom()
	test.Drag(w.Canvas(), mid, 90, -70)
	test.Scroll(w.Canvas(), mid, 0, 10)
	m.Select("a:5a-002")
	zoom, centre := m.Zoom(), m.Center()
	if zoom == opened {
		t.Fatalf("the wheel left the map at zoom %d", zoom)
	}
	if _, ok := m.Selected(); !ok {
		t.Fatal("no card opened for 5a-002")
	}
	same := func(where string) {
		t.Helper()
		m := theMap(t, w, where)
		at := m.PositionOf(centre) // where the place left in the middle is drawn now
		if d := at.Subtract(fyne.NewPos(m.Size().Width/2, m.Size().Height/2)); m.Zoom() != zoom || d.X*d.X+d.Y*d.Y > 1 {
			t.Errorf("%s: the map is at zoom %d at %v, left at zoom %d at %v", where, m.Zoom(), m.Center(), zoom, centre)
		}
		if mk, ok := m.Selected(); !ok || mk.ID != "a:5a-002" {
			t.Errorf("%s: the card open is %q (%v), left on 5a-002", where, mk.ID, ok)
		}
	}

	if !tapText(w.Content(), "Attractions") {
		t.Fatal("no Attractions button on the map")
	}
	s.Go(screens.Route{Screen: screens.AttractionID, Param: "5a-018"})
	s.Back()
	s.Back()
	if got := s.Current().Screen; got != screens.MapID {
		t.Fatalf("two Backs from an attraction reached from the map's list went to %q", got)
	}
	same("back from the attractions")

	if !tapText(w.Content(), "Home") || !tapText(w.Content(), "Map") {
		t.Fatal("no Home or Map tab")
	}
	same("on the Map tab again")

	s.SetLanguage("zh-Hans")
	same("after switching to Chinese")
}

package app

import (
	"regexp"
	"strconv"
	"testing"

	"fyne.io/fyne/v2"

	"jiangsupass/maps/mapview"
	"jiangsupass/screens"
)

// nearbyStationRow matches a Nearby row of a metro station, with its
// distance in metres.
var nearbyStationRow = regexp.MustCompile(`^([0-9]+) m · Metro station`)

// TestNearHereJourney is a tourist on a phone, with the app's own seeded
// store: from 拙政园's page, Near here lists a metro station within a
// kilometre; the zoom they choose on Nearby's map is still there after
// going back to the garden and pressing Near here again, and after
// switching the app to Chinese.
func TestNearHereJourney(t *testing.T) {
	s, w := newTestShell(t, prefs{lang: "en", theme: ThemeLight}, LayoutPhone, fyne.NewSize(390, 844))
	s.ShowRoute(screens.Route{Screen: screens.AttractionID, Param: "5a-018"})
	if !tapText(w.Content(), "Near here") {
		t.Fatal("no Near here on 拙政园's page")
	}
	if got := s.Current(); got.Screen != screens.NearbyID {
		t.Fatalf("Near here went to %+v", got)
	}
	near := -1
	for _, txt := range texts(w.Content()) {
		if m := nearbyStationRow.FindStringSubmatch(txt.Text); m != nil {
			near, _ = strconv.Atoi(m[1])
			break
		}
	}
	if near < 0 || near > 1000 {
		t.Fatalf("no metro station within 1 km of 拙政园 (nearest %d m)", near)
	}

	m := mapsOn(w.Content())
	if len(m) != 1 {
		t.Fatalf("%d maps on Nearby", len(m))
	}
	m[0].ZoomOut()
	m[0].ZoomOut()
	zoom, centre := m[0].Zoom(), m[0].Center()

	s.Back()
	if !tapText(w.Content(), "Near here") {
		t.Fatal("no Near here after going back")
	}
	if m = mapsOn(w.Content()); len(m) != 1 || m[0].Zoom() != zoom || m[0].Center() != centre {
		t.Fatalf("returning to Nearby: zoom %d at %v, left at zoom %d at %v", m[0].Zoom(), m[0].Center(), zoom, centre)
	}
	s.SetLanguage("zh-Hans")
	if m = mapsOn(w.Content()); len(m) != 1 || m[0].Zoom() != zoom || m[0].Center() != centre {
		t.Fatalf("after switching language: zoom %d at %v, left at zoom %d at %v", m[0].Zoom(), m[0].Center(), zoom, centre)
	}
	if !hasText(w.Content(), "附近") {
		t.Error("Nearby is not in Chinese after the switch")
	}
}

// mapsOn are the maps visible under o.
func mapsOn(o fyne.CanvasObject) []*mapview.Map {
	var out []*mapview.Map
	walk(o, nil, func(v visit) {
		if m, ok := v.obj.(*mapview.Map); ok {
			out = append(out, m)
		}
	})
	return out
}

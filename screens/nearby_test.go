package screens

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/paulmach/orb"

	"jiangsupass/maps"
	"jiangsupass/maps/mapview"
	"jiangsupass/offline"
)

// TestNearbyPickThenList: with no location the screen shows a map; a tap
// on it opens Nearby at that point, which lists the nearest attractions,
// and keeping the point stores it as the configured location.
func TestNearbyPickThenList(t *testing.T) {
	env, nav := testEnv(t, "en")
	env.Memory = NewMemory()
	w := show(t, buildNearby(env, Route{Screen: NearbyID}))
	m := find[*mapview.Map](w.Content())
	if len(m) != 1 {
		t.Fatalf("no map to pick a point on (%d)", len(m))
	}
	test.TapAt(m[0], fyne.NewPos(m[0].Size().Width/2, m[0].Size().Height/2))
	r := nav.last()
	if r.Screen != NearbyID {
		t.Fatalf("tap on the map went to %+v", r)
	}
	if _, ok := parseLonLat(r.Param); !ok {
		t.Fatalf("picked point %q does not parse", r.Param)
	}
	r.Param = "118.78350,32.04180" // Xinjiekou, Nanjing
	w.SetContent(buildNearby(env, r))
	if !showsText(w.Content(), "Distances from the point you tapped on the map") {
		t.Errorf("the picked point is not named as where distances are from: %q", labelTexts(w.Content()))
	}
	env.Memory.SetChoice(nearbyKindKey, string(offline.PlaceAttraction))
	w.SetContent(buildNearby(env, r))
	if !showsPrefix(w.Content(), "Confucius Temple") {
		t.Error("the nearest attraction to Xinjiekou is not listed")
	}
	test.Tap(labelled(t, w.Content(), "Keep this point"))
	v, ok, err := env.Store.Setting(context.Background(), LocationSetting)
	if err != nil || !ok || v != "118.78350,32.04180" {
		t.Errorf("kept location = %q, %v, %v", v, ok, err)
	}
	w.SetContent(buildNearby(env, Route{Screen: NearbyID}))
	if !showsText(w.Content(), "Distances from the point you kept") {
		t.Error("the kept point is not used as the configured location")
	}
	env.Kiosk = true
	w.SetContent(buildNearby(env, Route{Screen: NearbyID}))
	if !showsText(w.Content(), "Distances from this terminal's location") {
		t.Error("a kiosk does not say its distances are from the terminal")
	}
}

// showsPrefix reports whether a label under o starts with s.
func showsPrefix(o fyne.CanvasObject, s string) bool {
	for _, text := range labelTexts(o) {
		if strings.HasPrefix(text, s) {
			return true
		}
	}
	return false
}

// TestCurrentLocationOrder: a picked point wins, then the configured one;
// a malformed or far-away setting counts as none.
func TestCurrentLocationOrder(t *testing.T) {
	env, _ := testEnv(t, "en")
	ctx := context.Background()
	if _, ok, err := currentLocation(ctx, env, ""); ok || err != nil {
		t.Fatalf("a fresh store has a location (%v)", err)
	}
	for _, bad := range []string{"nonsense", "0,0", "118.7", "-74.0,40.7"} {
		if err := env.Store.SetSetting(ctx, LocationSetting, bad); err != nil {
			t.Fatal(err)
		}
		if loc, ok, _ := currentLocation(ctx, env, ""); ok {
			t.Errorf("setting %q gave %+v", bad, loc)
		}
	}
	if err := env.Store.SetSetting(ctx, LocationSetting, "119.4,32.4"); err != nil {
		t.Fatal(err)
	}
	if loc, ok, _ := currentLocation(ctx, env, ""); !ok || loc.Source != LocationConfigured {
		t.Errorf("configured location: %+v %v", loc, ok)
	}
	if loc, ok, _ := currentLocation(ctx, env, "120.1,31.5"); !ok || loc.Source != LocationPicked || loc.Point != (orb.Point{120.1, 31.5}) {
		t.Errorf("picked location: %+v %v", loc, ok)
	}
}

// TestMapScreenPlaces opens the map on Nanjing, on an attraction with its
// card open, and on the province; the card's action opens the detail.
func TestMapScreenPlaces(t *testing.T) {
	env, nav := testEnv(t, "en")
	w := show(t, buildMap(env, Route{Screen: MapID, Param: "a:5a-002"}))
	m := find[*mapview.Map](w.Content())[0]
	if sel, ok := m.Selected(); !ok || sel.ID != "a:5a-002" || m.Zoom() != placeZoom {
		t.Fatalf("map on an attraction: selected %+v %v at zoom %d", sel, ok, m.Zoom())
	}
	test.Tap(labelled(t, w.Content(), "Details"))
	if r := nav.last(); r.Screen != AttractionID || r.Param != "5a-002" {
		t.Errorf("card action went to %+v", r)
	}
	w.SetContent(buildMap(env, Route{Screen: MapID, Param: "nanjing"}))
	m = find[*mapview.Map](w.Content())[0]
	if c := m.Center(); m.Zoom() != cityZoom || maps.Distance(c, orb.Point{118.78, 32.05}) > 20000 {
		t.Errorf("Nanjing: centre %v zoom %d", c, m.Zoom())
	}
	w.SetContent(buildMap(env, Route{Screen: MapID, Param: "province"}))
	m = find[*mapview.Map](w.Content())[0]
	if c := m.Center(); maps.Distance(c, orb.Point{119.15, 32.94}) > 30000 {
		t.Errorf("province: centre %v", c)
	}
	if m.Attribution() == "" {
		t.Error("no attribution")
	}
}

// FuzzParseLonLat reads arbitrary text as a location: it is refused or
// gives a point in range that survives formatting and reading again.
func FuzzParseLonLat(f *testing.F) {
	for _, s := range []string{"118.78350,32.04180", " 120.6 , 31.3 ", "0,0", "NaN,NaN", "1e999,32", "118.7", ",", "118.7,32.0,5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, ok := parseLonLat(s)
		if !ok {
			return
		}
		if p.Lon() < 73 || p.Lon() > 136 || p.Lat() < 3 || p.Lat() > 54 {
			t.Fatalf("%q gave %v, outside the bounds", s, p)
		}
		q, ok := parseLonLat(formatLonLat(p))
		if !ok || maps.Distance(p, q) > 2 {
			t.Fatalf("%q → %v → %q → %v", s, p, formatLonLat(p), q)
		}
	})
}

// TestFormatMeters writes distances in the reader's language, rounded as
// a sign would be.
func TestFormatMeters(t *testing.T) {
	for _, c := range []struct {
		lang string
		m    float64
		want string
	}{
		{"en", 0, "0 m"}, {"en", 8.4, "8 m"}, {"en", 99.4, "99 m"}, {"en", 99.6, "100 m"}, {"en", 266, "270 m"},
		{"en", 994, "990 m"}, {"en", 996, "1.0 km"}, {"en", 1234, "1.2 km"}, {"en", 99_940, "99.9 km"},
		{"en", 99_960, "100 km"}, {"en", 141_000, "141 km"}, {"en", -3, "0 m"},
		{"zh-Hans", 266, "270 米"}, {"zh-Hans", 7480, "7.5 公里"}, {"zh-Hant", 350, "350 公尺"}, {"ko", 1234, "1.2km"},
	} {
		env, _ := testEnv(t, c.lang)
		if got := formatMeters(env, c.m); got != c.want {
			t.Errorf("%s %.1f m: %q, want %q", c.lang, c.m, got, c.want)
		}
	}
}

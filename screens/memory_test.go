package screens

import (
	"testing"

	"fyne.io/fyne/v2"
	"github.com/paulmach/orb"

	"jiangsupass/maps"
	"jiangsupass/maps/mapview"
)

// withinMetre reports whether two points are within a metre.
func withinMetre(p, q orb.Point) bool { return maps.Distance(p, q) < 1 }

// TestMemoryShowMap: a map shown again for the same place opens where the
// user left it; for another place, at the zoom they chose, or at the
// default when they chose none; a map never laid out tells nothing; a nil
// Memory shows the default.
func TestMemoryShowMap(t *testing.T) {
	env, _ := testEnv(t, "en")
	src, _, err := mapSource(t.Context(), env, mapStyle(env))
	if err != nil {
		t.Fatal(err)
	}
	newMap := func() *mapview.Map {
		m := mapview.New(src)
		m.Synchronous = true // no tile workers outliving the test
		m.Resize(fyne.NewSize(390, 400))
		return m
	}
	a, b := orb.Point{120.62, 31.32}, orb.Point{118.78, 32.04}
	mem := NewMemory()

	m := newMap()
	mem.showMap("k", "a", m, a, 14)
	if m.Zoom() != 14 || !withinMetre(m.Center(), a) {
		t.Fatalf("first show: zoom %d at %v", m.Zoom(), m.Center())
	}
	again := newMap()
	mem.showMap("k", "b", again, b, 14)
	if again.Zoom() != 14 {
		t.Errorf("another place with no zoom chosen: zoom %d, want the default", again.Zoom())
	}
	again.ZoomOut()
	again.PanBy(30, 30)
	left := again.Center()

	back := newMap()
	mem.showMap("k", "b", back, b, 14)
	if back.Zoom() != 13 || !withinMetre(back.Center(), left) {
		t.Errorf("same place: zoom %d at %v, left at 13 at %v", back.Zoom(), back.Center(), left)
	}
	other := newMap()
	mem.showMap("k", "a", other, a, 14)
	if other.Zoom() != 13 || !withinMetre(other.Center(), a) {
		t.Errorf("another place: zoom %d at %v, want the chosen 13 at %v", other.Zoom(), other.Center(), a)
	}
	unsized := mapview.New(src)
	unsized.Synchronous = true
	mem.showMap("k", "a", unsized, a, 14)
	unsized.ZoomOut() // before it has a size: not the user's doing
	if v, ok := mem.lastView("k"); !ok || v.zoom != 13 {
		t.Errorf("a map never laid out changed the kept view: %+v %v", v, ok)
	}
	if _, ok := mem.lastView("other"); ok {
		t.Error("a view under a key never used")
	}

	var none *Memory
	plain := newMap()
	none.showMap("k", "a", plain, b, 12)
	if plain.Zoom() != 12 || !withinMetre(plain.Center(), b) || none.Choice("x") != "" {
		t.Errorf("nil Memory: zoom %d at %v", plain.Zoom(), plain.Center())
	}
	none.SetChoice("x", "y")
	mem.SetChoice("x", "y")
	if mem.Choice("x") != "y" {
		t.Error("a choice is not kept")
	}
}

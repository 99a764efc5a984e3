package screens

import (
	"github.com/paulmach/orb"

	"jiangsupass/maps/mapview"
)

// Memory is what screens remember that their routes do not carry: where
// the user left a map, which filter they chose. The shell makes one and
// hands it to every Env it makes, so it outlives rebuilds (a language
// switch, 长辈版, going back and returning); a kiosk starts a new one for
// each visitor. Its methods are for the UI goroutine. A nil *Memory
// remembers nothing.
type Memory struct {
	choices map[string]string
	maps    map[string]*keptMap
}

// NewMemory returns a Memory that remembers nothing yet.
func NewMemory() *Memory {
	return &Memory{choices: map[string]string{}, maps: map[string]*keptMap{}}
}

// Choice is the choice last set under key, "" when none was.
func (m *Memory) Choice(key string) string {
	if m == nil {
		return ""
	}
	return m.choices[key]
}

// SetChoice remembers a choice under key.
func (m *Memory) SetChoice(key, value string) {
	if m != nil {
		m.choices[key] = value
	}
}

// mapView is where a map is: its centre and zoom, and the marker whose
// card is open ("" when none).
type mapView struct {
	center   orb.Point
	zoom     int
	selected string
}

// keptMap follows the map a screen shows under a key. The map itself says
// where the user has panned and zoomed it, so it is read when the screen
// is next built, not on every move.
type keptMap struct {
	place      string  // what the map was shown for, e.g. the route's Param
	view       mapView // where it was when last read
	setZoom    int     // the zoom the screen showed it at
	chosenZoom int     // the zoom the user last chose; 0 when none
	live       *mapview.Map
}

// read takes the view of the live map, once it has been laid out: before
// that it has no view of its own.
func (k *keptMap) read() {
	if k.live == nil || k.live.Size().IsZero() {
		return
	}
	k.view = viewOf(k.live)
	if k.view.zoom != k.setZoom {
		k.chosenZoom = k.view.zoom
	}
}

// viewOf is where mv is now.
func viewOf(mv *mapview.Map) mapView {
	v := mapView{center: mv.Center(), zoom: mv.Zoom()}
	if mk, ok := mv.Selected(); ok {
		v.selected = mk.ID
	}
	return v
}

// showMap puts mv where the user left the map kept under key and follows
// mv from now on. Shown for the same place as before, it is where the user
// left it; for another place it is centred on at, at the zoom the user
// last chose, or at zoom def if they chose none.
func (m *Memory) showMap(key, place string, mv *mapview.Map, at orb.Point, def int) {
	m.placeMap(key, place, mv, func(chosenZoom int) {
		if chosenZoom == 0 {
			chosenZoom = def
		}
		mv.CenterOn(at, chosenZoom)
	})
}

// placeMap puts mv where the user left the map kept under key, with the
// same card open, when that map was shown for the same place; otherwise
// (or with no Memory) it calls fresh, with the zoom the user last chose
// there (0 when none), to place mv as the screen places a new map. Either
// way it follows mv from now on. Markers are set before, so that the
// card can open again.
func (m *Memory) placeMap(key, place string, mv *mapview.Map, fresh func(chosenZoom int)) {
	if m == nil {
		fresh(0)
		return
	}
	k := m.maps[key]
	if k == nil {
		k = &keptMap{}
		m.maps[key] = k
	}
	k.read()
	if k.live != nil && k.place == place {
		mv.CenterOn(k.view.center, k.view.zoom)
		if k.view.selected != "" {
			mv.Select(k.view.selected)
		}
	} else {
		fresh(k.chosenZoom)
	}
	k.place, k.live, k.setZoom = place, mv, mv.Zoom()
	k.view = viewOf(mv)
}

// lastView is where the map kept under key was left, if one was shown.
func (m *Memory) lastView(key string) (mapView, bool) {
	if m == nil || m.maps[key] == nil || m.maps[key].live == nil {
		return mapView{}, false
	}
	k := m.maps[key]
	k.read()
	return k.view, true
}

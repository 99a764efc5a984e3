package screens

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"github.com/paulmach/orb"

	"jiangsupass/maps"
	"jiangsupass/maps/mapview"
	"jiangsupass/offline"
	"jiangsupass/screens/widgets"
)

// nearbyZoom is the zoom Nearby's map opens at until the user chooses
// another: about 3 km across a phone.
const nearbyZoom = placeZoom

// nearbyOriginID is the marker ID of where distances are measured from.
const nearbyOriginID = "origin"

// markerOrigin is the colour of the origin's marker: magenta, which no
// kind of place has, and which stands out on the light and dark maps.
var markerOrigin = color.NRGBA{0xc4, 0x1d, 0x7f, 0xff}

// nearbyMap shows the places listed, and where they are measured from, at
// every zoom: markers of the listed places are never hidden by zoom, only
// gathered into a cluster where they crowd. It opens where the user left
// it (see Memory) and measures from a point the user taps.
type nearbyMap struct {
	env    *Env
	origin nearbyOrigin
	widget *mapview.Map
	byID   map[string]offline.NearbyPlace
}

func newNearbyMap(env *Env, mv *mapview.Map, o nearbyOrigin, open func(offline.NearbyPlace)) *nearbyMap {
	nm := &nearbyMap{env: env, origin: o, widget: mv}
	mv.OnOpen = func(mk mapview.Marker) {
		if p, ok := nm.byID[mk.ID]; ok {
			open(p)
		}
	}
	mv.OnTapped = func(p orb.Point) { env.Nav.Go(Route{Screen: NearbyID, Param: formatLonLat(p)}) }
	env.Memory.showMap(nearbyMapKey, nearbyMapPlace(o), mv, o.Point, nearbyZoom)
	return nm
}

// nearbyMapPlace is what the map is shown for: where distances are
// measured from.
func nearbyMapPlace(o nearbyOrigin) string {
	if o.id != "" {
		return string(o.kind) + ":" + o.id
	}
	return o.Source + ":" + formatLonLat(o.Point)
}

// show marks the origin and the places.
func (nm *nearbyMap) show(places []offline.NearbyPlace) {
	env := nm.env
	nm.byID = make(map[string]offline.NearbyPlace, len(places))
	markers := make([]mapview.Marker, 0, len(places)+1)
	for _, p := range places {
		id := string(p.Kind) + ":" + p.ID
		_, openable := placeRoute(p)
		nm.byID[id] = p
		markers = append(markers, mapview.Marker{ID: id, Point: p.Point, Title: placeTitle(env, p),
			Subtitle: placeLine(env, p), Color: placeColour(p.Kind), Openable: openable})
	}
	// The origin last, so that it is drawn over a place at the same spot.
	markers = append(markers, mapview.Marker{ID: nearbyOriginID, Point: nm.origin.Point,
		Title: nm.origin.title(env), Subtitle: nm.origin.fromLine(env), Color: markerOrigin})
	nm.widget.SetMarkers(markers)
}

// object is the map with, over its top left corner, the button that
// measures from its centre; taps elsewhere reach the map. In 长辈版 on a
// phone the button, at its size, would cover most of the map: it is
// above the map instead (centreButton), and this is the map alone.
func (nm *nearbyMap) object() fyne.CanvasObject {
	if nm.env.Elder && nm.env.Phone {
		return nm.widget
	}
	return container.NewStack(nm.widget, container.NewPadded(container.NewVBox(widgets.NewLeading(nm.centreButton()))))
}

// centreButton measures from the centre of the map.
func (nm *nearbyMap) centreButton() *widgets.WrapButton {
	return widgets.NewWrapButtonWithIcon(nm.env.T("NearbyFromCentreAction"), theme.ZoomFitIcon(), nm.centre)
}

// centre measures from the centre of the map as the user has left it.
func (nm *nearbyMap) centre() {
	nm.env.Nav.Go(Route{Screen: NearbyID, Param: nearbyCentrePrefix + formatLonLat(nm.widget.Center())})
}

// nearbyPicker asks the user to tap the map where they are. It opens
// where the user last left Nearby's map, else on the whole province.
func nearbyPicker(env *Env, src maps.TileSource, style maps.Style, sync bool) fyne.CanvasObject {
	m := newMapWidget(env, src, style, sync)
	if v, ok := env.Memory.lastView(nearbyMapKey); ok {
		m.CenterOn(v.center, v.zoom)
	} else {
		m.FitPoints(jiangsuBounds)
	}
	m.OnTapped = func(p orb.Point) {
		env.Nav.Go(Route{Screen: NearbyID, Param: formatLonLat(p)})
	}
	hint := widgets.NewBanner(theme.InfoIcon(), widgets.NewWrappedLabel(env.T("NearbyPickHint")))
	return widgets.NewHeadOver(container.NewPadded(hint), m, headShare)
}

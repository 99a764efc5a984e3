package screens

import (
	"context"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb"

	"jiangsupass/maps"
	"jiangsupass/maps/mapview"
	"jiangsupass/screens/widgets"
)

// MapID is the Map tab: the offline map of Jiangsu with attractions,
// cities, metro stations and transport hubs. Its route's Param says where
// it opens: "" or "province" the whole province, "nanjing" Nanjing at city
// zoom, "city:<code>" a city, "a:<attraction id>" an attraction with its
// card open.
const MapID ID = "map"

// mapTabKey is what the Map tab keeps its view under in the Env's Memory.
const mapTabKey = "map"

// Zoom levels the map opens at for a city and for one place.
const (
	cityZoom  = 11
	placeZoom = 14
)

// jiangsuBounds are the corners of the province, to fit it in the view.
var jiangsuBounds = []orb.Point{{116.36, 30.76}, {121.95, 35.12}}

func init() {
	Register(Screen{ID: MapID, Tab: TabMap, Root: true, Title: "TabMap", Icon: theme.IconNameGrid, Tile: "MapTile",
		Build: buildMap,
		Samples: func(*Env) []Route {
			return []Route{{Screen: MapID, Param: "province"}, {Screen: MapID, Param: "nanjing"}}
		}})
}

func buildMap(env *Env, r Route) fyne.CanvasObject {
	holder := container.NewStack(widgets.NewLoading(env.T("MapLoading")))
	style := mapStyle(env)
	var src maps.TileSource
	var cities []cityPlace
	var markers []mapview.Marker
	var note fyne.CanvasObject // when the crowd levels were known
	var err error
	sync := loadsSynchronously(env)
	env.Load(func(ctx context.Context) {
		if src, cities, err = mapSource(ctx, env, style); err == nil {
			markers, err = loadMarkers(ctx, env, cities)
		}
		if err == nil {
			note, err = loadCrowdNote(ctx, env)
		}
	}, func() {
		if err != nil {
			fyne.LogError("map", err)
			holder.Objects = []fyne.CanvasObject{mapError(env, r)}
			holder.Refresh()
			return
		}
		m := newMapWidget(env, src, style, sync)
		m.SetMarkers(markers)
		// Back on the map, or on the tab again, it is where the user left it.
		env.Memory.placeMap(mapTabKey, r.Param, m, func(int) { placeMap(m, r.Param, cities) })
		top := mapToolbar(env, m, cities)
		if note != nil {
			top = container.NewVBox(top, container.NewPadded(note))
		}
		holder.Objects = []fyne.CanvasObject{container.NewBorder(top, nil, nil, nil, m)}
		holder.Refresh()
	})
	return holder
}

// newMapWidget makes the map widget as every map screen wants it: targets
// the theme's size, the style's background and basemap following the
// theme (followTheme), attractions opening their detail.
func newMapWidget(env *Env, src maps.TileSource, style maps.Style, sync bool) *mapview.Map {
	m := mapview.New(src)
	m.Synchronous = sync
	m.TargetSize = widgets.TargetSize()
	m.Background = style.Background
	followTheme(env, m, style)
	m.CardAction = env.T("MapDetails")
	m.Description = env.T("TabMap")
	m.ClusterLabel = clusterLabel(env)
	m.DistanceLabel = func(d float64) string { return scaleDistance(env, d) }
	m.OnOpen = func(mk mapview.Marker) {
		if id, ok := strings.CutPrefix(mk.ID, attractionMarkerPrefix); ok {
			env.Nav.Go(Route{Screen: AttractionID, Param: id})
		}
	}
	return m
}

// scaleDistance writes a scale bar's round distance in the reader's
// language: "500 米", "2 公里", "2 km".
func scaleDistance(env *Env, meters float64) string {
	if meters >= 1000 {
		return env.L.Tf("DistanceKilometres", map[string]any{"N": strconv.FormatFloat(meters/1000, 'g', -1, 64)})
	}
	return env.L.Tf("DistanceMetres", map[string]any{"N": strconv.FormatFloat(meters, 'g', -1, 64)})
}

// clusterLabel is what a screen reader says of a cluster of markers.
func clusterLabel(env *Env) func(count int, first string) string {
	return func(count int, first string) string {
		return env.L.Tf("MapClusterLabel", map[string]any{"Count": count, "First": first})
	}
}

// placeMap centres the map as the route's Param says.
func placeMap(m *mapview.Map, param string, cities []cityPlace) {
	switch {
	case param == "nanjing":
		param = "city:320100"
		fallthrough
	case strings.HasPrefix(param, "city:"):
		for _, c := range cities {
			if "city:"+c.Division.Code == param {
				m.CenterOn(c.Point, cityZoom)
				return
			}
		}
	case strings.HasPrefix(param, attractionMarkerPrefix):
		m.Select(param)
		if mk, ok := m.Selected(); ok {
			m.CenterOn(mk.Point, placeZoom)
			return
		}
	}
	m.FitPoints(jiangsuBounds)
}

// mapToolbar offers centring on a city, the attraction list and Nearby.
func mapToolbar(env *Env, m *mapview.Map, cities []cityPlace) fyne.CanvasObject {
	names := []string{env.T("MapWholeProvince")}
	for _, c := range cities {
		names = append(names, c.Division.Name.In(env.L.Lang()))
	}
	pick := widget.NewSelect(names, func(name string) {
		if name == names[0] {
			m.FitPoints(jiangsuBounds)
			return
		}
		for i, c := range cities {
			if names[i+1] == name {
				m.CenterOn(c.Point, cityZoom)
			}
		}
	})
	pick.PlaceHolder = env.T("MapCentreOnCity")
	toList, toNearby := func() { env.Nav.Go(Route{Screen: AttractionsID}) }, func() { env.Nav.Go(Route{Screen: NearbyID}) }
	if env.Phone && env.Elder {
		// Two buttons side by side with their icon beside 长辈版's text
		// are wider than a narrow phone: each has its icon over its label.
		list := widgets.NewNavButton(theme.ListIcon(), env.T("AttractionsTitle"), false, true, toList)
		near := widgets.NewNavButton(theme.MediaRecordIcon(), env.T("NearbyTitle"), false, true, toNearby)
		list.LeastTextSize, near.LeastTextSize = theme.CaptionTextSize(), theme.CaptionTextSize()
		return container.NewPadded(container.NewVBox(pick, container.NewGridWithColumns(2, list, near)))
	}
	list := widget.NewButtonWithIcon(env.T("AttractionsTitle"), theme.ListIcon(), toList)
	near := widget.NewButtonWithIcon(env.T("NearbyTitle"), theme.MediaRecordIcon(), toNearby)
	if env.Phone || env.Elder {
		return container.NewPadded(container.NewVBox(pick, container.NewGridWithColumns(2, list, near)))
	}
	return container.NewPadded(container.NewBorder(nil, nil, nil, container.NewHBox(list, near), pick))
}

// mapError is the map's error state: what happened and a retry.
func mapError(env *Env, r Route) fyne.CanvasObject {
	return widgets.NewMessage(theme.ErrorIcon(), env.T("MapErrorTitle"), env.T("MapErrorBody"),
		env.T("Retry"), func() { env.Nav.Go(r) })
}

// loadsSynchronously reports whether env.Load runs its work and apply at
// once (snapshots and tests), so that a map draws every tile before it is
// captured.
func loadsSynchronously(env *Env) bool {
	ran := false
	env.Load(func(context.Context) {}, func() { ran = true })
	return ran
}

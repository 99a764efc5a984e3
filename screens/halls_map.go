package screens

import (
	"context"
	"image/color"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"github.com/paulmach/orb"

	"jiangsupass/maps"
	"jiangsupass/maps/mapview"
	"jiangsupass/offline"
	"jiangsupass/screens/widgets"
)

// HallsMapID shows service halls on the map. Param "hall:ID" centres one
// hall, "item:ID" shows the halls of a service item, "" every hall.
const HallsMapID ID = "halls-map"

// hallsMapKey is what the halls' map keeps its view under in the Env's
// Memory.
const hallsMapKey = "halls-map"

// hallMarkerPrefix begins the marker ID of a hall.
const hallMarkerPrefix = "hall:"

// hallColour is the colour of hall markers.
var hallColour = color.NRGBA{R: 0x1e, G: 0x6f, B: 0xd9, A: 0xff}

func init() {
	Register(Screen{ID: HallsMapID, Tab: TabServices, Title: "HallsMapTitle", Icon: theme.IconNameGrid, Build: buildHallsMap,
		Samples: func(*Env) []Route { return []Route{{Screen: HallsMapID, Param: "item:7"}} }})
}

func buildHallsMap(env *Env, r Route) fyne.CanvasObject {
	holder := container.NewStack(widgets.NewLoading(env.T("MapLoading")))
	style := mapStyle(env)
	var src maps.TileSource
	var halls []offline.ServiceHall
	var err error
	sync := loadsSynchronously(env)
	env.Load(func(ctx context.Context) {
		if src, _, err = mapSource(ctx, env, style); err == nil {
			halls, err = hallsOf(ctx, env.Store, r.Param)
		}
	}, func() {
		if err != nil {
			holder.Objects = []fyne.CanvasObject{readFailed(env, "HallsErrorTitle", "halls map", err, r)}
			holder.Refresh()
			return
		}
		m := newMapWidget(env, src, style, sync)
		var markers []mapview.Marker
		var pts []orb.Point
		for _, h := range halls {
			if !h.HasPoint {
				continue
			}
			sub := hallHours(env, h)
			if h.Generated {
				sub += " · " + env.T("GeneratedLabel")
			}
			markers = append(markers, mapview.Marker{ID: hallMarkerPrefix + h.ID, Point: h.Point, Title: hallName(env, h), Subtitle: sub,
				Color: hallColour, Openable: true})
			pts = append(pts, h.Point)
		}
		m.SetMarkers(markers)
		m.OnOpen = func(mk mapview.Marker) {
			if id, ok := strings.CutPrefix(mk.ID, hallMarkerPrefix); ok {
				env.Nav.Go(Route{Screen: HallID, Param: id})
			}
		}
		env.Memory.placeMap(hallsMapKey, r.Param, m, func(int) {
			switch {
			case strings.HasPrefix(r.Param, "hall:") && len(pts) == 1:
				m.CenterOn(pts[0], cityZoom)
				m.Select(markers[0].ID)
			case len(pts) > 1:
				m.FitPoints(pts)
			default:
				m.FitPoints(jiangsuBounds)
			}
		})
		note := widgets.NewBanner(theme.InfoIcon(), widgets.NewWrappedLabel(env.L.Tf("HallsMapNote",
			map[string]any{"Shown": len(markers), "Total": len(halls)})))
		holder.Objects = []fyne.CanvasObject{container.NewBorder(note, nil, nil, nil, m)}
		holder.Refresh()
	})
	return holder
}

// hallsOf reads the halls a map's Param names.
func hallsOf(ctx context.Context, st *offline.Store, param string) ([]offline.ServiceHall, error) {
	switch {
	case strings.HasPrefix(param, "hall:"):
		h, err := st.ServiceHall(ctx, strings.TrimPrefix(param, "hall:"))
		if err != nil {
			return nil, err
		}
		return []offline.ServiceHall{h}, nil
	case strings.HasPrefix(param, "item:"):
		id, err := strconv.ParseInt(strings.TrimPrefix(param, "item:"), 10, 64)
		if err != nil {
			return nil, offline.ErrNotFound
		}
		it, err := st.CatalogueItemByID(ctx, id)
		if err != nil {
			return nil, err
		}
		return st.HallsFor(ctx, it)
	}
	return st.ServiceHalls(ctx)
}

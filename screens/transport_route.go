package screens

import (
	"context"
	"fmt"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"github.com/paulmach/orb"

	"jiangsupass/maps"
	"jiangsupass/maps/mapview"
	"jiangsupass/screens/widgets"
	"jiangsupass/transit"
)

// RouteMapID is one planned journey on the map: each ride drawn along its
// stops in its line's colour, walks in grey, markers where the journey
// starts, changes and ends, and the legs beside (desktop) or below
// (phone). Param is the planner's parameter followed by "&opt=N", the
// option's index in the plan.
const RouteMapID ID = "transport-route"

// routeMapKey is what the route map keeps its view under in the Env's
// Memory.
const routeMapKey = "route-map"

func init() {
	Register(Screen{ID: RouteMapID, Tab: TabTransport, Title: "RouteMapTitle", Icon: theme.IconNameVisibility,
		Build: buildRouteMap, Samples: func(*Env) []Route {
			return []Route{{Screen: RouteMapID, Param: plannerSample + "&opt=0"}}
		}})
}

func buildRouteMap(env *Env, r Route) fyne.CanvasObject {
	p, opt := parseRouteMap(r.Param)
	content := container.NewStack(widgets.NewLoading(env.T("PlannerPlanning")))
	style := mapStyle(env)
	var j *plannedJourney
	var src maps.TileSource
	var mapErr error
	env.Load(func(ctx context.Context) {
		j = loadJourney(ctx, env, p)
		src, _, mapErr = mapSource(ctx, env, style)
	}, func() {
		content.Objects = []fyne.CanvasObject{routeMapView(env, r, j, opt, src, style, mapErr)}
		content.Refresh()
	})
	return content
}

func routeMapView(env *Env, r Route, j *plannedJourney, opt int, src maps.TileSource, style maps.Style, mapErr error) fyne.CanvasObject {
	if j.err != nil {
		return transportError(env, r)
	}
	if j.fromErr != nil || j.toErr != nil || j.planErr != nil || opt < 0 || opt >= len(j.plan.Options) {
		return widgets.NewMessage(theme.InfoIcon(), env.T("RouteMapGoneTitle"), env.T("RouteMapGoneBody"),
			env.T("PlannerTitle"), func() { env.Nav.Go(j.p.route()) })
	}
	journey := j.plan.Options[opt]
	var area fyne.CanvasObject
	if mapErr != nil || src == nil {
		area = widgets.NewMessage(theme.WarningIcon(), env.T("RouteMapNoMapTitle"), env.T("RouteMapNoMapBody"), "", nil)
	} else {
		m := newMapWidget(env, src, style, loadsSynchronously(env))
		m.Description = env.T("RouteMapTitle")
		lines, markers, pts := routeOverlay(env, j, journey)
		m.SetPolylines(lines)
		m.SetMarkers(markers)
		env.Memory.placeMap(routeMapKey, r.Param, m, func(int) { m.FitPoints(withMargin(pts)) })
		area = m
	}
	title := widgets.NewWrappedLabelWithStyle(journeySummary(env, journey), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	legs := container.NewVScroll(container.NewPadded(container.NewVBox(title, estimatedBanner(env),
		legRows(env, j.d, journey, j.from.name, j.to.name, true))))
	if env.Phone {
		return container.NewGridWithRows(2, area, legs)
	}
	return container.NewGridWithColumns(2, area, legs)
}

// routeOverlay draws a journey: its rides along their stops in their
// lines' colours, its walks in grey, markers at its start, changes and end;
// and the points the map must show.
func routeOverlay(env *Env, j *plannedJourney, journey transit.Journey) ([]mapview.Polyline, []mapview.Marker, []orb.Point) {
	d := j.d
	at := func(stop int, own resolvedPlace) orb.Point {
		if stop >= 0 {
			return d.net.Stops[stop].Point
		}
		if i, ok := d.net.StopIndex(own.place.StopID); ok && own.place.StopID != "" {
			return d.net.Stops[i].Point
		}
		return own.place.Point
	}
	var lines []mapview.Polyline
	var markers []mapview.Marker
	var pts []orb.Point
	width := float32(6)
	if env.Elder {
		width = 8
	}
	for i, l := range journey.Legs {
		switch l.Kind {
		case transit.Walk:
			a, b := at(l.From, j.from), at(l.To, j.to)
			lines = append(lines, mapview.Polyline{Points: []orb.Point{a, b}, ColorName: theme.ColorNamePlaceHolder, Width: width / 2})
			pts = append(pts, a, b)
		case transit.Ride:
			var path []orb.Point
			for _, c := range l.Calls {
				path = append(path, d.net.Stops[c.Stop].Point)
			}
			lines = append(lines, mapview.Polyline{Points: path, Color: lineColor(d, l.Route), Width: width})
			pts = append(pts, path...)
			line := d.routeName(env, l.Route)
			markers = append(markers,
				mapview.Marker{ID: fmt.Sprintf("board-%d", i), Point: path[0], Color: lineColor(d, l.Route),
					Title: d.stopName(env, l.From), Subtitle: l.Depart.Minutes() + "  " + line},
				mapview.Marker{ID: fmt.Sprintf("alight-%d", i), Point: path[len(path)-1], Color: lineColor(d, l.Route),
					Title: d.stopName(env, l.To), Subtitle: l.Arrive.Minutes() + "  " + line})
		}
	}
	if len(journey.Legs) > 0 {
		first, last := journey.Legs[0], journey.Legs[len(journey.Legs)-1]
		markers = append(markers,
			mapview.Marker{ID: "from", Point: at(first.From, j.from), Title: j.from.name,
				Subtitle: env.T("PlannerFrom") + " " + first.Depart.Minutes(), Color: color.NRGBA{0x2e, 0x7d, 0x32, 0xff}},
			mapview.Marker{ID: "to", Point: at(last.To, j.to), Title: j.to.name,
				Subtitle: env.T("PlannerTo") + " " + last.Arrive.Minutes(), Color: color.NRGBA{0xc6, 0x28, 0x28, 0xff}})
	}
	return lines, mergeMarkers(markers), pts
}

// withMargin adds the corners of pts' bounds widened by a fifth on each
// side, so that the markers at the ends stay clear of the map's edges and
// buttons.
func withMargin(pts []orb.Point) []orb.Point {
	if len(pts) == 0 {
		return pts
	}
	b := orb.MultiPoint(pts).Bound()
	dx, dy := (b.Max[0]-b.Min[0])/5+0.002, (b.Max[1]-b.Min[1])/5+0.002
	return append(pts, orb.Point{b.Min[0] - dx, b.Min[1] - dy}, orb.Point{b.Max[0] + dx, b.Max[1] + dy})
}

// mergeMarkers makes one marker of those at the same point (where a ride
// starts at the origin, or one ride ends where the next begins), keeping
// the first one's title and colour and every subtitle. The origin and
// destination keep their own colours.
func mergeMarkers(ms []mapview.Marker) []mapview.Marker {
	var out []mapview.Marker
	at := map[orb.Point]int{}
	for _, m := range ms {
		i, ok := at[m.Point]
		if !ok {
			at[m.Point] = len(out)
			out = append(out, m)
			continue
		}
		out[i].Subtitle += " · " + m.Subtitle
		if m.ID == "from" || m.ID == "to" {
			out[i].ID, out[i].Color, out[i].Title = m.ID, m.Color, m.Title
		}
	}
	return out
}

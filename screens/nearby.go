package screens

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb"

	"jiangsupass/maps"
	"jiangsupass/offline"
	"jiangsupass/screens/widgets"
)

// NearbyID lists the attractions nearest to the user: from the device's
// location where the platform gives one, else the configured location
// (kiosks), else a point the user picks on the map. A picked point is the
// route's Param, "lon,lat".
const NearbyID ID = "nearby"

// nearbyPick is the Param that asks for the picker even when a location
// is known.
const nearbyPick = "pick"

// nearbyCount is how many attractions Nearby lists.
const nearbyCount = 20

func init() {
	Register(Screen{ID: NearbyID, Tab: TabMap, Title: "NearbyTitle", Icon: theme.IconNameMediaRecord,
		Tile: "NearbyTile", OnHome: true, Build: buildNearby,
		Samples: func(*Env) []Route {
			// No location yet (pick one), and a point picked at Xinjiekou, Nanjing.
			return []Route{{Screen: NearbyID}, {Screen: NearbyID, Param: "118.78350,32.04180"}}
		}})
}

// nearbyHit is an attraction and its distance.
type nearbyHit struct {
	a      offline.Attraction
	meters float64
}

func buildNearby(env *Env, r Route) fyne.CanvasObject {
	holder := container.NewStack(widgets.NewLoading(env.T("Loading")))
	var loc Location
	var has bool
	var hits []nearbyHit
	var src maps.TileSource
	var err error
	style := mapStyle(env)
	sync := loadsSynchronously(env)
	env.Load(func(ctx context.Context) {
		if r.Param != nearbyPick {
			loc, has, err = currentLocation(ctx, env, r.Param)
		}
		if err != nil || !has {
			if err == nil {
				src, _, err = mapSource(ctx, env, style)
			}
			return
		}
		hits, err = nearestAttractions(ctx, env.Store, loc.Point, nearbyCount)
	}, func() {
		switch {
		case err != nil:
			holder.Objects = []fyne.CanvasObject{readFailed(env, "NearbyErrorTitle", "nearby", err, r)}
		case !has:
			holder.Objects = []fyne.CanvasObject{nearbyPicker(env, src, style, sync)}
		default:
			holder.Objects = []fyne.CanvasObject{nearbyList(env, loc, hits)}
		}
		holder.Refresh()
	})
	return holder
}

// nearestAttractions finds the k attractions nearest to p with the
// spatial index.
func nearestAttractions(ctx context.Context, st *offline.Store, p orb.Point, k int) ([]nearbyHit, error) {
	all, err := st.Attractions(ctx, offline.AttractionFilter{})
	if err != nil {
		return nil, err
	}
	var located []offline.Attraction
	var pts []orb.Point
	for _, a := range all {
		if a.HasPoint {
			located = append(located, a)
			pts = append(pts, a.Point)
		}
	}
	var out []nearbyHit
	for _, h := range maps.NewIndex(pts).Nearest(p, k) {
		out = append(out, nearbyHit{located[h.Index], h.Meters})
	}
	return out, nil
}

// nearbyPicker asks the user to tap the map where they are.
func nearbyPicker(env *Env, src maps.TileSource, style maps.Style, sync bool) fyne.CanvasObject {
	m := newMapWidget(env, src, style, sync)
	m.FitPoints(jiangsuBounds)
	m.OnTapped = func(p orb.Point) {
		env.Nav.Go(Route{Screen: NearbyID, Param: formatLonLat(p)})
	}
	hint := widgets.NewBanner(theme.InfoIcon(), widgets.NewWrappedLabel(env.T("NearbyPickHint")))
	return container.NewBorder(container.NewPadded(hint), nil, nil, nil, m)
}

// nearbyList shows where distances are measured from and the nearest
// attractions, each leading to its detail.
func nearbyList(env *Env, loc Location, hits []nearbyHit) fyne.CanvasObject {
	lang := env.L.Lang()
	from := widgets.NewWrappedLabel(env.L.Tf("NearbyFrom"+loc.Source, map[string]any{"Point": formatLonLat(loc.Point)}))
	top := container.NewVBox(from)
	row := container.NewGridWithColumns(2)
	row.Add(widget.NewButtonWithIcon(env.T("NearbyPickAgain"), theme.ZoomFitIcon(), func() {
		env.Nav.Go(Route{Screen: NearbyID, Param: nearbyPick})
	}))
	if loc.Source == LocationPicked {
		keep := widget.NewButton(env.T("NearbyRemember"), nil)
		keep.OnTapped = func() {
			var err error
			env.Load(func(ctx context.Context) {
				err = env.Store.SetSetting(ctx, LocationSetting, formatLonLat(loc.Point))
			}, func() {
				if err != nil {
					fyne.LogError("remember location", err)
					keep.SetText(env.T("NearbyRememberError"))
					return
				}
				keep.SetText(env.T("NearbyRemembered"))
				keep.Disable()
			})
		}
		row.Add(keep)
	}
	if env.Phone || env.Elder {
		row = container.NewGridWithColumns(1, row.Objects...)
	}
	top.Add(row)
	list := widget.NewList(func() int { return len(hits) },
		func() fyne.CanvasObject {
			t := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			t.Truncation = fyne.TextTruncateEllipsis
			return container.NewVBox(t, widget.NewLabel(""))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			h := hits[i]
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Label).SetText(h.a.Name.In(lang))
			box.Objects[1].(*widget.Label).SetText(formatMeters(h.meters) + " · " + h.a.Grade)
		})
	list.OnSelected = func(i widget.ListItemID) {
		list.UnselectAll()
		env.Nav.Go(Route{Screen: AttractionID, Param: hits[i].a.ID})
	}
	var body fyne.CanvasObject = list
	if len(hits) == 0 {
		body = widgets.NewMessage(theme.SearchIcon(), env.T("AttractionsNoneTitle"), env.T("NearbyNoneBody"), "", nil)
	}
	return container.NewBorder(container.NewPadded(top), nil, nil, nil, body)
}

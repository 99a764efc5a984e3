package screens

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"jiangsupass/maps"
	"jiangsupass/maps/mapview"
	"jiangsupass/offline"
	"jiangsupass/screens/widgets"
)

// NearbyID lists the places nearest to the user (attractions, metro
// stations, railway stations and airports, service halls) and shows them
// on a map. It measures from the route's Param: an attraction
// ("a:<id>", see NearbyFrom), the centre of the map ("c:lon,lat"), a
// point the user picked ("lon,lat"); with no Param, from the device's
// location where the platform gives one, else the configured location
// (kiosks), else a point the user picks on the map.
const NearbyID ID = "nearby"

// nearbyCount is how many places Nearby lists.
const nearbyCount = 30

// Keys of what Nearby keeps in the Env's Memory: its map's view, and the
// kind of place the filter shows.
const (
	nearbyMapKey  = "nearby"
	nearbyKindKey = "nearby.kind"
)

func init() {
	Register(Screen{ID: NearbyID, Tab: TabMap, Title: "NearbyTitle", Icon: theme.IconNameMediaRecord,
		Tile: "NearbyTile", OnHome: true, Build: buildNearby,
		Samples: func(*Env) []Route {
			// No location yet (pick one), a point picked at Xinjiekou,
			// Nanjing, and the Humble Administrator's Garden, Suzhou.
			return []Route{{Screen: NearbyID}, {Screen: NearbyID, Param: "118.78350,32.04180"}, NearbyFrom("5a-018")}
		}})
}

func buildNearby(env *Env, r Route) fyne.CanvasObject {
	holder := container.NewStack(widgets.NewLoading(env.T("Loading")))
	var o nearbyOrigin
	var has bool
	var places []offline.NearbyPlace
	var src maps.TileSource
	var err error
	style := mapStyle(env)
	sync := loadsSynchronously(env)
	kind := offline.PlaceKind(env.Memory.Choice(nearbyKindKey))
	env.Load(func(ctx context.Context) {
		if o, has, err = resolveNearbyOrigin(ctx, env, r.Param); err != nil {
			return
		}
		if src, _, err = mapSource(ctx, env, style); err != nil || !has {
			return
		}
		places, err = nearbyPlaces(ctx, env.Store, o, kind)
	}, func() {
		switch {
		case errors.Is(err, offline.ErrNotFound):
			holder.Objects = []fyne.CanvasObject{attractionMissing(env)}
		case err != nil:
			holder.Objects = []fyne.CanvasObject{readFailed(env, "NearbyErrorTitle", "nearby", err, r)}
		case !has:
			holder.Objects = []fyne.CanvasObject{nearbyPicker(env, src, style, sync)}
		default:
			v := &nearbyView{env: env, origin: o, kind: kind, places: places}
			holder.Objects = []fyne.CanvasObject{v.layout(newMapWidget(env, src, style, sync))}
		}
		holder.Refresh()
	})
	return holder
}

// nearbyPlaces finds the places of a kind ("" for every kind) nearest to
// the origin, leaving out the origin itself.
func nearbyPlaces(ctx context.Context, st *offline.Store, o nearbyOrigin, kind offline.PlaceKind) ([]offline.NearbyPlace, error) {
	q := offline.NearbyQuery{Limit: nearbyCount + 1}
	if kind != "" {
		q.Kinds = []offline.PlaceKind{kind}
	}
	all, err := st.PlacesNear(ctx, o.Point, q)
	if err != nil {
		return nil, err
	}
	out := all[:0]
	for _, p := range all {
		if !o.is(p) && len(out) < nearbyCount {
			out = append(out, p)
		}
	}
	return out, nil
}

// nearbyView is Nearby with somewhere to measure from: where that is, the
// filter, the list and the map of the places found.
type nearbyView struct {
	env    *Env
	origin nearbyOrigin
	kind   offline.PlaceKind
	places []offline.NearbyPlace
	list   *nearbyList
	m      *nearbyMap
}

// layout puts the origin and filter above the list and the map: the map
// over the list on a phone, beside it on a desktop.
func (v *nearbyView) layout(mv *mapview.Map) fyne.CanvasObject {
	v.list = newNearbyList(v.env, v.open)
	v.m = newNearbyMap(v.env, mv, v.origin, v.open)
	v.show()
	top := nearbyTop(v.env, v.origin, v.kind, v.setKind)
	if v.env.Elder && v.env.Phone {
		top = container.NewVBox(top, v.m.centreButton()) // over the map it would hide it
	}
	var body *container.Split
	if v.env.Phone {
		body = container.NewVSplit(v.m.object(), v.list.object)
		body.Offset = 0.5
	} else {
		body = container.NewHSplit(v.list.object, v.m.object())
		body.Offset = 0.4
	}
	return widgets.NewHeadOver(container.NewPadded(top), body, headShare)
}

// show puts the places found in the list and on the map.
func (v *nearbyView) show() {
	v.list.show(v.places, v.kind)
	v.m.show(v.places)
}

// setKind shows the places of another kind, and remembers the choice.
func (v *nearbyView) setKind(kind offline.PlaceKind) {
	v.kind = kind
	v.env.Memory.SetChoice(nearbyKindKey, string(kind))
	var places []offline.NearbyPlace
	var err error
	v.env.Load(func(ctx context.Context) {
		places, err = nearbyPlaces(ctx, v.env.Store, v.origin, kind)
	}, func() {
		if err != nil {
			fyne.LogError("nearby "+string(kind), err)
			v.list.failed()
			return
		}
		if v.kind == kind { // not overtaken by another choice
			v.places = places
			v.show()
		}
	})
}

// open shows a place's page.
func (v *nearbyView) open(p offline.NearbyPlace) {
	if r, ok := placeRoute(p); ok {
		v.env.Nav.Go(r)
	}
}

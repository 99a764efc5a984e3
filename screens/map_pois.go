package screens

import (
	"context"
	"image/color"

	"jiangsupass/maps/mapview"
	"jiangsupass/offline"
)

// Marker colours: attractions red, city points purple, metro stations
// blue, railway stations and airports green.
var (
	markerAttraction = color.NRGBA{0xd4, 0x38, 0x0d, 0xff}
	markerCity       = color.NRGBA{0x72, 0x2e, 0xd1, 0xff}
	markerStation    = color.NRGBA{0x16, 0x77, 0xff, 0xff}
	markerHub        = color.NRGBA{0x38, 0x9e, 0x0d, 0xff}
)

// Zooms from which metro stations and transport hubs are marked: below
// them they would crowd the province into blots.
const (
	stationMinZoom = 12
	hubMinZoom     = 9
)

// attractionMarkerPrefix starts the marker ID of an attraction.
const attractionMarkerPrefix = "a:"

// loadMarkers reads the map's points of interest: the attractions (a
// scenic area with its last known crowd level), the cities, the metro
// stations and the transport hubs, titled in env's language.
func loadMarkers(ctx context.Context, env *Env, cities []cityPlace) ([]mapview.Marker, error) {
	lang := env.L.Lang()
	st := env.Store
	names := map[string]string{}
	var out []mapview.Marker
	for _, c := range cities {
		names[c.Division.Code] = c.Division.Name.In(lang)
		out = append(out, mapview.Marker{ID: "c:" + c.Division.Code, Point: c.Point,
			Title: c.Division.Name.In(lang), Subtitle: env.T("PoiCity"), Color: markerCity})
	}
	stations, err := st.Stations(ctx, "")
	if err != nil {
		return nil, err
	}
	for _, s := range stations {
		out = append(out, mapview.Marker{ID: "s:" + s.ID, Point: s.Point, Title: stationName(env, s),
			Subtitle: env.L.Tf("PoiStation", map[string]any{"Lines": lineLabels(env, s.Lines)}), Color: markerStation,
			MinZoom: stationMinZoom})
	}
	hubs, err := st.Hubs(ctx)
	if err != nil {
		return nil, err
	}
	for _, h := range hubs {
		kind := "PoiRail"
		if h.Type == "air" {
			kind = "PoiAir"
		}
		out = append(out, mapview.Marker{ID: "h:" + h.Name, Point: h.Point, Title: hubName(env, h),
			Subtitle: env.L.Tf(kind, map[string]any{"Station": offline.StationNames(h.MetroStation).In(lang)}), Color: markerHub,
			MinZoom: hubMinZoom})
	}
	as, err := st.Attractions(ctx, offline.AttractionFilter{})
	if err != nil {
		return nil, err
	}
	levels, err := st.CrowdLevels(ctx)
	if err != nil {
		return nil, err
	}
	for _, a := range as {
		if !a.HasPoint {
			continue
		}
		mk := mapview.Marker{ID: attractionMarkerPrefix + a.ID, Point: a.Point, Title: a.Name.In(lang),
			Subtitle: a.Grade + " · " + names[a.CityCode], Color: markerAttraction, Openable: true}
		if c, ok := levels[a.ID]; ok {
			mk = withCrowd(env, mk, c)
		}
		out = append(out, mk)
	}
	return out, nil
}

package screens

import (
	"image/color"

	"jiangsupass/offline"
)

// nearbyKinds are the filter's choices, "" for every kind, with the
// message ids of their names.
var nearbyKinds = []struct {
	kind offline.PlaceKind
	name string
}{
	{"", "NearbyKindAll"},
	{offline.PlaceAttraction, "NearbyKindAttractions"},
	{offline.PlaceStation, "NearbyKindMetro"},
	{offline.PlaceHub, "NearbyKindHubs"},
	{offline.PlaceHall, "NearbyKindHalls"},
}

// placeTitle is a place's name as the reader reads it.
func placeTitle(env *Env, p offline.NearbyPlace) string {
	switch p.Kind {
	case offline.PlaceAttraction:
		return p.Attraction.Name.In(env.L.Lang())
	case offline.PlaceStation:
		return stationName(env, p.Station)
	case offline.PlaceHall:
		return hallName(env, p.Hall)
	}
	return hubName(env, p.Hub)
}

// placeKindLine says what a place is: "5A · Garden", "Metro station ·
// Line 6", "Railway station · metro: Suzhou Railway Station", "Service
// hall".
func placeKindLine(env *Env, p offline.NearbyPlace) string {
	switch p.Kind {
	case offline.PlaceAttraction:
		return p.Attraction.Grade + " · " + env.T(categoryMessage(categoryGroup(p.Attraction.Category)))
	case offline.PlaceStation:
		return env.L.Tf("PoiStation", map[string]any{"Lines": lineLabels(env, p.Station.Lines)})
	case offline.PlaceHub:
		kind := "PoiRail"
		if p.Hub.Type == "air" {
			kind = "PoiAir"
		}
		metro := offline.Station{Name: p.Hub.MetroStation, Names: offline.StationNames(p.Hub.MetroStation)}
		return env.L.Tf(kind, map[string]any{"Station": stationName(env, metro)})
	}
	if p.Hall.Generated {
		return env.T("HallTitle") + " · " + env.T("GeneratedLabel")
	}
	return env.T("HallTitle")
}

// placeLine is a place's distance and what it is, as its row shows them.
func placeLine(env *Env, p offline.NearbyPlace) string {
	return formatMeters(env, p.Meters) + " · " + placeKindLine(env, p)
}

// placeRoute is the page of a place: an attraction's, a metro station's
// (a hub's is the station that serves it), a hall's. ok is false for a
// hub no station serves.
func placeRoute(p offline.NearbyPlace) (Route, bool) {
	switch p.Kind {
	case offline.PlaceAttraction:
		return Route{Screen: AttractionID, Param: p.ID}, true
	case offline.PlaceStation:
		return Route{Screen: StationID, Param: p.ID}, true
	case offline.PlaceHall:
		return Route{Screen: HallID, Param: p.ID}, true
	}
	return Route{Screen: StationID, Param: p.Hub.StationID}, p.Hub.StationID != ""
}

// markerHall is the colour of a hall's marker where halls share the map
// with metro stations, whose blue the halls map's own is too close to.
var markerHall = color.NRGBA{0x13, 0xa8, 0xa8, 0xff}

// placeColour is the colour of a place's marker: the Map tab's for
// attractions, stations and hubs.
func placeColour(k offline.PlaceKind) color.Color {
	switch k {
	case offline.PlaceAttraction:
		return markerAttraction
	case offline.PlaceStation:
		return markerStation
	case offline.PlaceHub:
		return markerHub
	}
	return markerHall
}

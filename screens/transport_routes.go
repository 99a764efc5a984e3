package screens

import (
	"strconv"
	"strings"
)

// Place is one end of a journey the planner plans, as its route carries
// it: a kind and the value that names the place among those of its kind.
// The zero Place is an end not chosen yet.
type Place struct {
	kind, value string
}

// Places in the planner's route parameter are written "kind:value":
//
//	station:nj-12             a metro station (a bare "nj-12" means the same)
//	attraction:5a-001         an attraction, by its ID
//	hub:南京南                 a railway station or airport, by its name
//	point:118.78,32.04        a point on the map, longitude then latitude
const (
	placeStation    = "station"
	placeAttraction = "attraction"
	placeHub        = "hub"
	placePoint      = "point"
)

// StationPlace is a metro station, by its ID ("nj-12").
func StationPlace(id string) Place { return Place{placeStation, id} }

// AttractionPlace is an attraction, by its ID ("5a-002").
func AttractionPlace(id string) Place { return Place{placeAttraction, id} }

// HubPlace is a railway station or an airport, by its name ("南京南").
func HubPlace(name string) Place { return Place{placeHub, name} }

// IsZero reports whether p is an end not chosen yet.
func (p Place) IsZero() bool { return p == Place{} }

// String is p as a route writes it, "kind:value"; "" for the zero Place.
func (p Place) String() string {
	if p.IsZero() {
		return ""
	}
	return p.kind + ":" + p.value
}

// parsePlace reads a place as a route writes it; a reference with no kind
// is a metro station, and "" the zero Place.
func parsePlace(ref string) Place {
	if ref == "" {
		return Place{}
	}
	kind, value, ok := strings.Cut(ref, ":")
	if !ok {
		return StationPlace(ref)
	}
	return Place{kind, value}
}

// PlannerRoute opens the journey planner from one place to another,
// leaving now; a zero Place leaves that end for the user to choose, e.g.
// PlannerRoute(Place{}, AttractionPlace(id)) for "get there".
func PlannerRoute(from, to Place) Route {
	return plannerParams{from: from, to: to}.route()
}

// plannerParams is the planner's state as its route carries it, e.g.
// "from=station:nj-12&to=attraction:5a-001&at=09:00", each part optional.
type plannerParams struct {
	from, to Place
	at       string // the departure, HH:MM; "" is now
}

// route is the planner showing p.
func (p plannerParams) route() Route { return Route{Screen: PlannerID, Param: p.String()} }

// pick is the picker choosing the planner's field ("from" or "to"), which
// goes back to the planner with p and the choice.
func (p plannerParams) pick(field string) Route {
	return Route{Screen: PickerID, Param: "field=" + field + "&" + p.String()}
}

// onMap is option opt of p's plan on the route map.
func (p plannerParams) onMap(opt int) Route {
	return Route{Screen: RouteMapID, Param: p.String() + "&opt=" + strconv.Itoa(opt)}
}

// stationPicker is the picker listing the metro stations, which opens the
// one chosen.
func stationPicker() Route { return Route{Screen: PickerID, Param: "field=" + pickStation} }

// pickStation is the picker's field that opens a station rather than
// filling in the planner.
const pickStation = "station"

// String is the route parameter of p. A value's "&" and "%" are escaped,
// so that a name holding them reads back whole.
func (p plannerParams) String() string {
	var parts []string
	for _, kv := range [][2]string{{"from", p.from.String()}, {"to", p.to.String()}, {"at", p.at}} {
		if kv[1] != "" {
			parts = append(parts, kv[0]+"="+routeEscaper.Replace(kv[1]))
		}
	}
	return strings.Join(parts, "&")
}

// parsePlanner reads the planner's route parameter. Values are taken as
// they are written (names of hubs hold spaces and Chinese).
func parsePlanner(param string) plannerParams {
	var p plannerParams
	for _, kv := range strings.Split(param, "&") {
		k, v, _ := strings.Cut(kv, "=")
		v = routeUnescaper.Replace(v)
		switch k {
		case "from":
			p.from = parsePlace(v)
		case "to":
			p.to = parsePlace(v)
		case "at":
			p.at = v
		}
	}
	return p
}

// parsePicker reads the picker's route parameter: the field it fills in
// and the planner it goes back to.
func parsePicker(param string) (field string, p plannerParams) {
	field, rest, _ := strings.Cut(param, "&")
	return strings.TrimPrefix(field, "field="), parsePlanner(rest)
}

// parseRouteMap reads the route map's parameter: the planner's and the
// index of the option shown (0 when it names none).
func parseRouteMap(param string) (p plannerParams, opt int) {
	rest, optText, _ := strings.Cut(param, "&opt=")
	opt, _ = strconv.Atoi(optText)
	return parsePlanner(rest), opt
}

// routeEscaper and routeUnescaper escape what would end a value of a
// route parameter early.
var (
	routeEscaper   = strings.NewReplacer("%", "%25", "&", "%26")
	routeUnescaper = strings.NewReplacer("%26", "&", "%25", "%")
)

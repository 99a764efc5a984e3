package screens

import (
	"context"
	"strings"

	"jiangsupass/offline"
)

// Where else Nearby measures from, beside the sources of a Location.
const (
	locationPlace  = "place"  // a place the user opened Nearby from
	locationCentre = "centre" // the centre of the map, as the user left it
)

// nearbyCentrePrefix starts a Nearby Param that measures from the centre
// of the map: "c:lon,lat".
const nearbyCentrePrefix = "c:"

// NearbyFrom is the route of Nearby measured from an attraction.
func NearbyFrom(attractionID string) Route {
	return Route{Screen: NearbyID, Param: attractionMarkerPrefix + attractionID}
}

// nearbyOrigin is where Nearby measures from, and what to call it.
type nearbyOrigin struct {
	Location
	name string            // the place's name in the reader's language (locationPlace)
	kind offline.PlaceKind // the place it is, which the list leaves out
	id   string
}

// resolveNearbyOrigin reads where a Nearby route measures from: an
// attraction ("a:<id>"), the centre of the map ("c:lon,lat"), or what
// currentLocation finds. ok is false when there is nowhere yet, and the
// screen asks the user to pick a point. An attraction that is no longer
// in the store is an error wrapping offline.ErrNotFound.
func resolveNearbyOrigin(ctx context.Context, env *Env, param string) (o nearbyOrigin, ok bool, err error) {
	if id, found := strings.CutPrefix(param, attractionMarkerPrefix); found {
		a, err := env.Store.Attraction(ctx, id)
		if err != nil || !a.HasPoint {
			return nearbyOrigin{}, false, err
		}
		return nearbyOrigin{Location: Location{a.Point, locationPlace}, name: a.Name.In(env.L.Lang()),
			kind: offline.PlaceAttraction, id: a.ID}, true, nil
	}
	if s, found := strings.CutPrefix(param, nearbyCentrePrefix); found {
		p, ok := parseLonLat(s)
		return nearbyOrigin{Location: Location{p, locationCentre}}, ok, nil
	}
	loc, ok, err := currentLocation(ctx, env, param)
	return nearbyOrigin{Location: loc}, ok, err
}

// fromLine says, in words, where distances are measured from.
func (o nearbyOrigin) fromLine(env *Env) string {
	switch o.Source {
	case locationPlace:
		return env.L.Tf("NearbyFromPlace", map[string]any{"Place": o.name})
	case locationCentre:
		return env.T("NearbyFromCentre")
	case LocationDevice:
		return env.T("NearbyFromYou")
	case LocationConfigured:
		if env.Kiosk {
			return env.T("NearbyFromTerminal")
		}
		return env.T("NearbyFromSaved")
	}
	return env.T("NearbyFromPicked")
}

// title is what the origin's marker on the map is called.
func (o nearbyOrigin) title(env *Env) string {
	if o.Source == locationPlace {
		return o.name
	}
	return env.T("NearbyHere")
}

// is reports whether a place found nearby is the origin itself.
func (o nearbyOrigin) is(p offline.NearbyPlace) bool {
	return o.id != "" && p.Kind == o.kind && p.ID == o.id
}

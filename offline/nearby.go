package offline

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/paulmach/orb"

	"jiangsupass/maps"
)

// PlaceKind is a kind of place that Nearby lists.
type PlaceKind string

// The kinds of place PlacesNear finds.
const (
	PlaceAttraction PlaceKind = "attraction" // an attraction (Attraction)
	PlaceStation    PlaceKind = "station"    // a metro station (Station)
	PlaceHub        PlaceKind = "hub"        // a railway station or airport (Hub)
	PlaceHall       PlaceKind = "hall"       // a government service hall (ServiceHall)
)

// PlaceKinds are every kind of place, in the order a filter offers them.
var PlaceKinds = []PlaceKind{PlaceAttraction, PlaceStation, PlaceHub, PlaceHall}

// Bounds of a PlacesNear query: how far it looks and how many places it
// returns when the query does not say, and the most it ever does.
const (
	DefaultNearbyRadius = 50_000  // metres
	MaxNearbyRadius     = 200_000 // metres
	DefaultNearbyLimit  = 30
	MaxNearbyLimit      = 200
)

// NearbyQuery says which places PlacesNear returns.
type NearbyQuery struct {
	// Kinds are the kinds of place wanted; none means every kind.
	Kinds []PlaceKind
	// Within is how far to look, in metres: 0 means DefaultNearbyRadius,
	// and more than MaxNearbyRadius is MaxNearbyRadius.
	Within float64
	// Limit is how many places to return at most: 0 means
	// DefaultNearbyLimit, and more than MaxNearbyLimit is MaxNearbyLimit.
	Limit int
}

// NearbyPlace is a place found by PlacesNear, with its distance. Of the
// four records, the one of its Kind is filled.
type NearbyPlace struct {
	Kind   PlaceKind
	ID     string // the attraction's, station's or hall's ID, or the hub's name
	Point  orb.Point
	Meters float64 // great-circle distance from the query's point

	Attraction Attraction  // when Kind is PlaceAttraction
	Station    Station     // when Kind is PlaceStation
	Hub        Hub         // when Kind is PlaceHub
	Hall       ServiceHall // when Kind is PlaceHall
}

// placeTables are where each kind of place is kept: its table, the column
// that names a row, and the column of its city (an empty text where it
// has none).
var placeTables = map[PlaceKind]struct{ table, id, city string }{
	PlaceAttraction: {"attractions", "id", "city_code"},
	PlaceStation:    {"stations", "id", "city_code"},
	PlaceHub:        {"hubs", "name", "city_code"},
	PlaceHall:       {"service_halls", "id", "''"},
}

// placeCandidate is a row inside the query's box, before it is measured.
type placeCandidate struct {
	kind     PlaceKind
	id, city string
	point    orb.Point
	meters   float64
}

// PlacesNear returns the places of the kinds asked for within q.Within of
// p, nearest first, at most q.Limit of them, each with its full record.
// p must be a longitude and latitude; anything else is ErrBadRequest.
// The store reads only the rows inside a box around the circle, and at
// most a few times q.Limit of those, so neither time nor memory grows
// with the size of the tables beyond that box.
func (s *Store) PlacesNear(ctx context.Context, p orb.Point, q NearbyQuery) ([]NearbyPlace, error) {
	if !validLonLat(p) {
		return nil, fmt.Errorf("places near %v: %w", p, ErrBadRequest)
	}
	within, limit := q.bounds()
	kinds, err := q.kinds()
	if err != nil {
		return nil, fmt.Errorf("places near %v: %w", p, err)
	}
	if err := s.EnsureServiceHalls(ctx); err != nil {
		return nil, err
	}
	cands, err := s.placesInBox(ctx, p, within, kinds, limit)
	if err != nil {
		return nil, fmt.Errorf("places near %v: %w", p, err)
	}
	kept := cands[:0]
	for _, c := range cands {
		if c.meters = maps.Distance(p, c.point); c.meters <= within {
			kept = append(kept, c)
		}
	}
	sort.SliceStable(kept, func(i, j int) bool {
		if kept[i].meters != kept[j].meters {
			return kept[i].meters < kept[j].meters
		}
		if kept[i].kind != kept[j].kind {
			return kept[i].kind < kept[j].kind
		}
		return kept[i].id < kept[j].id
	})
	if len(kept) > limit {
		kept = kept[:limit]
	}
	out, err := s.placeRecords(ctx, kept)
	if err != nil {
		return nil, fmt.Errorf("places near %v: %w", p, err)
	}
	return out, nil
}

// bounds are the query's radius and limit with the defaults and caps
// applied.
func (q NearbyQuery) bounds() (within float64, limit int) {
	within, limit = q.Within, q.Limit
	if within <= 0 || math.IsNaN(within) {
		within = DefaultNearbyRadius
	}
	within = math.Min(within, MaxNearbyRadius)
	if limit <= 0 {
		limit = DefaultNearbyLimit
	}
	return within, min(limit, MaxNearbyLimit)
}

// kinds are the query's kinds, every kind when it names none; an unknown
// kind is ErrBadRequest.
func (q NearbyQuery) kinds() ([]PlaceKind, error) {
	if len(q.Kinds) == 0 {
		return PlaceKinds, nil
	}
	for _, k := range q.Kinds {
		if _, ok := placeTables[k]; !ok {
			return nil, fmt.Errorf("kind of place %q: %w", k, ErrBadRequest)
		}
	}
	return q.Kinds, nil
}

// validLonLat reports whether p is a finite longitude and latitude.
func validLonLat(p orb.Point) bool {
	return !math.IsNaN(p.Lon()) && !math.IsNaN(p.Lat()) && p.Lon() >= -180 && p.Lon() <= 180 &&
		p.Lat() >= -90 && p.Lat() <= 90
}

// placesInBox reads the positioned rows of the kinds given inside the box
// that holds the circle of radius within around p, those nearest p by a
// flat-earth measure first, a few times limit of them at most: enough that
// the exact measure afterwards finds the same nearest ones.
func (s *Store) placesInBox(ctx context.Context, p orb.Point, within float64, kinds []PlaceKind, limit int) ([]placeCandidate, error) {
	dLat := within / 111_195 // metres per degree of latitude
	dLon := 360.0
	if c := math.Cos(p.Lat() * math.Pi / 180); c > 0.01 {
		dLon = math.Min(360, dLat/c)
	}
	var parts []string
	var args []any
	for _, k := range kinds {
		t := placeTables[k]
		parts = append(parts, fmt.Sprintf(`SELECT '%s' AS kind, %s AS id, %s AS city, lon, lat FROM %s
			WHERE lon IS NOT NULL AND lat IS NOT NULL AND lon BETWEEN ? AND ? AND lat BETWEEN ? AND ?`, k, t.id, t.city, t.table))
		args = append(args, p.Lon()-dLon, p.Lon()+dLon, p.Lat()-dLat, p.Lat()+dLat)
	}
	cos := math.Cos(p.Lat() * math.Pi / 180)
	query := "SELECT kind, id, city, lon, lat FROM (" + strings.Join(parts, " UNION ALL ") +
		") ORDER BY (lon - ?) * (lon - ?) * ? + (lat - ?) * (lat - ?), kind, id LIMIT ?"
	args = append(args, p.Lon(), p.Lon(), cos*cos, p.Lat(), p.Lat(), 4*limit+64)
	return queryAll(ctx, s.db, "places in box", query, args, func(sc scanner) (placeCandidate, error) {
		var c placeCandidate
		var lon, lat float64
		err := sc.Scan(&c.kind, &c.id, &c.city, &lon, &lat)
		c.point = orb.Point{lon, lat}
		return c, err
	})
}

// placeRecords reads the full record of each place, in the order given:
// stations a city at a time and hubs all at once, through the same reads
// the other screens use, so that every field they carry comes along.
func (s *Store) placeRecords(ctx context.Context, cands []placeCandidate) ([]NearbyPlace, error) {
	stations := map[string]Station{}
	hubs := map[string]Hub{}
	cities := map[string]bool{}
	for _, c := range cands {
		switch {
		case c.kind == PlaceStation && !cities[c.city]:
			cities[c.city] = true
			all, err := s.Stations(ctx, c.city)
			if err != nil {
				return nil, err
			}
			for _, st := range all {
				stations[st.ID] = st
			}
		case c.kind == PlaceHub && len(hubs) == 0:
			all, err := s.Hubs(ctx)
			if err != nil {
				return nil, err
			}
			for _, h := range all {
				hubs[h.Name] = h
			}
		}
	}
	out := make([]NearbyPlace, 0, len(cands))
	for _, c := range cands {
		np := NearbyPlace{Kind: c.kind, ID: c.id, Point: c.point, Meters: c.meters}
		var err error
		var ok bool
		switch c.kind {
		case PlaceAttraction:
			np.Attraction, err = s.Attraction(ctx, c.id)
		case PlaceHall:
			np.Hall, err = s.ServiceHall(ctx, c.id)
		case PlaceStation:
			if np.Station, ok = stations[c.id]; !ok {
				err = fmt.Errorf("station %q: %w", c.id, ErrNotFound)
			}
		case PlaceHub:
			if np.Hub, ok = hubs[c.id]; !ok {
				err = fmt.Errorf("hub %q: %w", c.id, ErrNotFound)
			}
		}
		if err != nil {
			return nil, err
		}
		out = append(out, np)
	}
	return out, nil
}

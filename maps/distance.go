package maps

import (
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"
)

// earthRadius is the mean radius of the Earth in metres, on which a map
// pixel's ground size is measured.
const earthRadius = 6371008.8

// Distance is the great-circle distance between two WGS84 points in
// metres: orb's haversine (on a sphere of orb.EarthRadius). It is the one
// distance of the app: the store, the planner, the spatial index and the
// screens all measure with it.
func Distance(a, b orb.Point) float64 { return geo.DistanceHaversine(a, b) }

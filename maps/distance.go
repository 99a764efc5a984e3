package maps

import (
	"math"

	"github.com/paulmach/orb"
)

// earthRadius is the mean radius of the Earth in metres, as Web Mercator
// and the haversine formula use it.
const earthRadius = 6371008.8

// Distance is the great-circle distance between two WGS84 points in metres.
func Distance(a, b orb.Point) float64 {
	la1, la2 := a.Lat()*math.Pi/180, b.Lat()*math.Pi/180
	dLat := la2 - la1
	dLon := (b.Lon() - a.Lon()) * math.Pi / 180
	h := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(la1)*math.Cos(la2)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * earthRadius * math.Asin(math.Min(1, math.Sqrt(h)))
}

package maps

import (
	"fmt"
	"math"

	"github.com/paulmach/orb"
)

// TileSize is the width and height of a tile in pixels.
const TileSize = 256

// MinZoom and MaxZoom bound the zoom levels the basemap is drawn for: the
// whole province fits a phone at 6, a street block at 16.
const (
	MinZoom = 6
	MaxZoom = 16
)

// maxLat is the latitude where Web Mercator's square world ends.
const maxLat = 85.05112877980659

// TileID names a tile in the XYZ (slippy map) scheme: y grows southwards.
type TileID struct {
	Z, X, Y int
}

// String is "z/x/y".
func (t TileID) String() string { return fmt.Sprintf("%d/%d/%d", t.Z, t.X, t.Y) }

// Valid reports whether the tile exists at its zoom.
func (t TileID) Valid() bool {
	n := 1 << uint(t.Z)
	return t.Z >= 0 && t.Z <= 30 && t.X >= 0 && t.Y >= 0 && t.X < n && t.Y < n
}

// Parent is the tile one zoom out that holds t, and where t sits in it:
// qx, qy are 0 or 1.
func (t TileID) Parent() (p TileID, qx, qy int) {
	return TileID{t.Z - 1, t.X >> 1, t.Y >> 1}, t.X & 1, t.Y & 1
}

// Bound is the tile's extent in longitude and latitude.
func (t TileID) Bound() orb.Bound {
	n := float64(uint64(1) << uint(t.Z))
	nw := Unproject(float64(t.X)/n, float64(t.Y)/n)
	se := Unproject(float64(t.X+1)/n, float64(t.Y+1)/n)
	return orb.Bound{Min: orb.Point{nw.Lon(), se.Lat()}, Max: orb.Point{se.Lon(), nw.Lat()}}
}

// Project maps a WGS84 point to Web-Mercator world coordinates in [0, 1):
// x eastwards from 180°W, y southwards from the top of the square world.
func Project(p orb.Point) (x, y float64) {
	lat := math.Max(-maxLat, math.Min(maxLat, p.Lat()))
	x = (p.Lon() + 180) / 360
	s := math.Sin(lat * math.Pi / 180)
	y = 0.5 - math.Log((1+s)/(1-s))/(4*math.Pi)
	return x, y
}

// Unproject is the inverse of Project.
func Unproject(x, y float64) orb.Point {
	lon := x*360 - 180
	lat := 180 / math.Pi * math.Atan(math.Sinh(math.Pi*(1-2*y)))
	return orb.Point{lon, lat}
}

// WorldSize is the width of the world in pixels at zoom z.
func WorldSize(z int) float64 { return float64(TileSize) * float64(uint64(1)<<uint(z)) }

// ToPixel is p in world pixels at zoom z.
func ToPixel(p orb.Point, z int) (px, py float64) {
	x, y := Project(p)
	s := WorldSize(z)
	return x * s, y * s
}

// FromPixel is the point at world pixel (px, py) at zoom z.
func FromPixel(px, py float64, z int) orb.Point {
	s := WorldSize(z)
	return Unproject(px/s, py/s)
}

// TileAt is the tile that holds p at zoom z.
func TileAt(p orb.Point, z int) TileID {
	px, py := ToPixel(p, z)
	n := 1 << uint(z)
	clamp := func(v int) int { return max(0, min(n-1, v)) }
	return TileID{z, clamp(int(px / TileSize)), clamp(int(py / TileSize))}
}

// MetersPerPixel is the ground distance one pixel covers at latitude lat
// and zoom z.
func MetersPerPixel(lat float64, z int) float64 {
	return math.Cos(lat*math.Pi/180) * 2 * math.Pi * earthRadius / WorldSize(z)
}

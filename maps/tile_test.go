package maps_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"

	"jiangsupass/maps"
)

// TestProjectRoundTrip projects points across the valid latitudes and back.
func TestProjectRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 10000; i++ {
		p := orb.Point{rng.Float64()*360 - 180, rng.Float64()*170 - 85}
		x, y := maps.Project(p)
		if x < 0 || x > 1 || y < 0 || y > 1 {
			t.Fatalf("Project(%v) = %v, %v: outside the unit square", p, x, y)
		}
		q := maps.Unproject(x, y)
		if math.Abs(q[0]-p[0]) > 1e-9 || math.Abs(q[1]-p[1]) > 1e-9 {
			t.Fatalf("round trip of %v gave %v", p, q)
		}
	}
}

// TestPixelRoundTrip goes from a point to world pixels and back at every
// zoom, and checks the tile that holds the point contains it.
func TestPixelRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for z := maps.MinZoom; z <= maps.MaxZoom; z++ {
		for i := 0; i < 500; i++ {
			p := orb.Point{116 + rng.Float64()*6, 30.5 + rng.Float64()*5}
			px, py := maps.ToPixel(p, z)
			q := maps.FromPixel(px, py, z)
			if math.Abs(q[0]-p[0]) > 1e-9 || math.Abs(q[1]-p[1]) > 1e-9 {
				t.Fatalf("z%d: %v → (%v, %v) → %v", z, p, px, py, q)
			}
			tile := maps.TileAt(p, z)
			if !tile.Bound().Contains(p) {
				t.Fatalf("z%d: tile %s (%v) does not hold %v", z, tile, tile.Bound(), p)
			}
		}
	}
}

// TestTileMaths checks known tiles: Nanjing's Xinjiekou at z10 and z14,
// parents, bounds and validity.
func TestTileMaths(t *testing.T) {
	xjk := orb.Point{118.7835, 32.0418}
	cases := []struct {
		z    int
		want maps.TileID
	}{
		{0, maps.TileID{Z: 0, X: 0, Y: 0}},
		{10, maps.TileID{Z: 10, X: 849, Y: 415}},
		{14, maps.TileID{Z: 14, X: 13597, Y: 6651}},
	}
	for _, c := range cases {
		if got := maps.TileAt(xjk, c.z); got != c.want {
			t.Errorf("TileAt(z%d) = %s, want %s", c.z, got, c.want)
		}
	}
	child := maps.TileID{Z: 14, X: 13597, Y: 6651}
	p, qx, qy := child.Parent()
	if p != (maps.TileID{Z: 13, X: 6798, Y: 3325}) || qx != 1 || qy != 1 {
		t.Errorf("Parent of %s = %s (%d,%d)", child, p, qx, qy)
	}
	if (maps.TileID{Z: 2, X: 4, Y: 0}).Valid() || !(maps.TileID{Z: 2, X: 3, Y: 3}).Valid() {
		t.Error("Valid is wrong at the edge of zoom 2")
	}
	b := maps.TileID{Z: 1, X: 1, Y: 0}.Bound()
	if math.Abs(b.Min[0]) > 1e-9 || math.Abs(b.Max[0]-180) > 1e-9 || math.Abs(b.Min[1]) > 1e-9 || math.Abs(b.Max[1]-85.0511287798) > 1e-6 {
		t.Errorf("Bound of 1/1/0 = %v", b)
	}
	// One pixel at zoom 16 at Nanjing's latitude is about 2 m.
	if m := maps.MetersPerPixel(32.04, 16); m < 1.9 || m > 2.1 {
		t.Errorf("MetersPerPixel(32°, z16) = %v", m)
	}
}

// TestDistance checks the haversine distance between Nanjing and Suzhou
// railway stations (about 194 km as the crow flies).
func TestDistance(t *testing.T) {
	d := maps.Distance(orb.Point{118.7975, 32.0896}, orb.Point{120.6105, 31.3280})
	if d < 185e3 || d > 200e3 {
		t.Errorf("Nanjing–Suzhou = %.0f m", d)
	}
}

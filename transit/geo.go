package transit

import (
	"math"
	"sort"

	"github.com/paulmach/orb"

	"jiangsupass/maps"
)

// meters is the great-circle distance between two WGS84 points, as the
// rest of the app measures it.
func meters(a, b orb.Point) float64 { return maps.Distance(a, b) }

// grid finds stops near a point: stops are bucketed in cells of about
// cell metres.
type grid struct {
	cell  float64 // degrees of latitude per cell
	cells map[[2]int32][]int32
	pts   []orb.Point
}

func newGrid(pts []orb.Point, cellMeters float64) *grid {
	g := &grid{cell: cellMeters / 111_320, cells: map[[2]int32][]int32{}, pts: pts}
	for i, p := range pts {
		k := g.key(p)
		g.cells[k] = append(g.cells[k], int32(i))
	}
	return g
}

func (g *grid) key(p orb.Point) [2]int32 {
	return [2]int32{int32(math.Floor(p[0] / g.cell)), int32(math.Floor(p[1] / g.cell))}
}

// near calls f for every point within radius metres of p, with its
// distance.
func (g *grid) near(p orb.Point, radius float64, f func(i int32, d float64)) {
	// A degree of longitude shrinks with latitude; widen the search to
	// match.
	cos := math.Max(math.Cos(p[1]*math.Pi/180), 0.05)
	rx := int32(math.Ceil(radius / 111_320 / g.cell / cos))
	ry := int32(math.Ceil(radius / 111_320 / g.cell))
	k := g.key(p)
	for x := k[0] - rx; x <= k[0]+rx; x++ {
		for y := k[1] - ry; y <= k[1]+ry; y++ {
			for _, i := range g.cells[[2]int32{x, y}] {
				if d := meters(p, g.pts[i]); d <= radius {
					f(i, d)
				}
			}
		}
	}
}

// nearest returns up to n points nearest to p within radius metres,
// nearest first.
func (g *grid) nearest(p orb.Point, radius float64, n int) []int32 {
	type hit struct {
		i int32
		d float64
	}
	var hits []hit
	g.near(p, radius, func(i int32, d float64) { hits = append(hits, hit{i, d}) })
	sort.Slice(hits, func(a, b int) bool {
		if hits[a].d != hits[b].d {
			return hits[a].d < hits[b].d
		}
		return hits[a].i < hits[b].i
	})
	out := make([]int32, 0, n)
	for _, h := range hits {
		if len(out) == n {
			break
		}
		out = append(out, h.i)
	}
	return out
}

package maps_test

import (
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"

	"jiangsupass/maps"
)

// randomPoints scatters n points over Jiangsu and a margin around it.
func randomPoints(rng *rand.Rand, n int) []orb.Point {
	pts := make([]orb.Point, n)
	for i := range pts {
		pts[i] = orb.Point{116 + rng.Float64()*6.5, 30.5 + rng.Float64()*5}
	}
	return pts
}

// TestNearestEqualsBruteForce compares the index with a scan of every
// point, for many random sets, query points and k.
func TestNearestEqualsBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for round := 0; round < 60; round++ {
		n := 1 + rng.IntN(3000)
		pts := randomPoints(rng, n)
		ix := maps.NewIndex(pts)
		if ix.Len() != n {
			t.Fatalf("Len = %d, want %d", ix.Len(), n)
		}
		for q := 0; q < 20; q++ {
			p := orb.Point{115 + rng.Float64()*9, 29 + rng.Float64()*8}
			k := 1 + rng.IntN(40)
			got, want := ix.Nearest(p, k), maps.NearestBrute(pts, p, k)
			if len(got) != len(want) {
				t.Fatalf("n=%d k=%d: %d hits, brute force %d", n, k, len(got), len(want))
			}
			for i := range got {
				if got[i].Index != want[i].Index {
					t.Fatalf("n=%d k=%d hit %d: index %d (%.3f m), brute force %d (%.3f m)",
						n, k, i, got[i].Index, got[i].Meters, want[i].Index, want[i].Meters)
				}
				if d := got[i].Meters - want[i].Meters; d > 0.01 || d < -0.01 {
					t.Fatalf("hit %d: %.4f m, brute force %.4f m", i, got[i].Meters, want[i].Meters)
				}
			}
		}
	}
}

// TestNearestEdges covers an empty index, k ≤ 0 and k above the size.
func TestNearestEdges(t *testing.T) {
	if h := maps.NewIndex(nil).Nearest(orb.Point{118, 32}, 5); len(h) != 0 {
		t.Errorf("empty index gave %v", h)
	}
	ix := maps.NewIndex([]orb.Point{{118, 32}, {119, 33}})
	if h := ix.Nearest(orb.Point{118, 32}, 0); len(h) != 0 {
		t.Errorf("k=0 gave %v", h)
	}
	h := ix.Nearest(orb.Point{118.9, 32.9}, 10)
	if len(h) != 2 || h[0].Index != 1 || h[1].Index != 0 {
		t.Errorf("k=10 over 2 points gave %v", h)
	}
}

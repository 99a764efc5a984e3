package maps_test

import (
	"context"
	"math/rand/v2"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"jiangsupass/maps"
)

// medianOf runs f n times and returns the median duration.
func medianOf(n int, f func(i int)) time.Duration {
	d := make([]time.Duration, n)
	for i := range d {
		start := time.Now()
		f(i)
		d[i] = time.Since(start)
	}
	sort.Slice(d, func(a, b int) bool { return d[a] < d[b] })
	return d[n/2]
}

func medianDur(d []time.Duration) time.Duration {
	s := append([]time.Duration(nil), d...)
	sort.Slice(s, func(a, b int) bool { return s[a] < s[b] })
	return s[len(s)/2]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// BenchmarkTileRenderCold draws tiles never drawn before by a fresh
// renderer (labels placed anew), at z8 over the province and z14 in
// central Nanjing, beside the goal of 30 ms.
func BenchmarkTileRenderCold(b *testing.B) {
	data := testData(b)
	for _, c := range []struct {
		name string
		p    orb.Point
		z    int
	}{{"z8", orb.Point{119.4, 32.4}, 8}, {"z14", orb.Point{118.7835, 32.0418}, 14}} {
		b.Run(c.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				center := maps.TileAt(c.p, c.z)
				d := medianOf(15, func(i int) {
					r, err := maps.NewRenderer(data, maps.LightStyle, fontBytes(), "")
					if err != nil {
						b.Fatal(err)
					}
					t := maps.TileID{Z: c.z, X: center.X + i%5 - 2, Y: center.Y + i/5 - 1}
					if _, err := r.Tile(context.Background(), t); err != nil {
						b.Fatal(err)
					}
				})
				b.ReportMetric(ms(d), "ms/tile-p50")
				b.ReportMetric(ms(d)/30, "x-of-goal(≤1)")
			}
		})
	}
}

// BenchmarkTileCacheHit reads tiles from the MBTiles cache beside drawing
// them: hit time over render time (a ratio under 1 means the cache pays).
func BenchmarkTileCacheHit(b *testing.B) {
	ctx := context.Background()
	for i := 0; i < b.N; i++ {
		r := newRenderer(b, maps.LightStyle)
		c, err := maps.OpenCache(ctx, filepath.Join(b.TempDir(), "c.mbtiles"), r)
		if err != nil {
			b.Fatal(err)
		}
		center := maps.TileAt(orb.Point{118.7835, 32.0418}, 12)
		tiles := make([]maps.TileID, 0, 25)
		for dx := -2; dx <= 2; dx++ {
			for dy := -2; dy <= 2; dy++ {
				tiles = append(tiles, maps.TileID{Z: 12, X: center.X + dx, Y: center.Y + dy})
			}
		}
		render := medianOf(len(tiles), func(i int) {
			if _, err := c.Tile(ctx, tiles[i]); err != nil {
				b.Fatal(err)
			}
		})
		hit := medianOf(len(tiles), func(i int) {
			if _, err := c.Tile(ctx, tiles[i]); err != nil {
				b.Fatal(err)
			}
		})
		c.Close()
		b.ReportMetric(ms(render), "ms/render+store")
		b.ReportMetric(ms(hit), "ms/hit")
		b.ReportMetric(float64(hit)/float64(render), "hit/render")
	}
}

// BenchmarkNearest20 finds the 20 nearest of every point of interest
// (attractions, metro stations, hubs) and of 5,000 random
// points, with the index beside a brute-force scan (haversine to every
// point, then sort), in the same run; the goal is ≥20× faster.
func BenchmarkNearest20(b *testing.B) {
	rng := rand.New(rand.NewPCG(11, 12))
	for _, c := range []struct {
		name    string
		pts     []orb.Point
		queries int
	}{{"pois", poiPoints(b), 1000}, {"random5k", randomPoints(rng, 5000), 200}} {
		b.Run(c.name, func(b *testing.B) {
			queries := randomPoints(rng, c.queries)
			ix := maps.NewIndex(c.pts)
			for i := 0; i < b.N; i++ {
				// Five rounds, alternating, so that both see the same
				// machine; the median round is reported.
				var idxs, brutes []time.Duration
				for round := 0; round < 5; round++ {
					start := time.Now()
					for _, q := range queries {
						ix.Nearest(q, 20)
					}
					idxs = append(idxs, time.Since(start))
					start = time.Now()
					for _, q := range queries {
						maps.NearestBrute(c.pts, q, 20)
					}
					brutes = append(brutes, time.Since(start))
				}
				idx, brute := medianDur(idxs), medianDur(brutes)
				n := float64(len(queries))
				b.ReportMetric(float64(idx.Nanoseconds())/n/1000, "µs/index")
				b.ReportMetric(float64(brute.Nanoseconds())/n/1000, "µs/brute")
				b.ReportMetric(float64(brute)/float64(idx), "x-vs-brute(goal≥20)")
			}
		})
	}
}

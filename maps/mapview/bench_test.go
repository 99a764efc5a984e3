package mapview

import (
	"image/color"
	"sort"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"jiangsupass/maps"
)

// BenchmarkComposeView composes a 1280×800 desktop view of central
// Nanjing at zoom 12 from tiles already in the memory cache, beside
// drawing the same view with every tile rendered cold; the goal for the
// cached view is 8 ms.
func BenchmarkComposeView(b *testing.B) {
	src := testSource(b)
	cx, cy := maps.Project(orb.Point{118.7835, 32.0418})
	v := viewAt(cx, cy, 12, 1280, 800)
	bg := color.NRGBA{0xe4, 0xe2, 0xdc, 0xff}
	for i := 0; i < b.N; i++ {
		cold := median(5, func() {
			c := newTileCache(src, 256, nil)
			compose(newFrame(v.w, v.h), v, c, bg, maps.MinZoom, true)
			c.stop()
		})
		c := newTileCache(src, 256, nil)
		compose(newFrame(v.w, v.h), v, c, bg, maps.MinZoom, true)
		warm := median(31, func() {
			if missing := compose(newFrame(v.w, v.h), v, c, bg, maps.MinZoom, false); len(missing) > 0 {
				b.Fatalf("%d tiles missing from a warm cache", len(missing))
			}
		})
		c.stop()
		b.ReportMetric(float64(warm.Microseconds())/1000, "ms/cached-view")
		b.ReportMetric(float64(cold.Microseconds())/1000, "ms/cold-view")
		b.ReportMetric(float64(warm)/float64(cold), "cached/cold")
		b.ReportMetric(float64(warm.Microseconds())/1000/8, "x-of-goal(≤1)")
	}
}

func median(n int, f func()) time.Duration {
	d := make([]time.Duration, n)
	for i := range d {
		start := time.Now()
		f()
		d[i] = time.Since(start)
	}
	sort.Slice(d, func(a, b int) bool { return d[a] < d[b] })
	return d[n/2]
}

package transit_test

import (
	"math/rand/v2"
	"slices"
	"sync"
	"testing"
	"time"

	"jiangsupass/transit"
)

// BenchmarkPlanEmbedded times RAPTOR and the brute-force search on the
// same random queries over the app's estimated metro network.
func BenchmarkPlanEmbedded(b *testing.B) {
	n := embedded(b)
	queries := randomQueries(n, rand.New(rand.NewPCG(1, 2)), 300)
	for i := range queries {
		queries[i].MaxTransfers = 4
	}
	benchQueries(b, n, queries)
}

var (
	provinceOnce sync.Once
	provinceNet  *transit.Network
)

// province is the generated province-scale network, made once per run.
func province(b *testing.B) *transit.Network {
	provinceOnce.Do(func() {
		start := time.Now()
		n, err := transit.Compile(transit.GenerateProvince(transit.DefaultProvince, 7), serviceDay, transit.Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.Logf("province: %d stops, %d trips, %d stop times, made in %v",
			len(n.Stops), n.TripCount(), n.StopTimesCount(), time.Since(start))
		provinceNet = n
	})
	if provinceNet == nil {
		b.Fatal("no province network")
	}
	return provinceNet
}

// BenchmarkPlanProvince times RAPTOR and the brute-force search on random
// queries over a generated network of at least 20,000 stops and
// 1,000,000 stop times, between stops of one city and across cities.
func BenchmarkPlanProvince(b *testing.B) {
	n := province(b)
	if len(n.Stops) < 20_000 || n.StopTimesCount() < 1_000_000 {
		b.Fatalf("province network has %d stops and %d stop times, want at least 20,000 and 1,000,000",
			len(n.Stops), n.StopTimesCount())
	}
	queries := randomQueries(n, rand.New(rand.NewPCG(3, 4)), 100)
	for i := range queries {
		queries[i].MaxTransfers = 4
		queries[i].Depart = transit.Clock(7*3600 + int(queries[i].Depart)%(10*3600))
	}
	benchQueries(b, n, queries)
}

// benchQueries plans every query by RAPTOR and by brute force, checks that
// they agree, and reports the median and 95th percentile of each with the
// ratio of the medians.
func benchQueries(b *testing.B, n *transit.Network, queries []transit.Query) {
	var fast, slow []time.Duration
	b.ResetTimer()
	for range b.N {
		fast, slow = fast[:0], slow[:0]
		for _, q := range queries {
			t0 := time.Now()
			plan, err := n.Plan(q)
			t1 := time.Now()
			want, _, err2 := n.BruteForce(q)
			t2 := time.Now()
			if err != nil || err2 != nil {
				b.Fatal(err, err2)
			}
			got := transit.Never
			if j, ok := plan.Earliest(); ok {
				got = j.Arrive
			}
			if got != want {
				b.Fatalf("%v: RAPTOR %s, brute force %s", q, got, want)
			}
			fast, slow = append(fast, t1.Sub(t0)), append(slow, t2.Sub(t1))
		}
	}
	b.StopTimer()
	p50, p95 := percentiles(fast)
	b50, b95 := percentiles(slow)
	b.ReportMetric(ms(p50), "ms/p50")
	b.ReportMetric(ms(p95), "ms/p95")
	b.ReportMetric(ms(b50), "ms/brute-p50")
	b.ReportMetric(ms(b95), "ms/brute-p95")
	b.ReportMetric(float64(b50)/float64(p50), "x-vs-brute(goal≥20)")
}

func percentiles(d []time.Duration) (p50, p95 time.Duration) {
	s := slices.Clone(d)
	slices.Sort(s)
	return s[len(s)/2], s[len(s)*95/100]
}

func ms(d time.Duration) float64 { return float64(d.Nanoseconds()) / 1e6 }

package transit_test

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"testing"

	"jiangsupass/transit"
	"jiangsupass/transit/internal/csaoracle"
)

var oracleQueries = flag.Int("oracle.queries", 1200, "random queries TestPlannerAgreesWithOracle compares")

// TestPlannerAgreesWithOracle plans random queries over random feeds
// (see genFeed) with RAPTOR and with the connection-scan oracle, which
// reads the feed's files itself and shares no code with Load, Compile or
// the network, and wants the same Pareto options: for each number of
// vehicles, the same earliest arrival.
func TestPlannerAgreesWithOracle(t *testing.T) {
	rng := rand.New(rand.NewPCG(18, 2026))
	features := map[string]int{}
	queries, feeds, reached := 0, 0, 0
	for queries < *oracleQueries {
		dir := t.TempDir()
		g := generate(rng, dir, features)
		feeds++
		feed, err := transit.LoadDir(dir)
		if err != nil {
			t.Fatalf("feed %d: %v", feeds, err)
		}
		of, err := csaoracle.Load(dir)
		if err != nil {
			t.Fatalf("feed %d: oracle: %v", feeds, err)
		}
		places := append(slices.Clone(g.platform), g.stations...)
		for range 2 {
			date := g.start.AddDate(0, 0, 1+rng.IntN(29))
			n, err := transit.Compile(feed, date, transit.Options{})
			if err != nil {
				t.Fatalf("feed %d: %v", feeds, err)
			}
			for range 6 {
				from, to := g.query(places)
				depart := rng.IntN(24 * 3600)
				k := rng.IntN(5)
				want := of.Plan(from, to, date, depart, k+1, csaoracle.Defaults)
				plan, err := n.Plan(transit.Query{From: transit.StopPlace(from), To: transit.StopPlace(to),
					Depart: transit.Clock(depart), MaxTransfers: k})
				if err != nil {
					t.Fatalf("feed %d: %v", feeds, err)
				}
				got := make([]int, k+2)
				for i := range got {
					got[i] = csaoracle.Never
				}
				for _, o := range plan.Options {
					got[o.Rides] = int(o.Arrive)
				}
				for i := 1; i < len(got); i++ {
					got[i] = min(got[i], got[i-1])
				}
				queries++
				if want[len(want)-1] != csaoracle.Never {
					reached++
				}
				if !slices.Equal(got, want) {
					t.Errorf("feed %d (%s) %s: %s→%s at %s, ≤%d changes:\n RAPTOR %v\n oracle %v\n%s",
						feeds, dir, date.Format("2006-01-02 Mon"), from, to, transit.Clock(depart), k, clocks(got), clocks(want), describe(plan, n))
					if t.Failed() && queries > 50 {
						t.FailNow()
					}
				}
			}
		}
	}
	names := make([]string, 0, len(features))
	for f, c := range features {
		names = append(names, fmt.Sprintf("%s ×%d", f, c))
	}
	sort.Strings(names)
	t.Logf("%d queries (%d reached their destination) over %d generated feeds; features covered:\n  %s",
		queries, reached, feeds, strings.Join(names, "\n  "))
}

func clocks(v []int) string {
	var s []string
	for _, c := range v {
		s = append(s, transit.Clock(c).String())
	}
	return strings.Join(s, " ")
}

func describe(p transit.Plan, n *transit.Network) string {
	var b strings.Builder
	for _, j := range p.Options {
		fmt.Fprintf(&b, "  option %d rides, arrives %s:\n", j.Rides, j.Arrive)
		for _, l := range j.Legs {
			name := func(i int) string {
				if i < 0 {
					return "·"
				}
				return n.Stops[i].ID
			}
			fmt.Fprintf(&b, "    %v %s %s→%s %s→%s\n", l.Kind, l.TripID, name(l.From), name(l.To), l.Depart, l.Arrive)
		}
	}
	return b.String()
}

package transit_test

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"jiangsupass/transit"
)

// TestEmbeddedMatchesBruteForce plans 1,000 random journeys on the
// embedded network, between stops of one city and now and then across
// cities, and checks that RAPTOR's earliest arrival equals the brute-force
// search's.
func TestEmbeddedMatchesBruteForce(t *testing.T) {
	n := embedded(t)
	rng := rand.New(rand.NewPCG(8, 1000))
	queries := randomQueries(n, rng, 1000)
	start := time.Now()
	reached := 0
	for i, q := range queries {
		plan, err := n.Plan(q)
		if err != nil {
			t.Fatalf("query %d: %v", i, err)
		}
		want, ok, err := n.BruteForce(q)
		if err != nil {
			t.Fatalf("query %d brute force: %v", i, err)
		}
		got := transit.Never
		if j, found := plan.Earliest(); found {
			got = j.Arrive
			checkJourney(t, n, q, j)
		}
		if ok {
			reached++
		}
		if got != want {
			t.Errorf("query %d %s→%s at %s, ≤%d transfers: RAPTOR arrives %s, brute force %s",
				i, q.From.StopID, q.To.StopID, q.Depart, q.MaxTransfers, got, want)
		}
	}
	t.Logf("%d queries, %d reachable, in %v", len(queries), reached, time.Since(start))
	if reached < len(queries)/2 {
		t.Errorf("only %d of %d queries reach their destination: the test compares too little", reached, len(queries))
	}
}

// randomQueries picks stop pairs (nine in ten within one city; one in ten
// from a point up to about a kilometre off a stop), departure times over
// the service day and transfer limits from 0 to 4.
func randomQueries(n *transit.Network, rng *rand.Rand, count int) []transit.Query {
	byCity := map[string][]int{}
	var cities []string
	for i, s := range n.Stops {
		if _, ok := byCity[s.City]; !ok {
			cities = append(cities, s.City)
		}
		byCity[s.City] = append(byCity[s.City], i)
	}
	out := make([]transit.Query, count)
	for i := range out {
		city := byCity[cities[rng.IntN(len(cities))]]
		a := city[rng.IntN(len(city))]
		b := city[rng.IntN(len(city))]
		if rng.IntN(10) == 0 {
			b = rng.IntN(len(n.Stops))
		}
		from := transit.StopPlace(n.Stops[a].ID)
		if rng.IntN(10) == 0 {
			p := n.Stops[a].Point
			from = transit.PointPlace(orb.Point{p[0] + (rng.Float64()-0.5)*0.02, p[1] + (rng.Float64()-0.5)*0.02}, "point")
		}
		out[i] = transit.Query{
			From:         from,
			To:           transit.StopPlace(n.Stops[b].ID),
			Depart:       transit.Clock(5*3600 + rng.IntN(19*3600)),
			MaxTransfers: rng.IntN(5),
		}
	}
	return out
}

// checkJourney checks that a journey's legs join up in place and time and
// keep to the query's limits.
func checkJourney(t *testing.T, n *transit.Network, q transit.Query, j transit.Journey) {
	t.Helper()
	if j.Transfers() > q.MaxTransfers {
		t.Errorf("%v: %d transfers, limit %d", q, j.Transfers(), q.MaxTransfers)
	}
	if j.Depart < q.Depart {
		t.Errorf("%v: leaves at %s, before %s", q, j.Depart, q.Depart)
	}
	at := j.Legs[0].Depart
	rides := 0
	for i, l := range j.Legs {
		if l.Depart < at {
			t.Errorf("%v: leg %d leaves at %s, before the previous leg ends at %s", q, i, l.Depart, at)
		}
		if l.Arrive < l.Depart {
			t.Errorf("%v: leg %d arrives before it leaves", q, i)
		}
		if i > 0 && j.Legs[i-1].To != l.From {
			t.Errorf("%v: leg %d starts at stop %d, the previous ends at %d", q, i, l.From, j.Legs[i-1].To)
		}
		if l.Kind == transit.Ride {
			rides++
			if l.Calls[0].Stop != l.From || l.Calls[len(l.Calls)-1].Stop != l.To {
				t.Errorf("%v: leg %d calls do not run from its start to its end", q, i)
			}
		}
		at = l.Arrive
	}
	if at != j.Arrive || rides != j.Rides {
		t.Errorf("%v: legs end at %s with %d rides, the journey says %s with %d", q, at, rides, j.Arrive, j.Rides)
	}
}

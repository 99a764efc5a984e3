package transit_test

import (
	"testing"

	"jiangsupass/transit"
)

// TestGenerateProvince checks the generator on a small size: it is
// repeatable, and its stops and stop times follow from the size.
func TestGenerateProvince(t *testing.T) {
	size := transit.ProvinceSize{Cities: 4, Side: 10, Spacing: 400, Routes: 5, RouteStops: 8, Headway: 3600, IntercityTrips: 4}
	a := transit.GenerateProvince(size, 1)
	b := transit.GenerateProvince(size, 1)
	if len(a.Stops) != 4*10*10 {
		t.Errorf("%d stops, want 400", len(a.Stops))
	}
	if len(a.Trips) != len(b.Trips) || a.Trips[len(a.Trips)-1].ID != b.Trips[len(b.Trips)-1].ID {
		t.Error("the same seed made different feeds")
	}
	if !a.Estimated {
		t.Error("a generated feed is not marked as generated")
	}
	n, err := transit.Compile(a, serviceDay, transit.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Between the centres of two cities, by rail.
	q := transit.Query{From: transit.StopPlace("c0-5-5"), To: transit.StopPlace("c1-5-5"), Depart: transit.HMS(7, 0, 0), MaxTransfers: 6}
	plan, err := n.Plan(q)
	if err != nil {
		t.Fatal(err)
	}
	want, ok, _ := n.BruteForce(q)
	got, found := plan.Earliest()
	if !found {
		t.Fatal("no journey between the two cities")
	}
	if found != ok || found && got.Arrive != want {
		t.Errorf("RAPTOR %v (%v), brute force %v (%v)", got.Arrive, found, want, ok)
	}
}

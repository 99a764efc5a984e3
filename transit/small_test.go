package transit_test

import (
	"testing"
	"time"

	"github.com/paulmach/orb"

	"jiangsupass/transit"
)

// smallFeed is a hand-made network whose answers are worked out by hand:
//
//	R1  A 08:00 → B 08:05 → C 08:10 → D 08:15   (also 08:10 and 08:20 from A)
//	R2  B 08:07 → E 08:10 → D 08:13             (also 08:17)
//	R3  D 08:16 → F 08:26                       (also 08:30)
//	R4  G 08:14 → H 08:20                       (also 08:24); G is 200 m from C
//	R5  A 08:02 → P1 08:12; R6 P2 08:25 → Q 08:35; P1 and P2 share a name, 600 m apart
//	Z is served by nothing.
//
// Stops on the main row are about 1.9 km apart, so only G–C and P1–P2
// join on foot.
func smallFeed() *transit.Feed {
	at := func(dx, dy float64) orb.Point { return orb.Point{118.70 + dx, 32.00 + dy} }
	stops := []transit.Stop{
		{ID: "A", Name: "A", City: "T", Point: at(0, 0)},
		{ID: "B", Name: "B", City: "T", Point: at(0.02, 0)},
		{ID: "C", Name: "C", City: "T", Point: at(0.04, 0)},
		{ID: "D", Name: "D", City: "T", Point: at(0.06, 0)},
		{ID: "E", Name: "E", City: "T", Point: at(0.04, 0.03)},
		{ID: "F", Name: "F", City: "T", Point: at(0.08, 0)},
		{ID: "G", Name: "G", City: "T", Point: at(0.04+0.00212, 0)},
		{ID: "H", Name: "H", City: "T", Point: at(0.04, -0.03)},
		{ID: "P1", Name: "Hub", City: "T", Point: at(0, 0.06)},
		{ID: "P2", Name: "Hub", City: "T", Point: at(0.00636, 0.06)},
		{ID: "Q", Name: "Q", City: "T", Point: at(0.02, 0.09)},
		{ID: "Z", Name: "Z", City: "T", Point: at(0.5, 0.5)},
	}
	f := &transit.Feed{Stops: stops,
		Agencies:  []transit.Agency{{ID: "x", Name: "Test", Timezone: "Asia/Shanghai"}},
		Calendars: []transit.Calendar{{ServiceID: "all", Weekdays: [7]bool{true, true, true, true, true, true, true}, Start: serviceDay, End: serviceDay}},
	}
	line := func(id string, stops []string, gaps []int, starts ...string) {
		f.Routes = append(f.Routes, transit.Route{ID: id, ShortName: id, Type: transit.RouteTypeBus})
		for _, s := range starts {
			t0, _ := transit.ParseClock(s)
			tr := transit.Trip{ID: id + "@" + s, RouteID: id, ServiceID: "all"}
			at := t0
			for i, st := range stops {
				if i > 0 {
					at += transit.Clock(gaps[i-1] * 60)
				}
				tr.StopTimes = append(tr.StopTimes, transit.StopTime{StopID: st, Arrival: at, Departure: at})
			}
			f.Trips = append(f.Trips, tr)
		}
	}
	line("R1", []string{"A", "B", "C", "D"}, []int{5, 5, 5}, "08:00", "08:10", "08:20")
	line("R2", []string{"B", "E", "D"}, []int{3, 3}, "08:07", "08:17")
	line("R3", []string{"D", "F"}, []int{10}, "08:16", "08:30")
	line("R4", []string{"G", "H"}, []int{6}, "08:14", "08:24")
	line("R5", []string{"A", "P1"}, []int{10}, "08:02")
	line("R6", []string{"P2", "Q"}, []int{10}, "08:25")
	return f
}

func TestSmallNetwork(t *testing.T) {
	n, err := transit.Compile(smallFeed(), serviceDay, transit.Options{})
	if err != nil {
		t.Fatal(err)
	}
	clock := func(s string) transit.Clock {
		c, err := transit.ParseClock(s)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	nearA := transit.PointPlace(orb.Point{118.70, 32.0018}, "near A") // 200 m north of A
	cases := []struct {
		name     string
		from, to transit.Place
		depart   string
		k        int
		want     []string // arrival of each Pareto option, fewest rides first
		rides    []int
	}{
		{"direct ride", stop("A"), stop("D"), "08:00", 0, []string{"08:15"}, []int{1}},
		{"a change arrives earlier", stop("A"), stop("D"), "08:00", 1, []string{"08:15", "08:13"}, []int{1, 2}},
		{"waits for the next trip", stop("A"), stop("D"), "08:01", 1, []string{"08:25", "08:23"}, []int{1, 2}},
		{"two changes", stop("A"), stop("F"), "08:00", 2, []string{"08:40", "08:26"}, []int{2, 3}},
		{"limit of one change", stop("A"), stop("F"), "08:00", 1, []string{"08:40"}, []int{2}},
		{"the slower line misses the change", stop("B"), stop("F"), "08:05", 1, []string{"08:26"}, []int{2}},
		{"footpath between lines", stop("A"), stop("H"), "08:00", 1, []string{"08:20"}, []int{2}},
		{"interchange by shared name", stop("A"), stop("Q"), "08:00", 1, []string{"08:35"}, []int{2}},
		{"no trips left", stop("A"), stop("D"), "08:21", 2, nil, nil},
		{"unreachable stop", stop("A"), stop("Z"), "08:00", 4, nil, nil},
		{"from a point", nearA, stop("C"), "07:55", 0, []string{"08:10"}, []int{1}},
		{"to the same stop", stop("A"), stop("A"), "08:00", 1, []string{"08:00"}, []int{0}},
		{"walk to a nearby stop", stop("C"), stop("G"), "08:00", 1, []string{"08:03:37"}, []int{0}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			q := transit.Query{From: c.from, To: c.to, Depart: clock(c.depart), MaxTransfers: c.k}
			plan, err := n.Plan(q)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			var rides []int
			for _, j := range plan.Options {
				got = append(got, j.Arrive.String())
				rides = append(rides, j.Rides)
				checkJourney(t, n, q, j)
			}
			if !equal(got, c.want) || !equal(rides, c.rides) {
				t.Errorf("options arrive %v with rides %v, want %v with %v", got, rides, c.want, c.rides)
			}
			brute, ok, err := n.BruteForce(q)
			if err != nil {
				t.Fatal(err)
			}
			if want := len(c.want) > 0; ok != want || ok && brute.String() != c.want[len(c.want)-1] {
				t.Errorf("brute force: %s (reached %v), want %v", brute, ok, c.want)
			}
		})
	}
}

func stop(id string) transit.Place { return transit.StopPlace(id) }

func equal[T comparable](a, b []T) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestNextDepartures(t *testing.T) {
	n, err := transit.Compile(smallFeed(), serviceDay, transit.Options{})
	if err != nil {
		t.Fatal(err)
	}
	deps := n.NextDepartures("B", transit.HMS(8, 6, 0), 2)
	var got []string
	for _, d := range deps {
		s := n.Routes[d.Route].ID + "→" + d.Headsign + ":"
		for _, c := range d.Times {
			s += " " + c.String()
		}
		got = append(got, s)
	}
	want := []string{"R1→D: 08:15 08:25", "R2→D: 08:07 08:17"}
	if !equal(got, want) {
		t.Errorf("departures %q, want %q", got, want)
	}
	if d := n.NextDepartures("D", 0, 5); len(d) != 1 || n.Routes[d[0].Route].ID != "R3" {
		t.Errorf("at a terminus only the routes that leave it: %+v", d)
	}
}

// TestMergeKeepsFeedsApart plans on the example feed merged after the
// small network: both still answer, and the prefix keeps IDs apart.
func TestMergeKeepsFeedsApart(t *testing.T) {
	sample, err := transit.LoadDir(sampleDir)
	if err != nil {
		t.Fatal(err)
	}
	small := smallFeed()
	small.Estimated, small.Rule = true, "hand-made"
	m := transit.Merge(small, sample)
	if !m.Estimated || m.Rule != "hand-made" {
		t.Errorf("merged feed estimated %v rule %q", m.Estimated, m.Rule)
	}
	day := time.Date(2008, 6, 2, 0, 0, 0, 0, time.UTC)
	for i := range m.Calendars {
		if m.Calendars[i].ServiceID == "all" {
			m.Calendars[i].Start, m.Calendars[i].End = day, day
		}
	}
	n, err := transit.Compile(m, day, transit.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []transit.Query{
		{From: stop("A"), To: stop("D"), Depart: transit.HMS(8, 0, 0)},
		{From: stop("1:BEATTY_AIRPORT"), To: stop("1:BULLFROG"), Depart: transit.HMS(7, 0, 0)},
	} {
		plan, err := n.Plan(q)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := plan.Earliest(); !ok {
			t.Errorf("%s→%s: no journey in the merged feed", q.From.StopID, q.To.StopID)
		}
	}
}

// TestFeedTransfers applies transfers.txt rules: a quicker change at D
// catches the 08:16 to F, and forbidding the walk from C to G leaves H out
// of reach.
func TestFeedTransfers(t *testing.T) {
	f := smallFeed()
	f.Transfers = []transit.Transfer{
		{FromStopID: "D", ToStopID: "D", Type: transit.TransferMinTime, MinTime: 30},
		{FromStopID: "C", ToStopID: "G", Type: transit.TransferImpossible},
	}
	n, err := transit.Compile(f, serviceDay, transit.Options{})
	if err != nil {
		t.Fatal(err)
	}
	plan, err := n.Plan(transit.Query{From: stop("A"), To: stop("F"), Depart: transit.HMS(8, 0, 0), MaxTransfers: 1})
	if err != nil {
		t.Fatal(err)
	}
	if j, ok := plan.Earliest(); !ok || j.Arrive != transit.HMS(8, 26, 0) || j.Rides != 2 {
		t.Errorf("A→F with a 30 s change at D: %+v, want 08:26 with 2 rides", j)
	}
	plan, err = n.Plan(transit.Query{From: stop("A"), To: stop("H"), Depart: transit.HMS(8, 0, 0), MaxTransfers: 3})
	if err != nil {
		t.Fatal(err)
	}
	if j, ok := plan.Earliest(); ok {
		t.Errorf("A→H arrives %s with the walk C→G forbidden", j.Arrive)
	}
}

package transit_test

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"jiangsupass/transit"
)

// Each test here replays one point of the GTFS spec on a small feed whose
// answer is worked out by hand. A, B, C and D lie about 10 km apart; E is
// at B's very place under another name.
const specStops = `stop_id,stop_name,stop_lat,stop_lon
A,A,32.0,118.0
B,B,32.1,118.0
C,C,32.2,118.0
D,D,32.3,118.0
E,E,32.1,118.0
`

// specFeed loads a feed of the spec stops and the given files; agency
// and calendar default to one daily service in China.
func specFeed(t *testing.T, files map[string]string) *transit.Feed {
	t.Helper()
	m := fstest.MapFS{}
	defaults := map[string]string{
		"agency.txt":   "agency_id,agency_name,agency_url,agency_timezone\nx,X,https://x.example,Asia/Shanghai\n",
		"stops.txt":    specStops,
		"calendar.txt": "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\nall,1,1,1,1,1,1,1,20260101,20261231\n",
	}
	for k, v := range defaults {
		m[k] = &fstest.MapFile{Data: []byte(v)}
	}
	for k, v := range files {
		m[k] = &fstest.MapFile{Data: []byte(v)}
	}
	f, err := transit.Load(m)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// specDay is a Thursday.
var specDay = time.Date(2026, 5, 7, 0, 0, 0, 0, time.UTC)

// arrival plans from → to at depart (China time on specDay) and returns
// the earliest arrival, "unreachable" when none.
func arrival(t *testing.T, f *transit.Feed, from, to, depart string, k int) string {
	t.Helper()
	n, err := transit.Compile(f, specDay, transit.Options{})
	if err != nil {
		t.Fatal(err)
	}
	at, err := transit.ParseClock(depart)
	if err != nil {
		t.Fatal(err)
	}
	plan, err := n.Plan(transit.Query{From: transit.StopPlace(from), To: transit.StopPlace(to), Depart: at, MaxTransfers: k})
	if err != nil {
		t.Fatal(err)
	}
	j, ok := plan.Earliest()
	if !ok {
		return "unreachable"
	}
	return j.Arrive.String()
}

func routes(ids ...string) string {
	s := "route_id,route_short_name,route_type\n"
	for _, id := range ids {
		s += id + "," + id + ",3\n"
	}
	return s
}

func tripsOf(ids ...string) string {
	s := "route_id,service_id,trip_id\n"
	for _, id := range ids {
		r, _, _ := strings.Cut(id, ".")
		s += r + ",all," + id + "\n"
	}
	return s
}

// Point 1: a trip of the service day before, past midnight, runs in the
// small hours of the query's day; one of three days before too.
func TestSpecTripsPastMidnight(t *testing.T) {
	f := specFeed(t, map[string]string{
		"routes.txt": routes("N"),
		"trips.txt":  tripsOf("N.1", "N.2"),
		"stop_times.txt": "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n" +
			"N.1,25:00:00,25:00:00,A,1\nN.1,25:10:00,25:10:00,B,2\n" +
			"N.2,49:20:00,49:20:00,C,1\nN.2,49:40:00,49:40:00,D,2\n",
	})
	if got := arrival(t, f, "A", "B", "00:50", 0); got != "01:10" {
		t.Errorf("Thursday 00:50 A→B arrives %s, want 01:10 on Wednesday's trip at 25:00", got)
	}
	if got := arrival(t, f, "C", "D", "01:00", 0); got != "01:40" {
		t.Errorf("Thursday 01:00 C→D arrives %s, want 01:40 on Tuesday's trip at 49:20", got)
	}
}

// Point 2: no one boards where pickup_type is 1.
func TestSpecPickupForbidden(t *testing.T) {
	f := specFeed(t, map[string]string{
		"routes.txt": routes("X", "L"),
		"trips.txt":  tripsOf("X.1", "L.1"),
		"stop_times.txt": "trip_id,arrival_time,departure_time,stop_id,stop_sequence,pickup_type,drop_off_type\n" +
			"X.1,08:00:00,08:00:00,A,1,1,\nX.1,08:10:00,08:10:00,B,2,,\n" +
			"L.1,08:05:00,08:05:00,A,1,,\nL.1,08:30:00,08:30:00,B,2,,\n",
	})
	if got := arrival(t, f, "A", "B", "07:55", 0); got != "08:30" {
		t.Errorf("A→B arrives %s, want 08:30: the express takes no one on at A", got)
	}
}

// twoLines: R1 A 08:00 → B 08:10; R2 B 08:10:30 → C 08:30; R3 B 08:12
// → D 08:30; R2 again B 08:40 → C 09:00.
func twoLines(t *testing.T, transfers string) *transit.Feed {
	files := map[string]string{
		"routes.txt": routes("R1", "R2", "R3"),
		"trips.txt":  tripsOf("R1.1", "R2.1", "R3.1", "R2.2"),
		"stop_times.txt": "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n" +
			"R1.1,08:00:00,08:00:00,A,1\nR1.1,08:10:00,08:10:00,B,2\n" +
			"R2.1,08:10:30,08:10:30,B,1\nR2.1,08:30:00,08:30:00,C,2\n" +
			"R3.1,08:12:00,08:12:00,B,1\nR3.1,08:30:00,08:30:00,D,2\n" +
			"R2.2,08:40:00,08:40:00,B,1\nR2.2,09:00:00,09:00:00,C,2\n",
	}
	if transfers != "" {
		files["transfers.txt"] = transfers
	}
	return specFeed(t, files)
}

// Point 3: a rule scoped to routes applies to those routes only, and a
// type 3 at one stop forbids the change.
func TestSpecTransferScopedToRoutes(t *testing.T) {
	f := twoLines(t, "from_stop_id,to_stop_id,from_route_id,to_route_id,transfer_type\nB,B,R1,R3,3\n")
	if got := arrival(t, f, "A", "D", "07:55", 1); got != "unreachable" {
		t.Errorf("A→D arrives %s, want unreachable: R1 to R3 at B is not possible", got)
	}
	if got := arrival(t, f, "A", "C", "07:55", 1); got != "09:00" {
		t.Errorf("A→C arrives %s, want 09:00: R1 to R2 at B may change, in the usual 2 minutes", got)
	}
}

// Point 3: a timed transfer (type 1) is caught with no time to spare.
func TestSpecTimedTransfer(t *testing.T) {
	f := twoLines(t, "from_stop_id,to_stop_id,from_route_id,to_route_id,transfer_type\nB,B,R1,R2,1\n")
	if got := arrival(t, f, "A", "C", "07:55", 1); got != "08:30" {
		t.Errorf("A→C arrives %s, want 08:30: R2 waits for R1 at B", got)
	}
}

// Point 3: an in-seat transfer (type 4, given without stops as GTFS
// allows) is one ride; type 5 rows without stops load.
func TestSpecInSeatTransfer(t *testing.T) {
	f := twoLines(t, "from_stop_id,to_stop_id,from_trip_id,to_trip_id,transfer_type\n,,R1.1,R2.1,4\n,,R1.1,R3.1,5\n")
	if got := arrival(t, f, "A", "C", "07:55", 0); got != "08:30" {
		t.Errorf("A→C with no change arrives %s, want 08:30: the vehicle of R1.1 goes on as R2.1", got)
	}
}

// Point 5: a rule on a station applies to its platforms, and stops at one
// place with different names are a change apart, not a second.
func TestSpecStationsAndPlaces(t *testing.T) {
	stops := specStops + "S,Station,32.1,118.0\n"
	stops = strings.Replace(stops, "stop_id,stop_name,stop_lat,stop_lon\n", "stop_id,stop_name,stop_lat,stop_lon,location_type,parent_station\n", 1)
	stops = strings.ReplaceAll(stops, ",118.0\n", ",118.0,,\n")
	stops = strings.Replace(stops, "B,B,32.1,118.0,,", "B,B,32.1,118.0,0,S", 1)
	stops = strings.Replace(stops, "S,Station,32.1,118.0,,", "S,Station,32.1,118.0,1,", 1)
	f2 := specFeed(t, map[string]string{"stops.txt": stops, "routes.txt": routes("R1", "R3"), "trips.txt": tripsOf("R1.1", "R3.1"),
		"stop_times.txt": "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n" +
			"R1.1,08:00:00,08:00:00,A,1\nR1.1,08:10:00,08:10:00,B,2\n" +
			"R3.1,08:15:00,08:15:00,B,1\nR3.1,08:30:00,08:30:00,D,2\n",
		"transfers.txt": "from_stop_id,to_stop_id,transfer_type,min_transfer_time\nS,S,2,600\n"})
	if got := arrival(t, f2, "A", "D", "07:55", 1); got != "unreachable" {
		t.Errorf("A→D arrives %s, want unreachable: changing at station S takes 10 minutes", got)
	}
	f3 := specFeed(t, map[string]string{"routes.txt": routes("R1", "R2"), "trips.txt": tripsOf("R1.1", "R2.1"),
		"stop_times.txt": "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n" +
			"R1.1,08:00:00,08:00:00,A,1\nR1.1,08:10:00,08:10:00,B,2\n" +
			"R2.1,08:10:30,08:10:30,E,1\nR2.1,08:30:00,08:30:00,C,2\n"})
	if got := arrival(t, f3, "A", "C", "07:55", 1); got != "unreachable" {
		t.Errorf("A→C arrives %s, want unreachable: B to E is a change of 2 minutes, not a 1-second walk", got)
	}
}

// Point 6: agency_timezone places the feed's times: 09:00 in Tokyo is
// 08:00 in China.
func TestSpecAgencyTimezone(t *testing.T) {
	f := specFeed(t, map[string]string{
		"agency.txt": "agency_id,agency_name,agency_url,agency_timezone\nx,X,https://x.example,Asia/Tokyo\n",
		"routes.txt": routes("J"),
		"trips.txt":  tripsOf("J.1"),
		"stop_times.txt": "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n" +
			"J.1,09:00:00,09:00:00,A,1\nJ.1,09:30:00,09:30:00,B,2\n",
	})
	if got := arrival(t, f, "A", "B", "07:55", 0); got != "08:30" {
		t.Errorf("A→B arrives %s, want 08:30 China time (09:30 in Tokyo)", got)
	}
}

// Point 7: without exact times, a trip every 30 minutes is waited for the
// whole 30 minutes.
func TestSpecFrequencyWithoutExactTimes(t *testing.T) {
	f := specFeed(t, map[string]string{
		"routes.txt": routes("F"),
		"trips.txt":  tripsOf("F.1"),
		"stop_times.txt": "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n" +
			"F.1,06:00:00,06:00:00,A,1\nF.1,06:20:00,06:20:00,B,2\n",
		"frequencies.txt": "trip_id,start_time,end_time,headway_secs\nF.1,06:00:00,08:00:00,1800\n",
	})
	if got := arrival(t, f, "A", "B", "06:10", 0); got != "07:00" {
		t.Errorf("A→B at 06:10 arrives %s, want 07:00: at worst the bus leaves 30 minutes later", got)
	}
	if got := arrival(t, f, "A", "B", "05:50", 0); got != "06:20" {
		t.Errorf("A→B at 05:50 arrives %s, want 06:20: the first bus leaves at 06:00", got)
	}
}

// Point 9: the brute-force search takes any number of transfers.
func TestSpecBruteForceManyTransfers(t *testing.T) {
	f := twoLines(t, "")
	n, err := transit.Compile(f, specDay, transit.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []int{1, 126, 127, 200, 5000} {
		got, ok, err := n.BruteForce(transit.Query{From: transit.StopPlace("A"), To: transit.StopPlace("D"), Depart: transit.HMS(7, 55, 0), MaxTransfers: k})
		if err != nil || !ok || got.String() != "08:30" {
			t.Errorf("MaxTransfers %d: %s, %v, %v; want 08:30", k, got, ok, err)
		}
	}
}

package transit_test

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"jiangsupass/transit"
	"jiangsupass/transit/internal/csaoracle"
)

// goodFeedName is the folder of Google's transitfeed "good_feed" (see
// testdata/transitfeed-good-feed/README.md): a public feed written by
// the authors of GTFS, with transfers.txt, frequencies.txt without
// exact_times, a station with a platform (parent_station) and
// pickup_type/drop_off_type.
const goodFeedName = "transitfeed-good-feed"

// goodFeedDir is where the feed's files are: JSP_GOOD_FEED_DIR when set,
// else testdata/transitfeed-good-feed/ when its files are there, else
// the steering repository's shared/data/transitfeed-good-feed/ beside
// the project's folder. "" when none holds its stops.txt.
func goodFeedDir() string {
	dirs := []string{os.Getenv("JSP_GOOD_FEED_DIR"), filepath.Join("testdata", goodFeedName),
		filepath.Join("..", "..", "shared", "data", goodFeedName)}
	for _, d := range dirs {
		if d == "" {
			continue
		}
		if _, err := os.Stat(filepath.Join(d, "stops.txt")); err == nil {
			return d
		}
	}
	return ""
}

// TestGoodFeedAnswersByHand plans six queries over the good feed through
// the app's importer and planner, and wants the answers worked out by
// hand from its files, which the connection-scan oracle must give too.
//
// The feed's zone is America/Los_Angeles; the queries are on Thursday
// 5 June 2025 (service FULLW runs every day from 2007 to 2025) and are
// written in the feed's own times, which the test turns into the
// planner's China clock (15 hours ahead in June). Walking the whole way
// is switched off (DirectWalkRadius 1 m): every stop of the town loop is
// within 2 km of every other, and a walk would hide the rides the
// queries are about. No two stops of the feed are within the 400 m
// footpath radius, so a change between two stops exists only where
// transfers.txt gives one.
func TestGoodFeedAnswersByHand(t *testing.T) {
	dir := goodFeedDir()
	if dir == "" {
		t.Skipf("the good feed is not here: put its files in testdata/%s/ or shared/data/%s/ (see testdata/%s/README.md), or set JSP_GOOD_FEED_DIR",
			goodFeedName, goodFeedName, goodFeedName)
	}
	feed, err := transit.LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	of, err := csaoracle.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	la, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		t.Fatal(err)
	}
	china := time.FixedZone("CST", 8*3600)
	date := time.Date(2025, 6, 5, 0, 0, 0, 0, china)
	const horizon = 48 * 3600
	n, err := transit.Compile(feed, date, transit.Options{DirectWalkRadius: 1, Horizon: horizon})
	if err != nil {
		t.Fatal(err)
	}
	oo := csaoracle.Defaults
	oo.DirectWalkRadius, oo.Horizon = 1, horizon
	// at is h:m on 5 June in Los Angeles, as the planner's clock: seconds
	// after midnight of 5 June in China.
	at := func(h, m int) transit.Clock {
		return transit.Clock(time.Date(2025, 6, 5, h, m, 0, 0, la).Sub(date) / time.Second)
	}

	cases := []struct {
		name, from, to string
		depart         transit.Clock
		want           transit.Clock // the earliest arrival; transit.Never when none
		rides          int
		trips          []string
		headway        transit.Clock // of the first ride
	}{
		// parent_station, as the origin: the station BEATTY_AIRPORT_STATION
		// stands for its one platform, BEATTY_AIRPORT. AB1 (FULLW) leaves
		// it at 08:00 and reaches BULLFROG at 08:10. AAMV1 runs on
		// weekends only and goes to AMV.
		{"station to stop", "BEATTY_AIRPORT_STATION", "BULLFROG", at(7, 50), at(8, 10), 1, []string{"AB1"}, 0},
		// parent_station, as the destination, with a change at one stop:
		// BFC2 leaves FUR_CREEK_RES at 11:00, reaches BULLFROG at 12:00;
		// transfers.txt says nothing of BULLFROG, so the change takes
		// ChangeTime (2 min, ready 12:02) and AB2 at 12:05 is caught; it
		// reaches BEATTY_AIRPORT, the station's platform, at 12:15.
		{"stop to station", "FUR_CREEK_RES", "BEATTY_AIRPORT_STATION", at(10, 30), at(12, 15), 2, []string{"BFC2", "AB2"}, 0},
		// frequencies.txt without exact_times (so 0: about every N min),
		// before a window opens: CITY1's 06:00-07:59:59 window (every 30
		// min) has no vehicle left for a rider ready at 07:50 (the next
		// would leave at 08:20, after its end), and the 08:00-09:59:59
		// window's first vehicle has not left yet, so it is taken as
		// timetabled: STAGECOACH 08:00, DADAN 08:19 (template 06:00 →
		// 06:19).
		{"frequency, first vehicle of a window", "STAGECOACH", "DADAN", at(7, 50), at(8, 19), 1, []string{"CITY1"}, 600},
		// frequencies.txt, inside a window: ready at 08:33, the rider is
		// planned to wait the whole headway (10 min), so the vehicle
		// leaves STAGECOACH at 08:43 and reaches DADAN at 09:02.
		{"frequency, whole headway waited", "STAGECOACH", "DADAN", at(8, 33), at(9, 2), 1, []string{"CITY1"}, 600},
		// transfers.txt type 2 EMSI→NANAA, min_transfer_time 1200 s, from
		// the origin (a row naming no route or trip applies to walking
		// in). Staying at EMSI: CITY2 ready 08:33 waits the whole headway,
		// leaves EMSI 08:43 and reaches STAGECOACH 08:43+26 = 09:09. Going
		// by the rule: at NANAA at 08:53; CITY2 calls there 21 min after
		// leaving EMSI, so a vehicle leaving EMSI at 08:53-21+10 = 08:42
		// is planned, at NANAA 09:03, at STAGECOACH 09:08: a minute
		// earlier. NANAA is 1,030 m from EMSI, past the footpath radius:
		// without the row there is no way there on foot.
		{"transfers.txt type 2 from the origin", "EMSI", "STAGECOACH", at(8, 33), at(9, 8), 1, []string{"CITY2"}, 600},
		// pickup_type 1: STBA, the only trip to the airport, may not be
		// boarded at STAGECOACH (its only other stop is the airport), and
		// the town loop does not go there: no journey.
		{"pickup_type 1", "STAGECOACH", "BEATTY_AIRPORT", at(7, 0), transit.Never, 0, nil, 0},
	}
	for _, c := range cases {
		plan, err := n.Plan(transit.Query{From: transit.StopPlace(c.from), To: transit.StopPlace(c.to), Depart: c.depart, MaxTransfers: 3})
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		oracle := of.Plan(c.from, c.to, date, int(c.depart), 4, oo)
		if got := transit.Clock(oracle[len(oracle)-1]); got != c.want {
			t.Errorf("%s: the oracle arrives at %s, by hand %s", c.name, got, c.want)
		}
		j, ok := plan.Earliest()
		if c.want == transit.Never {
			if ok {
				t.Errorf("%s: planned a journey arriving at %s; by hand there is none\n%s", c.name, j.Arrive, describe(plan, n))
			}
			continue
		}
		if !ok {
			t.Errorf("%s: no journey; by hand %s", c.name, c.want)
			continue
		}
		var trips []string
		for _, l := range j.Legs {
			if l.Kind == transit.Ride {
				trips = append(trips, l.TripID)
			}
		}
		if j.Arrive != c.want || j.Rides != c.rides || !slices.Equal(trips, c.trips) {
			t.Errorf("%s: arrives %s with %d rides %v; by hand %s with %d rides %v\n%s",
				c.name, j.Arrive, j.Rides, trips, c.want, c.rides, c.trips, describe(plan, n))
			continue
		}
		for _, l := range j.Legs {
			if l.Kind == transit.Ride {
				if l.Headway != c.headway {
					t.Errorf("%s: ride %s has headway %s; want %s", c.name, l.TripID, l.Headway, c.headway)
				}
				break
			}
		}
	}
}

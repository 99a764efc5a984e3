package transit_test

import (
	"archive/zip"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"jiangsupass/transit"
)

// sampleDir is the GTFS reference's example feed, shipped in assets.
const sampleDir = "../assets/data/gtfs-sample-feed"

func TestLoadSampleFeed(t *testing.T) {
	dir, err := transit.LoadDir(sampleDir)
	if err != nil {
		t.Fatal(err)
	}
	zipped, err := transit.LoadZip(zipOf(t, sampleDir))
	if err != nil {
		t.Fatal(err)
	}
	for name, f := range map[string]*transit.Feed{"dir": dir, "zip": zipped} {
		// 11 trips listed, of which STBA, CITY1 and CITY2 run by the 11
		// rows of frequencies.txt, without exact times.
		if len(f.Agencies) != 1 || len(f.Stops) != 9 || len(f.Routes) != 5 || len(f.Trips) != 8 || len(f.Frequencies) != 11 {
			t.Errorf("%s: %d agencies, %d stops, %d routes, %d trips, %d frequencies; want 1, 9, 5, 8, 11",
				name, len(f.Agencies), len(f.Stops), len(f.Routes), len(f.Trips), len(f.Frequencies))
		}
		if f.Estimated {
			t.Errorf("%s: an imported feed is marked estimated", name)
		}
	}
	// A Monday in the calendar's range: every FULLW trip runs.
	n, err := transit.Compile(dir, time.Date(2008, 6, 2, 0, 0, 0, 0, time.UTC), transit.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// The feed's zone is America/Los_Angeles, 15 hours behind China in
	// June: its 06:10 on 2 June is 21:10 in China, the time the planner
	// takes.
	cases := []struct {
		from, to, at, want string
	}{
		{"STAGECOACH", "BEATTY_AIRPORT", "21:10", "22:00"},    // 06:10 there: the shuttle every 30 min, so at worst 06:40, there 07:00
		{"BEATTY_AIRPORT", "BULLFROG", "22:00", "23:10"},      // AB1, 08:00-08:10 there
		{"STAGECOACH", "EMSI", "23:01", "23:27:14"},           // walking 1.45 km beats CITY1
		{"BEATTY_AIRPORT", "FUR_CREEK_RES", "22:00", "24:20"}, // AB1 then BFC1 at Bullfrog, 09:20 there
	}
	for _, c := range cases {
		at, _ := transit.ParseClock(c.at)
		plan, err := n.Plan(transit.Query{From: transit.StopPlace(c.from), To: transit.StopPlace(c.to), Depart: at, MaxTransfers: 2})
		if err != nil {
			t.Fatal(err)
		}
		j, ok := plan.Earliest()
		if !ok || j.Arrive.String() != c.want {
			t.Errorf("%s→%s at %s: arrives %v (found %v), want %s", c.from, c.to, c.at, j.Arrive, ok, c.want)
		}
	}
	// The weekend service runs on Saturdays only.
	if dir.Runs("WE", time.Date(2008, 6, 2, 0, 0, 0, 0, time.UTC)) || !dir.Runs("WE", time.Date(2008, 6, 7, 0, 0, 0, 0, time.UTC)) {
		t.Error("service WE runs on the wrong days")
	}
	// calendar_dates.txt removes FULLW on 2007-06-04.
	if dir.Runs("FULLW", time.Date(2007, 6, 4, 0, 0, 0, 0, time.UTC)) {
		t.Error("the exception of calendar_dates.txt is ignored")
	}
}

// zipOf packs the files of dir into a zip file and returns its path.
func zipOf(t *testing.T, dir string) string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, e := range entries {
		if files[e.Name()], err = os.ReadFile(filepath.Join(dir, e.Name())); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(t.TempDir(), "feed.zip")
	writeZip(t, path, files, nil)
	return path
}

// writeZip writes files into a zip file at path, deflated, then lets more
// add what it will.
func writeZip(t *testing.T, path string, files map[string][]byte, more func(*zip.Writer)) {
	t.Helper()
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(out)
	for name, data := range files {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(data); err != nil {
			t.Fatal(err)
		}
	}
	if more != nil {
		more(zw)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}

// sampleFS is the example feed in memory, to be spoiled by a test.
func sampleFS(t *testing.T) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(os.DirFS(sampleDir), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".txt") {
			return err
		}
		data, err := os.ReadFile(filepath.Join(sampleDir, p))
		m[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestLoadRejectsMalformedFeeds(t *testing.T) {
	// Each case changes line n (1-based; the header is line 1) of one file,
	// or the whole file when n is 0, and names the error it expects.
	cases := []struct {
		name, file string
		line       int
		text       string
		want       string
	}{
		{"missing file", "stops.txt", 0, "\x00delete", "stops.txt: required file is missing"},
		{"empty file", "agency.txt", 0, "", "agency.txt line 1: empty file"},
		{"no agency", "agency.txt", 2, "", "agency.txt: no agency"},
		{"missing column", "stops.txt", 1, "stop_name,stop_desc,stop_lat,stop_lon,zone_id,stop_url", `stops.txt line 1: required column "stop_id" is missing`},
		{"repeated column", "trips.txt", 1, "route_id,route_id,trip_id,trip_headsign,direction_id,block_id,shape_id", `trips.txt line 1: column "route_id" appears twice`},
		{"too few fields", "routes.txt", 4, "STBA,DTA,30", "routes.txt line 4: has 3 fields, the header names 9"},
		{"unclosed quote", "stops.txt", 3, `BEATTY_AIRPORT,"Nye County Airport (Demo),,36.868446,-116.784582,,`, "stops.txt line 3"},
		{"latitude out of range", "stops.txt", 4, "BULLFROG,Bullfrog (Demo),,96.88108,-116.81797,,", `stops.txt line 4: stop_lat "96.88108"`},
		{"repeated stop", "stops.txt", 5, "BULLFROG,Bullfrog (Demo),,36.88108,-116.81797,,", `stops.txt line 5: stop_id "BULLFROG" appears twice`},
		{"bad route colour", "routes.txt", 2, "AB,DTA,10,Airport - Bullfrog,,3,,red,", `routes.txt line 2: route_color "red"`},
		{"unknown agency", "routes.txt", 3, "BFC,XXX,20,Bullfrog - Furnace Creek Resort,,3,,,", `routes.txt line 3: agency_id "XXX" is not in agency.txt`},
		{"bad date", "calendar.txt", 2, "FULLW,1,1,1,1,1,1,1,2007-01-01,20101231", `calendar.txt line 2: start_date "2007-01-01"`},
		{"weekday not 0 or 1", "calendar.txt", 3, "WE,0,0,0,0,0,1,2,20070101,20101231", `calendar.txt line 3: sunday "2"`},
		{"unknown route", "trips.txt", 3, "XX,FULLW,AB2,to Airport,1,2,", `trips.txt line 3: route_id "XX" is not in routes.txt`},
		{"unknown service", "trips.txt", 4, "STBA,NONE,STBA,Shuttle,,,", `trips.txt line 4: service_id "NONE"`},
		{"repeated trip", "trips.txt", 3, "AB,FULLW,AB1,to Airport,1,2,", `trips.txt line 3: trip_id "AB1" appears twice`},
		{"unknown stop", "stop_times.txt", 3, "STBA,6:20:00,6:20:00,NOWHERE,2,,,,", `stop_times.txt line 3: stop_id "NOWHERE" is not in stops.txt`},
		{"unknown trip", "stop_times.txt", 4, "NOTRIP,6:00:00,6:00:00,STAGECOACH,1,,,,", `stop_times.txt line 4: trip_id "NOTRIP"`},
		{"bad time", "stop_times.txt", 5, "CITY1,6:5:00,6:07:00,NANAA,2,,,,", "stop_times.txt line 5: arrival_time"},
		{"departure before arrival", "stop_times.txt", 6, "CITY1,6:12:00,6:10:00,NADAV,3,,,,", "stop_times.txt line 6: departure_time is before arrival_time"},
		{"time runs backwards", "stop_times.txt", 7, "CITY1,6:10:00,6:21:00,DADAN,4,,,,", "stop_times.txt line 7: trip \"CITY1\" arrives here before it left the previous stop"},
		{"repeated sequence", "stop_times.txt", 8, "CITY1,6:26:00,6:28:00,EMSI,4,,,,", "stop_times.txt line 8: trip \"CITY1\" repeats stop_sequence 4"},
		{"last stop without time", "stop_times.txt", 3, "STBA,,,BEATTY_AIRPORT,2,,,,", "stop_times.txt line 3: trip \"STBA\": the first and last stops need"},
		{"zero headway", "frequencies.txt", 2, "STBA,6:00:00,22:00:00,0", `frequencies.txt line 2: headway_secs "0"`},
		{"frequency ends before it starts", "frequencies.txt", 3, "CITY1,8:00:00,6:00:00,1800", "frequencies.txt line 3: end_time is not after start_time"},
		{"unknown time zone", "agency.txt", 2, "DTA,Demo Transit Authority,http://google.com,Mars/Olympus_Mons", `agency.txt line 2: agency_timezone "Mars/Olympus_Mons"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := sampleFS(t)
			switch {
			case c.text == "\x00delete":
				delete(m, c.file)
			case c.line == 0:
				m[c.file] = &fstest.MapFile{Data: []byte(c.text)}
			default:
				lines := strings.Split(string(m[c.file].Data), "\n")
				if c.line > len(lines) {
					t.Fatalf("%s has %d lines", c.file, len(lines))
				}
				lines[c.line-1] = c.text
				if c.text == "" {
					lines = append(lines[:c.line-1], lines[c.line:]...)
				}
				m[c.file] = &fstest.MapFile{Data: []byte(strings.Join(lines, "\n"))}
			}
			feed, err := transit.Load(m)
			if err == nil {
				t.Fatalf("loaded a feed with %d trips, want an error", len(feed.Trips))
			}
			if !errors.Is(err, transit.ErrFeed) {
				t.Errorf("error %q does not wrap ErrFeed", err)
			}
			if !strings.HasPrefix(err.Error(), c.want) {
				t.Errorf("error %q, want it to begin %q", err, c.want)
			}
		})
	}
}

// TestLoadAcceptsFeedVariants checks forms real feeds take: a byte-order
// mark, CRLF line ends, quoted fields, blank lines, and stop times without
// times between timepoints.
func TestLoadAcceptsFeedVariants(t *testing.T) {
	m := sampleFS(t)
	m["stops.txt"].Data = append([]byte("\xEF\xBB\xBF"), []byte(strings.ReplaceAll(string(m["stops.txt"].Data), "\n", "\r\n"))...)
	m["agency.txt"].Data = []byte("agency_id,agency_name,agency_url,agency_timezone\nDTA,\"Demo, \"\"Transit\"\" Authority\",http://google.com,America/Los_Angeles\n\n")
	m["stop_times.txt"].Data = []byte(strings.Replace(string(m["stop_times.txt"].Data),
		"CITY1,6:12:00,6:14:00,NADAV,3", "CITY1,,,NADAV,3", 1))
	f, err := transit.Load(m)
	if err != nil {
		t.Fatal(err)
	}
	if f.Agencies[0].Name != `Demo, "Transit" Authority` {
		t.Errorf("agency name %q", f.Agencies[0].Name)
	}
	for _, q := range f.Frequencies {
		if q.Trip.ID == "CITY1" {
			// Halfway between NANAA (dep 6:07) and DADAN (arr 6:19).
			if got := q.Trip.StopTimes[2].Arrival.String(); got != "06:13" {
				t.Errorf("interpolated time at NADAV %s, want 06:13", got)
			}
			return
		}
	}
	t.Error("no frequency-based trip CITY1")
}

// Package csaoracle is a deliberately simple journey planner over the raw
// rows of a GTFS feed, for tests: the reference that the transit
// package's planner is checked against. It shares no code with the
// transit package and does not import it: it reads the feed's files with
// its own CSV reading, expands the service days by its own calendar, and
// scans connections trip by trip, round by round, with its own transfer,
// footpath, pickup and frequency rules. It is quadratic on purpose: it is
// meant to be read, not to be fast.
//
// The rules it follows are the ones the transit package states (see
// transit/doc.go and transit/transfers.go), written here a second time.
package csaoracle

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Options are the planner's walking and changing assumptions, the same
// numbers as transit.Options' defaults.
type Options struct {
	WalkSpeed, Detour, FootpathRadius, DirectWalkRadius float64
	ChangeTime, InterchangeTime                         int
	Horizon                                             int // seconds after the query day's midnight in China
}

// Defaults are transit.Options' defaults.
var Defaults = Options{WalkSpeed: 1.2, Detour: 1.3, FootpathRadius: 400, DirectWalkRadius: 2000,
	ChangeTime: 120, InterchangeTime: 180, Horizon: 30 * 3600}

type stop struct {
	id, name, parent string
	kind             int
	lat, lon         float64
	hasPoint         bool
}

type stopTime struct {
	stop           string
	arr, dep       int
	pickup, dropOf int
	hasTime        bool
	seq            int
}

type trip struct {
	id, route, service string
	times              []stopTime
}

type freq struct {
	trip              string
	start, end, every int
	exact             bool
}

type transferRow struct {
	fromStop, toStop, fromRoute, toRoute, fromTrip, toTrip string
	kind, minTime                                          int
}

type pathway struct {
	from, to string
	both     bool
	secs     int
	length   float64
	hasSecs  bool
}

type calendar struct {
	days       [7]bool // Sunday first
	start, end string  // YYYYMMDD
}

// Feed is a GTFS feed as rows.
type Feed struct {
	zone      *time.Location
	stops     map[string]*stop
	stopOrder []string
	trips     map[string]*trip
	tripOrder []string
	routes    map[string]bool
	cals      map[string][]calendar
	dates     map[string]map[string]int // service → YYYYMMDD → exception_type
	freqs     []freq
	transfers []transferRow
	pathways  []pathway
	near      map[string][]string // neighbours, worked out once (for Defaults)
}

// readCSV reads a whole file into maps by column name; a missing file
// gives nil.
func readCSV(dir, name string) ([]map[string]string, error) {
	f, err := os.Open(filepath.Join(dir, name))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	head, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	for i := range head {
		head[i] = strings.TrimSpace(strings.TrimPrefix(head[i], "\ufeff"))
	}
	var out []map[string]string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		m := map[string]string{}
		for i, h := range head {
			if i < len(rec) {
				m[h] = strings.TrimSpace(rec[i])
			}
		}
		out = append(out, m)
	}
}

func atoi(s string, def int) int {
	if s == "" {
		return def
	}
	v, err := strconv.Atoi(s)
	if err != nil {
		return def
	}
	return v
}

// gtfsTime reads H:MM:SS into seconds; -1 when empty.
func gtfsTime(s string) int {
	if s == "" {
		return -1
	}
	var h, m, sec int
	if _, err := fmt.Sscanf(s, "%d:%d:%d", &h, &m, &sec); err != nil {
		return -1
	}
	return h*3600 + m*60 + sec
}

// Load reads the feed in dir. It trusts the feed: tests give it feeds
// they generated.
func Load(dir string) (*Feed, error) {
	f := &Feed{stops: map[string]*stop{}, trips: map[string]*trip{}, routes: map[string]bool{},
		cals: map[string][]calendar{}, dates: map[string]map[string]int{}, near: map[string][]string{}}
	var err error
	read := func(name string) []map[string]string {
		rows, e := readCSV(dir, name)
		if e != nil && err == nil {
			err = e
		}
		return rows
	}
	agencies := read("agency.txt")
	if len(agencies) == 0 {
		return nil, errors.New("no agency")
	}
	if f.zone, err = time.LoadLocation(agencies[0]["agency_timezone"]); err != nil {
		return nil, err
	}
	f.addStops(read("stops.txt"))
	for _, r := range read("routes.txt") {
		f.routes[r["route_id"]] = true
	}
	f.addCalendars(read("calendar.txt"), read("calendar_dates.txt"))
	f.addTrips(read("trips.txt"), read("stop_times.txt"))
	for _, r := range read("frequencies.txt") {
		f.freqs = append(f.freqs, freq{trip: r["trip_id"], start: gtfsTime(r["start_time"]), end: gtfsTime(r["end_time"]),
			every: atoi(r["headway_secs"], 0), exact: r["exact_times"] == "1"})
	}
	for _, r := range read("transfers.txt") {
		f.transfers = append(f.transfers, transferRow{fromStop: r["from_stop_id"], toStop: r["to_stop_id"],
			fromRoute: r["from_route_id"], toRoute: r["to_route_id"], fromTrip: r["from_trip_id"], toTrip: r["to_trip_id"],
			kind: atoi(r["transfer_type"], 0), minTime: atoi(r["min_transfer_time"], 0)})
	}
	f.addPathways(read("pathways.txt"))
	return f, err
}

// addStops reads the rows of stops.txt.
func (f *Feed) addStops(rows []map[string]string) {
	for _, r := range rows {
		s := &stop{id: r["stop_id"], name: r["stop_name"], parent: r["parent_station"], kind: atoi(r["location_type"], 0)}
		if r["stop_lat"] != "" {
			s.lat, _ = strconv.ParseFloat(r["stop_lat"], 64)
			s.lon, _ = strconv.ParseFloat(r["stop_lon"], 64)
			s.hasPoint = true
		}
		f.stops[s.id] = s
		f.stopOrder = append(f.stopOrder, s.id)
	}
}

// addCalendars reads the rows of calendar.txt and calendar_dates.txt.
func (f *Feed) addCalendars(calendars, dates []map[string]string) {
	for _, r := range calendars {
		var c calendar
		for i, d := range []string{"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"} {
			c.days[i] = r[d] == "1"
		}
		c.start, c.end = r["start_date"], r["end_date"]
		f.cals[r["service_id"]] = append(f.cals[r["service_id"]], c)
	}
	for _, r := range dates {
		if f.dates[r["service_id"]] == nil {
			f.dates[r["service_id"]] = map[string]int{}
		}
		f.dates[r["service_id"]][r["date"]] = atoi(r["exception_type"], 0)
	}
}

// addTrips reads the rows of trips.txt and stop_times.txt, and puts each
// trip's stop times in order, with times filled in where the feed leaves
// them out.
func (f *Feed) addTrips(trips, stopTimes []map[string]string) {
	for _, r := range trips {
		t := &trip{id: r["trip_id"], route: r["route_id"], service: r["service_id"]}
		f.trips[t.id] = t
		f.tripOrder = append(f.tripOrder, t.id)
	}
	for _, r := range stopTimes {
		t := f.trips[r["trip_id"]]
		if t == nil {
			continue
		}
		st := stopTime{stop: r["stop_id"], arr: gtfsTime(r["arrival_time"]), dep: gtfsTime(r["departure_time"]),
			pickup: atoi(r["pickup_type"], 0), dropOf: atoi(r["drop_off_type"], 0), seq: atoi(r["stop_sequence"], 0)}
		if st.arr < 0 {
			st.arr = st.dep
		}
		if st.dep < 0 {
			st.dep = st.arr
		}
		st.hasTime = st.arr >= 0
		t.times = append(t.times, st)
	}
	for _, t := range f.trips {
		sortBySeq(t.times)
		fillTimes(t.times)
	}
}

// addPathways reads the rows of pathways.txt.
func (f *Feed) addPathways(rows []map[string]string) {
	for _, r := range rows {
		p := pathway{from: r["from_stop_id"], to: r["to_stop_id"], both: r["is_bidirectional"] == "1"}
		if r["traversal_time"] != "" {
			p.secs, p.hasSecs = atoi(r["traversal_time"], 0), true
		}
		p.length, _ = strconv.ParseFloat(r["length"], 64)
		f.pathways = append(f.pathways, p)
	}
}

// sortBySeq is an insertion sort by stop_sequence.
func sortBySeq(st []stopTime) {
	for i := 1; i < len(st); i++ {
		for j := i; j > 0 && st[j].seq < st[j-1].seq; j-- {
			st[j], st[j-1] = st[j-1], st[j]
		}
	}
}

// fillTimes gives the calls without times times evenly spread between the
// timed calls around them.
func fillTimes(st []stopTime) {
	last := -1
	for i := range st {
		if !st[i].hasTime {
			continue
		}
		if last >= 0 {
			for j := last + 1; j < i; j++ {
				t := st[last].dep + (st[i].arr-st[last].dep)*(j-last)/(i-last)
				st[j].arr, st[j].dep = t, t
			}
		}
		last = i
	}
}

// runs says whether a service runs on a date given as YYYYMMDD.
func (f *Feed) runsOn(service string, day time.Time) bool {
	ymd := day.Format("20060102")
	if x, ok := f.dates[service][ymd]; ok {
		return x == 1
	}
	for _, c := range f.cals[service] {
		if ymd >= c.start && ymd <= c.end && c.days[day.Weekday()] {
			return true
		}
	}
	return false
}

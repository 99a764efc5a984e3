package transit

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Options are the walking and changing assumptions of a [Network].
type Options struct {
	// WalkSpeed is in metres per second; default 1.2 (4.3 km/h).
	WalkSpeed float64
	// Detour multiplies straight-line distances into walking distances;
	// default 1.3.
	Detour float64
	// FootpathRadius joins stops at most this many metres apart (straight
	// line) by a footpath; default 400.
	FootpathRadius float64
	// ChangeTime is the least time to change vehicles at the same stop;
	// default 2 minutes.
	ChangeTime Clock
	// InterchangeTime is the least time to change between different stops
	// of one interchange (stops sharing a name in a city, at most 1 km
	// apart); default 3 minutes.
	InterchangeTime Clock
	// AccessRadius is how far (straight line, metres) a point may be from
	// the stops it walks to or from; default 1500. When no stop is that
	// close, the nearest stop within FarAccessRadius is used.
	AccessRadius float64
	// FarAccessRadius bounds the walk to the nearest stop; default 5000.
	FarAccessRadius float64
	// DirectWalkRadius offers walking the whole way when origin and
	// destination are at most this far apart; default 2000.
	DirectWalkRadius float64
}

func (o Options) withDefaults() Options {
	def := func(v *float64, d float64) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&o.WalkSpeed, 1.2)
	def(&o.Detour, 1.3)
	def(&o.FootpathRadius, 400)
	def(&o.AccessRadius, 1500)
	def(&o.FarAccessRadius, 5000)
	def(&o.DirectWalkRadius, 2000)
	if o.ChangeTime <= 0 {
		o.ChangeTime = 120
	}
	if o.InterchangeTime <= 0 {
		o.InterchangeTime = 180
	}
	return o
}

// walkTime is how long walking a straight-line distance takes.
func (o Options) walkTime(m float64) Clock {
	return Clock(math.Ceil(m * o.Detour / o.WalkSpeed))
}

// Network is a feed compiled for planning on one service day.
type Network struct {
	Stops  []Stop
	Routes []Route
	// Estimated and Rule come from the feed: an estimated timetable must
	// be shown as such.
	Estimated bool
	Rule      string
	Date      time.Time
	Opts      Options

	stopIndex map[string]int32
	trips     []tripInfo
	patterns  []pattern
	atStop    [][]patternStop // the patterns calling at each stop
	foot      [][]footpath    // footpaths leaving each stop
	footIn    [][]footpath    // footpaths arriving at each stop (to = where they come from)
	change    []Clock         // least time to change vehicles at each stop
	grid      *grid
	events    int32       // stop-time slots over all patterns
	brute     *bruteIndex // built on the first brute-force search
	bruteMu   sync.Mutex
	pool      sync.Pool // of *raptor, the working state of a query
	// spare keeps one cleared state outside the pool, which the garbage
	// collector empties: the app plans one journey at a time, and a
	// state for a province's stops is worth keeping.
	spare atomic.Pointer[raptor]
}

type tripInfo struct {
	id       string
	route    int32
	headsign string
}

// pattern is a set of trips calling at the same stops in the same order,
// none overtaking another, sorted by departure.
type pattern struct {
	route  int32
	stops  []int32
	trips  []int32 // indices into Network.trips
	arr    []Clock // arrival of trip t at position i: arr[t*len(stops)+i]
	dep    []Clock
	offset int32 // index of this pattern's first slot among all events
}

type patternStop struct {
	pattern int32
	pos     int32
}

type footpath struct {
	to  int32
	dur Clock
}

// Compile builds the network of the trips that run on date.
func Compile(f *Feed, date time.Time, opts Options) (*Network, error) {
	opts = opts.withDefaults()
	n := &Network{Stops: f.Stops, Routes: f.Routes, Estimated: f.Estimated, Rule: f.Rule,
		Date: civil(date), Opts: opts, stopIndex: make(map[string]int32, len(f.Stops))}
	for i, s := range f.Stops {
		n.stopIndex[s.ID] = int32(i)
	}
	routeIndex := make(map[string]int32, len(f.Routes))
	for i, r := range f.Routes {
		routeIndex[r.ID] = int32(i)
	}
	runs := map[string]bool{}
	groups := map[string][]int32{}
	var order []string
	for _, tr := range f.Trips {
		on, seen := runs[tr.ServiceID]
		if !seen {
			on = f.Runs(tr.ServiceID, date)
			runs[tr.ServiceID] = on
		}
		if !on {
			continue
		}
		ri, ok := routeIndex[tr.RouteID]
		if !ok {
			return nil, fmt.Errorf("trip %s: route %s is not in the feed", tr.ID, tr.RouteID)
		}
		var key strings.Builder
		key.WriteString(tr.RouteID)
		for _, st := range tr.StopTimes {
			if _, ok := n.stopIndex[st.StopID]; !ok {
				return nil, fmt.Errorf("trip %s: stop %s is not in the feed", tr.ID, st.StopID)
			}
			key.WriteByte(0)
			key.WriteString(st.StopID)
		}
		k := key.String()
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], int32(len(n.trips)))
		n.trips = append(n.trips, tripInfo{id: tr.ID, route: ri, headsign: tr.Headsign})
	}
	times := make([][]StopTime, 0, len(n.trips))
	for _, tr := range f.Trips {
		if runs[tr.ServiceID] {
			times = append(times, tr.StopTimes)
		}
	}
	for _, k := range order {
		n.addPatterns(groups[k], times)
	}
	n.index()
	n.footpaths(f.Transfers)
	return n, nil
}

// addPatterns sorts a group's trips by first departure and splits them into
// patterns in which no trip overtakes another.
func (n *Network) addPatterns(trips []int32, times [][]StopTime) {
	sort.SliceStable(trips, func(a, b int) bool { return times[trips[a]][0].Departure < times[trips[b]][0].Departure })
	var open []*pattern
	first := n.trips[trips[0]]
	stops := make([]int32, len(times[trips[0]]))
	for i, st := range times[trips[0]] {
		stops[i] = n.stopIndex[st.StopID]
	}
	for _, t := range trips {
		st := times[t]
		var into *pattern
		for _, p := range open {
			last := len(p.trips) - 1
			ok := true
			for i := range st {
				if st[i].Arrival < p.arr[last*len(stops)+i] || st[i].Departure < p.dep[last*len(stops)+i] {
					ok = false
					break
				}
			}
			if ok {
				into = p
				break
			}
		}
		if into == nil {
			into = &pattern{route: first.route, stops: stops}
			open = append(open, into)
		}
		into.trips = append(into.trips, t)
		for _, s := range st {
			into.arr = append(into.arr, s.Arrival)
			into.dep = append(into.dep, s.Departure)
		}
	}
	for _, p := range open {
		p.offset = n.events
		n.events += int32(len(p.arr))
		n.patterns = append(n.patterns, *p)
	}
}

// index lists the patterns at each stop.
func (n *Network) index() {
	n.atStop = make([][]patternStop, len(n.Stops))
	for pi, p := range n.patterns {
		for pos, s := range p.stops {
			n.atStop[s] = append(n.atStop[s], patternStop{int32(pi), int32(pos)})
		}
	}
}

// StopIndex returns the index in Stops of the stop with the given ID.
func (n *Network) StopIndex(id string) (int, bool) {
	i, ok := n.stopIndex[id]
	return int(i), ok
}

// StopTimesCount is the number of stop times of the trips that run.
func (n *Network) StopTimesCount() int { return int(n.events) }

// TripCount is the number of trips that run.
func (n *Network) TripCount() int { return len(n.trips) }

package transit

import (
	"math"
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
	// Horizon is how far past the midnight (China time) that starts the
	// network's date the network keeps trips: a trip of any service day
	// is kept when it calls before Horizon and after that midnight;
	// default 30 hours (06:00 the next morning).
	Horizon Clock
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
	if o.Horizon <= 0 {
		o.Horizon = 30 * 3600
	}
	return o
}

// walkTime is how long walking a straight-line distance takes.
func (o Options) walkTime(m float64) Clock {
	return Clock(math.Ceil(m * o.Detour / o.WalkSpeed))
}

// Network is a feed compiled for planning from one date: the trips of
// every service day that call between that date's midnight in China and
// Options.Horizon after it, their times counted from that midnight (so a
// trip of the day before at 25:10 runs at 01:10, and one of the next day
// at 05:30 runs at 29:30).
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
	// Nodes are where labels are kept: node i < len(Stops) is stop i;
	// a stop that a transfer rule scoped to routes or trips names has
	// a node more for each pattern call there, since changing there
	// depends on the vehicles (nodeStop gives the stop of every node,
	// stopNodes the extra nodes of each stop).
	nodeStop  []int32
	stopNodes map[int32][]int32
	atStop    [][]patternStop   // the patterns calling at each node
	foot      [][]footpath      // changes leaving each node for another
	footIn    [][]footpath      // changes arriving at each node (to = where they come from)
	change    []Clock           // least time to change vehicles at each node; Never: one may not
	children  map[int32][]int32 // the platforms of each station
	grid      *grid             // the located stops (location_type 0)
	events    int32             // stop-time slots over all patterns
	brute     *bruteIndex       // built on the first brute-force search
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

// pattern is a set of trips calling at the same stops in the same order
// with the same pickup and drop-off types, none overtaking another,
// sorted by departure. A frequency pattern (every > 0) has one trip whose
// times are offsets from its first departure, with vehicles leaving the
// first stop at any time in [start, end).
type pattern struct {
	route      int32
	stops      []int32 // nodes
	trips      []int32 // indices into Network.trips
	arr        []Clock // arrival of trip t at position i: arr[t*len(stops)+i]
	dep        []Clock
	pick, drop []uint8 // pickup and drop-off type at each position
	offset     int32   // index of this pattern's first slot among all events
	start, end Clock
	every      Clock
}

type patternStop struct {
	pattern int32
	pos     int32
}

type footpath struct {
	to  int32
	dur Clock
}

// Compile builds the network of the trips that run around date (see
// [Network]). A service day's times count from noon minus 12 hours in
// its agency's time zone, as GTFS defines them.
func Compile(f *Feed, date time.Time, opts Options) (*Network, error) {
	opts = opts.withDefaults()
	n := &Network{Stops: f.Stops, Routes: f.Routes, Estimated: f.Estimated, Rule: f.Rule,
		Date: civil(date), Opts: opts, stopIndex: make(map[string]int32, len(f.Stops))}
	for i, s := range f.Stops {
		n.stopIndex[s.ID] = int32(i)
	}
	c, err := newCompiler(f, n)
	if err != nil {
		return nil, err
	}
	runs, err := c.runs()
	if err != nil {
		return nil, err
	}
	runs = append(runs, c.inSeat(runs)...)
	c.build(runs)
	n.index()
	c.transfers()
	return n, nil
}

// index lists the patterns at each node.
func (n *Network) index() {
	n.atStop = make([][]patternStop, len(n.nodeStop))
	for pi, p := range n.patterns {
		for pos, s := range p.stops {
			n.atStop[s] = append(n.atStop[s], patternStop{int32(pi), int32(pos)})
		}
	}
}

// nodesOf are the nodes of a stop: its own and its extra ones.
func (n *Network) nodesOf(s int32) []int32 {
	return append([]int32{s}, n.stopNodes[s]...)
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

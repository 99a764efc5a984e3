package transit

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"jiangsupass/clock"
)

// compiler keeps what Compile works out about a feed.
type compiler struct {
	f          *Feed
	n          *Network
	routeIndex map[string]int32
	zone       []*time.Location             // of each route, from its agency
	midnight   time.Time                    // the network's date at midnight, China time
	named      map[string]bool              // trips that transfer rules scoped to trips name
	split      map[int32]bool               // stops that transfer rules scoped to routes or trips name
	inSeatTo   map[string]bool              // trips that in-seat transfers continue into
	nodeRoute  []int32                      // per node: the route of its pattern call, -1 for a stop's own node
	nodeTrip   []string                     // per node: the trip rules name its call by
	rules      map[[2]int32][]int           // transfers.txt rows (types 0-3) by the platforms they join
	ways       map[int32]map[[2]int32]Clock // per station with pathways: the ways between its platforms
}

// run is a trip on one service day, or trips joined by in-seat
// transfers.
type run struct {
	trip     *Trip
	shift    Clock      // from the trip's service day to the network's
	calls    []StopTime // times already shifted; nil: trip.StopTimes shifted by shift
	callTrip []string   // for joined trips: the rule ID of each call's trip
	callRte  []int32    // and its route
	id       string
	route    int32
	headsign string
	day      int
	kept     bool
	freq     *Frequency
}

func (r *run) times() []StopTime {
	if r.calls != nil {
		return r.calls
	}
	out := make([]StopTime, len(r.trip.StopTimes))
	for i, st := range r.trip.StopTimes {
		st.Arrival += r.shift
		st.Departure += r.shift
		out[i] = st
	}
	return out
}

func newCompiler(f *Feed, n *Network) (*compiler, error) {
	c := &compiler{f: f, n: n, routeIndex: make(map[string]int32, len(f.Routes)), named: map[string]bool{},
		split: map[int32]bool{}, inSeatTo: map[string]bool{}, rules: map[[2]int32][]int{}}
	d := n.Date
	c.midnight = time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, clock.China)
	agencyZone := agencyZones(f.Agencies)
	for i, r := range f.Routes {
		c.routeIndex[r.ID] = int32(i)
		z := agencyZone[r.AgencyID]
		if z == nil {
			z = agencyZone[""]
		}
		if z == nil {
			z = clock.China
		}
		c.zone = append(c.zone, z)
	}
	n.children = map[int32][]int32{}
	for i, s := range f.Stops {
		if s.Kind == LocStop && s.Parent != "" {
			if p, ok := n.stopIndex[s.Parent]; ok {
				n.children[p] = append(n.children[p], int32(i))
			}
		}
	}
	for i, x := range f.Transfers {
		c.indexTransfer(i, x)
	}
	return c, nil
}

// agencyZones is each agency's time zone by its ID (China's where the
// feed names none that is known), and the first agency's under "", for a
// route that names no agency.
func agencyZones(agencies []Agency) map[string]*time.Location {
	zones := map[string]*time.Location{}
	for i, a := range agencies {
		z, err := zoneOf(a.Timezone)
		if err != nil {
			z = clock.China
		}
		zones[a.ID] = z
		if i == 0 {
			zones[""] = z
		}
	}
	return zones
}

// indexTransfer notes the feed's transfer rule i, x: a trip an in-seat
// transfer leads into, the trips a rule names, the pairs of platforms it
// holds between, and, for a rule scoped to routes or trips, the stops
// that must be split by them.
func (c *compiler) indexTransfer(i int, x Transfer) {
	if x.Type == TransferInSeat {
		c.inSeatTo[x.ToTripID] = true
	}
	if x.Type > TransferImpossible {
		return
	}
	scoped := x.FromRouteID != "" || x.ToRouteID != "" || x.FromTripID != "" || x.ToTripID != ""
	for _, id := range []string{x.FromTripID, x.ToTripID} {
		if id != "" {
			c.named[id] = true
		}
	}
	from, to := c.platformsOf(x.FromStopID), c.platformsOf(x.ToStopID)
	for _, a := range from {
		for _, b := range to {
			c.rules[[2]int32{a, b}] = append(c.rules[[2]int32{a, b}], i)
		}
	}
	if scoped {
		for _, s := range append(from, to...) {
			c.split[s] = true
		}
	}
}

// platformsOf are the stops a rule's stop stands for: itself, or a
// station's platforms.
func (c *compiler) platformsOf(id string) []int32 {
	i, ok := c.n.stopIndex[id]
	if !ok {
		return nil
	}
	if c.f.Stops[i].Kind == LocStation {
		return c.n.children[i]
	}
	return []int32{i}
}

// runs are the trips of every service day that the network keeps, and
// the trips that in-seat transfers lead into on any of those days.
func (c *compiler) runs() ([]*run, error) {
	f, n := c.f, c.n
	type svcDay struct {
		svc string
		day int
	}
	on := map[svcDay]bool{}
	runsOn := func(svc string, d int) bool {
		k := svcDay{svc, d}
		v, ok := on[k]
		if !ok {
			v = f.Runs(svc, n.Date.AddDate(0, 0, d))
			on[k] = v
		}
		return v
	}
	shifts := map[*time.Location]map[int]Clock{}
	shiftOf := func(route int32, d int) Clock {
		z := c.zone[route]
		if shifts[z] == nil {
			shifts[z] = map[int]Clock{}
		}
		s, ok := shifts[z][d]
		if !ok {
			s = Clock(serviceOrigin(n.Date.AddDate(0, 0, d), z).Sub(c.midnight) / time.Second)
			shifts[z][d] = s
		}
		return s
	}
	h := n.Opts.Horizon
	var out []*run
	for i := range f.Trips {
		tr := &f.Trips[i]
		ri, ok := c.routeIndex[tr.RouteID]
		if !ok {
			return nil, fmt.Errorf("trip %s: route %s is not in the feed", tr.ID, tr.RouteID)
		}
		for _, st := range tr.StopTimes {
			if _, ok := n.stopIndex[st.StopID]; !ok {
				return nil, fmt.Errorf("trip %s: stop %s is not in the feed", tr.ID, st.StopID)
			}
		}
		first, last := tr.StopTimes[0].Arrival, tr.StopTimes[len(tr.StopTimes)-1].Departure
		for d := -6; d <= 2; d++ {
			if !runsOn(tr.ServiceID, d) {
				continue
			}
			s := shiftOf(ri, d)
			kept := first+s < h && last+s >= 0
			if !kept && !c.inSeatTo[tr.ruleID()] {
				continue
			}
			out = append(out, &run{trip: tr, shift: s, id: tr.ID, route: ri, headsign: tr.Headsign, day: d, kept: kept})
		}
	}
	for i := range f.Frequencies {
		q := &f.Frequencies[i]
		ri, ok := c.routeIndex[q.Trip.RouteID]
		if !ok {
			return nil, fmt.Errorf("trip %s: route %s is not in the feed", q.Trip.ID, q.Trip.RouteID)
		}
		base := q.Trip.StopTimes[0].Departure
		last := q.Trip.StopTimes[len(q.Trip.StopTimes)-1].Departure - base
		for d := -6; d <= 2; d++ {
			if !runsOn(q.Trip.ServiceID, d) {
				continue
			}
			s := shiftOf(ri, d)
			if q.Start+s >= h || q.End+s+last < 0 {
				continue
			}
			out = append(out, &run{trip: &q.Trip, shift: -base, id: q.Trip.ID, route: ri, headsign: q.Trip.Headsign,
				day: d, kept: true, freq: &Frequency{Start: q.Start + s, End: q.End + s, Headway: q.Headway}})
		}
	}
	return out, nil
}

// maxInSeatChain bounds how many trips in-seat transfers join into one
// ride.
const maxInSeatChain = 8

// inSeat joins each kept trip to the trips that in-seat transfers
// (transfer_type 4) continue it into on the same service day, leaving
// its last stop no earlier than it arrives there; chains of such
// transfers are joined too. Riders of a joined run stay aboard: it is one
// vehicle.
func (c *compiler) inSeat(runs []*run) []*run {
	next := map[string][]Transfer{}
	for _, x := range c.f.Transfers {
		if x.Type == TransferInSeat {
			next[x.FromTripID] = append(next[x.FromTripID], x)
		}
	}
	if len(next) == 0 {
		return nil
	}
	byTrip := map[string][]*run{}
	for _, r := range runs {
		if r.freq == nil {
			byTrip[r.trip.ruleID()] = append(byTrip[r.trip.ruleID()], r)
		}
	}
	var out []*run
	var grow func(chain []*run)
	grow = func(chain []*run) {
		last := chain[len(chain)-1]
		lt := last.times()
		end := lt[len(lt)-1]
		for _, x := range next[last.trip.ruleID()] {
			if x.FromStopID != "" && x.FromStopID != end.StopID {
				continue
			}
			for _, r := range byTrip[x.ToTripID] {
				rt := r.times()
				if r.day != last.day || x.ToStopID != "" && x.ToStopID != rt[0].StopID || rt[0].Departure < end.Arrival ||
					len(chain) >= maxInSeatChain || inChain(chain, r) {
					continue
				}
				joined := append(append([]*run(nil), chain...), r)
				out = append(out, c.join(joined))
				grow(joined)
			}
		}
	}
	for _, r := range runs {
		if r.kept && r.freq == nil && len(next[r.trip.ruleID()]) > 0 {
			grow([]*run{r})
		}
	}
	return out
}

func inChain(chain []*run, r *run) bool {
	for _, x := range chain {
		if x == r {
			return true
		}
	}
	return false
}

// join makes one run of trips ridden in one vehicle. Where a trip ends at
// the stop the next begins, the two calls are one: arriving as the first,
// leaving as the next. Elsewhere no one boards at a trip's last stop or
// alights at the next one's first.
func (c *compiler) join(chain []*run) *run {
	out := &run{route: chain[0].route, day: chain[0].day, kept: true, headsign: chain[len(chain)-1].headsign}
	var ids []string
	for k, r := range chain {
		ids = append(ids, r.id)
		for i, st := range r.times() {
			if k > 0 && i == 0 {
				prev := &out.calls[len(out.calls)-1]
				if prev.StopID == st.StopID {
					prev.Departure, prev.Pickup = st.Departure, st.Pickup
					out.callTrip[len(out.callTrip)-1], out.callRte[len(out.callRte)-1] = r.trip.ruleID(), r.route
					continue
				}
				prev.Pickup = NoService
				st.DropOff = NoService
			}
			out.calls = append(out.calls, st)
			out.callTrip = append(out.callTrip, r.trip.ruleID())
			out.callRte = append(out.callRte, r.route)
		}
	}
	out.id = strings.Join(ids, ">")
	return out
}

// key groups runs into patterns: same route, calls, pickup and drop-off
// types, and, where transfer rules name trips, the same trips.
func (c *compiler) key(r *run, times []StopTime) string {
	var b strings.Builder
	fmt.Fprint(&b, r.route)
	if r.callTrip != nil {
		b.WriteString("\x01" + r.id)
	} else if c.named[r.trip.ruleID()] {
		b.WriteString("\x01" + r.trip.ruleID())
	}
	for _, st := range times {
		b.WriteByte(0)
		b.WriteString(st.StopID)
		if st.Pickup != 0 || st.DropOff != 0 {
			b.WriteByte(1 + st.Pickup*4 + st.DropOff)
		}
	}
	return b.String()
}

// build groups the kept runs into patterns and gives each call at a split
// stop a node of its own.
func (c *compiler) build(runs []*run) {
	n := c.n
	n.nodeStop = make([]int32, len(n.Stops))
	c.nodeRoute = make([]int32, len(n.Stops))
	c.nodeTrip = make([]string, len(n.Stops))
	for i := range n.nodeStop {
		n.nodeStop[i], c.nodeRoute[i] = int32(i), -1
	}
	n.stopNodes = map[int32][]int32{}
	groups := map[string][]int{}
	var order []string
	var times [][]StopTime
	var kept []*run
	for _, r := range runs {
		if !r.kept {
			continue
		}
		t := r.times()
		if r.freq != nil {
			c.addPattern(r, []*run{r}, [][]StopTime{t})
			continue
		}
		k := c.key(r, t)
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], len(kept))
		kept = append(kept, r)
		times = append(times, t)
	}
	for _, k := range order {
		idx := groups[k]
		sort.SliceStable(idx, func(a, b int) bool { return times[idx[a]][0].Departure < times[idx[b]][0].Departure })
		var open [][]int
		for _, t := range idx {
			placed := false
			for o, p := range open {
				prev := times[p[len(p)-1]]
				ok := true
				for i, st := range times[t] {
					if st.Arrival < prev[i].Arrival || st.Departure < prev[i].Departure {
						ok = false
						break
					}
				}
				if ok {
					open[o] = append(p, t)
					placed = true
					break
				}
			}
			if !placed {
				open = append(open, []int{t})
			}
		}
		for _, p := range open {
			rs := make([]*run, len(p))
			ts := make([][]StopTime, len(p))
			for i, t := range p {
				rs[i], ts[i] = kept[t], times[t]
			}
			c.addPattern(rs[0], rs, ts)
		}
	}
}

// addPattern adds the pattern of runs (sorted, none overtaking), shaped
// like the first.
func (c *compiler) addPattern(first *run, runs []*run, times [][]StopTime) {
	n := c.n
	calls := times[0]
	p := pattern{route: first.route, stops: make([]int32, len(calls)), pick: make([]uint8, len(calls)),
		drop: make([]uint8, len(calls)), offset: n.events}
	for i, st := range calls {
		s := n.stopIndex[st.StopID]
		p.pick[i], p.drop[i] = st.Pickup, st.DropOff
		if !c.split[s] {
			p.stops[i] = s
			continue
		}
		node := int32(len(n.nodeStop))
		n.nodeStop = append(n.nodeStop, s)
		n.stopNodes[s] = append(n.stopNodes[s], node)
		rte, trip := first.route, ""
		if first.callTrip != nil {
			rte, trip = first.callRte[i], first.callTrip[i]
		} else if c.named[first.trip.ruleID()] {
			trip = first.trip.ruleID()
		}
		c.nodeRoute, c.nodeTrip = append(c.nodeRoute, rte), append(c.nodeTrip, trip)
		p.stops[i] = node
	}
	if first.freq != nil {
		p.start, p.end, p.every = first.freq.Start, first.freq.End, first.freq.Headway
	}
	for k, r := range runs {
		p.trips = append(p.trips, int32(len(n.trips)))
		n.trips = append(n.trips, tripInfo{id: r.id, route: r.route, headsign: r.headsign})
		for _, st := range times[k] {
			p.arr = append(p.arr, st.Arrival)
			p.dep = append(p.dep, st.Departure)
		}
	}
	n.events += int32(len(p.arr))
	n.patterns = append(n.patterns, p)
}

package transit

import (
	"math"
	"sort"

	"github.com/paulmach/orb"
)

// interchangeRadius bounds how far apart stops sharing a name may be and
// still be one interchange: a feed without cities may reuse a name in
// towns far apart.
const interchangeRadius = 1000

// The rules of changing vehicles, which the planner follows and the
// tests' connection-scan oracle states a second time:
//
// A rider who arrives at stop a may board at stop b (a platform each)
// after the time of the most specific row of transfers.txt of types 0-3
// that matches: its from_stop_id is a or a's station, its to_stop_id b or
// b's station, and its route and trip ids, where given, are those of the
// trips alighted and boarded. Rows naming both trips are the most
// specific, then a trip and a route, one trip, both routes, one route,
// none; then a row naming the stops themselves before one naming their
// stations; then the first in the file. Walking in from the origin or
// out to the destination matches only rows that name no route or trip.
//
//   - type 3: one may not change there;
//   - type 1 (timed): the boarded vehicle waits: no time at all;
//   - type 2: min_transfer_time;
//   - type 0, or no row: ChangeTime within one stop; between two stops
//     the walk below, and for a type 0 row where there is none, the
//     straight line walked, at least ChangeTime.
//
// The walk between two stops, without transfers.txt: through the
// pathways of their station when it has pathways (and none when they do
// not join the two); else, for stops sharing a name in a city at most
// interchangeRadius apart, the straight line walked and at least
// InterchangeTime; else, for stops at most FootpathRadius apart or of one
// station, the straight line walked and at least ChangeTime; else none.
// A change is one step: walks are not chained.

// walkPair is the walk between two platforms, without transfers.txt.
func (c *compiler) walkPair(a, b int32) (Clock, bool) {
	n, o := c.n, c.n.Opts
	sa, sb := &n.Stops[a], &n.Stops[b]
	if sa.Parent != "" && sa.Parent == sb.Parent {
		if ways := c.stationWays(n.stopIndex[sa.Parent]); ways != nil {
			t, ok := ways[[2]int32{a, b}]
			return t, ok
		}
	}
	m := meters(sa.Point, sb.Point)
	if sa.Name != "" && sa.Name == sb.Name && sa.City == sb.City && m <= interchangeRadius {
		return max(o.walkTime(m), o.InterchangeTime), true
	}
	if m <= o.FootpathRadius || sa.Parent != "" && sa.Parent == sb.Parent {
		return max(o.walkTime(m), o.ChangeTime), true
	}
	return 0, false
}

// rule is the most specific transfers.txt row for a change from node u
// (at stop a) to node v (at stop b), nil when none applies.
func (c *compiler) rule(a, b, u, v int32) *Transfer {
	var best *Transfer
	score := -1
	rows := c.rules[[2]int32{a, b}]
	for _, i := range rows {
		x := &c.f.Transfers[i]
		scoped := x.FromRouteID != "" || x.ToRouteID != "" || x.FromTripID != "" || x.ToTripID != ""
		fromRoute, toRoute := c.nodeRoute[u], c.nodeRoute[v]
		if scoped && (fromRoute < 0 || toRoute < 0) {
			continue
		}
		if x.FromTripID != "" && x.FromTripID != c.nodeTrip[u] || x.ToTripID != "" && x.ToTripID != c.nodeTrip[v] ||
			x.FromRouteID != "" && x.FromRouteID != c.f.Routes[fromRoute].ID ||
			x.ToRouteID != "" && x.ToRouteID != c.f.Routes[toRoute].ID {
			continue
		}
		s := specificity(x)*10 + c.direct(x.FromStopID, a) + c.direct(x.ToStopID, b)
		if s > score {
			best, score = x, s
		}
	}
	return best
}

// specificity ranks a row by the routes and trips it names, as GTFS
// does: 5 for both trips, 4 for a trip and a route, 3 for one trip, 2
// for both routes, 1 for one route, 0 for none.
func specificity(x *Transfer) int {
	trips, routes := 0, 0
	for _, side := range [][2]string{{x.FromTripID, x.FromRouteID}, {x.ToTripID, x.ToRouteID}} {
		if side[0] != "" {
			trips++
		} else if side[1] != "" {
			routes++
		}
	}
	switch {
	case trips == 2:
		return 5
	case trips == 1 && routes == 1:
		return 4
	case trips == 1:
		return 3
	}
	return routes
}

// direct is 1 when a rule names the stop itself, 0 when its station.
func (c *compiler) direct(ruleStop string, s int32) int {
	if c.n.Stops[s].ID == ruleStop {
		return 1
	}
	return 0
}

// conn is the time to change from node u at stop a to node v at stop b,
// and whether one may (see the rules above).
func (c *compiler) conn(a, b, u, v int32, base Clock, hasBase bool) (Clock, bool) {
	o := c.n.Opts
	x := c.rule(a, b, u, v)
	if x == nil {
		if a == b {
			return o.ChangeTime, true
		}
		return base, hasBase
	}
	switch x.Type {
	case TransferImpossible:
		return 0, false
	case TransferTimed:
		return 0, true
	case TransferMinTime:
		return x.MinTime, true
	}
	switch {
	case a == b:
		return o.ChangeTime, true
	case hasBase:
		return base, true
	}
	return max(o.walkTime(meters(c.n.Stops[a].Point, c.n.Stops[b].Point)), o.ChangeTime), true
}

// routable is a stop vehicles call at, with a place.
func (n *Network) routable(i int32) bool {
	return n.Stops[i].Kind == LocStop && !n.Stops[i].NoPoint
}

// transfers works out the changes between and within stops, for every
// node.
func (c *compiler) transfers() {
	n, o := c.n, c.n.Opts
	n.grid = newGrid(stopPoints(n.Stops), 500)
	nodes := len(n.nodeStop)
	n.change = make([]Clock, nodes)
	for i := range n.change {
		n.change[i] = o.ChangeTime
	}
	paths := make([]map[int32]Clock, nodes)
	seen := map[[2]int32]bool{}
	c.candidatePairs(func(a, b int32) {
		if !seen[[2]int32{a, b}] && n.routable(a) && n.routable(b) {
			seen[[2]int32{a, b}] = true
			c.pairChanges(a, b, paths)
		}
	})
	n.foot, n.footIn = footLists(paths)
}

// candidatePairs calls visit with each pair of stops a change may join:
// a stop with itself and with the stops within reach on foot, the
// platforms of one station with each other, and the pairs a transfer
// rule names. A pair may come more than once.
func (c *compiler) candidatePairs(visit func(a, b int32)) {
	n := c.n
	radius := math.Max(n.Opts.FootpathRadius, interchangeRadius)
	for i := range n.Stops {
		a := int32(i)
		if !n.routable(a) {
			continue
		}
		visit(a, a)
		n.grid.near(n.Stops[i].Point, radius, func(b int32, _ float64) { visit(a, b) })
	}
	for _, plats := range n.children {
		for _, a := range plats {
			for _, b := range plats {
				visit(a, b)
			}
		}
	}
	for k := range c.rules {
		visit(k[0], k[1])
	}
}

// pairChanges works out the change from each node of stop a to each node
// of stop b: within a node it is the node's change time (Never when a
// rule forbids it), between nodes a footpath in paths.
func (c *compiler) pairChanges(a, b int32, paths []map[int32]Clock) {
	n := c.n
	base, hasBase := Clock(0), false
	if a != b {
		base, hasBase = c.walkPair(a, b)
	}
	for _, u := range n.nodesOf(a) {
		for _, v := range n.nodesOf(b) {
			t, ok := c.conn(a, b, u, v, base, hasBase)
			switch {
			case u == v && ok:
				n.change[u] = t
			case u == v:
				n.change[u] = Never
			case ok:
				if paths[u] == nil {
					paths[u] = map[int32]Clock{}
				}
				paths[u][v] = t
			}
		}
	}
}

// footLists turns the footpaths found, by node, into the lists out of
// each node and into it, each in order of the node at its other end.
func footLists(paths []map[int32]Clock) (foot, footIn [][]footpath) {
	foot = make([][]footpath, len(paths))
	footIn = make([][]footpath, len(paths))
	for u, m := range paths {
		for v, d := range m {
			foot[u] = append(foot[u], footpath{v, d})
			footIn[v] = append(footIn[v], footpath{int32(u), d})
		}
	}
	for i := range foot {
		sortFoot(foot[i])
		sortFoot(footIn[i])
	}
	return foot, footIn
}

// sortFoot orders footpaths by target so that plans do not depend on map
// order.
func sortFoot(f []footpath) {
	sort.Slice(f, func(a, b int) bool { return f[a].to < f[b].to })
}

// stopPoints are the places of stops, in order.
func stopPoints(stops []Stop) []orb.Point {
	pts := make([]orb.Point, len(stops))
	for i, s := range stops {
		pts[i] = s.Point
	}
	return pts
}

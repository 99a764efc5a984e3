package csaoracle

import "math"

// side is the run at one end of a change; nil for walking in from the
// origin or out to the destination, where only rules that name no route
// and no trip apply.
func sideRoute(r *run) string {
	if r == nil {
		return ""
	}
	return r.trip.route
}

// conn is the time to change from arriving at stop a (by run from) to
// boarding at stop b (run to), and whether one may.
func (f *Feed) conn(a, b string, from, to *run, o Options) (int, bool) {
	x := f.rule(a, b, from, to)
	base, hasBase := f.walkBetween(a, b, o)
	if x == nil {
		if a == b {
			return o.ChangeTime, true
		}
		return base, hasBase
	}
	switch x.kind {
	case 3:
		return 0, false
	case 1:
		return 0, true
	case 2:
		return x.minTime, true
	}
	if a == b {
		return o.ChangeTime, true
	}
	if hasBase {
		return base, true
	}
	m := f.meters(f.stops[a], f.stops[b])
	return max(walk(m, o), o.ChangeTime), true
}

// rule is the most specific row of transfers.txt (types 0-3) for a
// change, nil when none applies.
func (f *Feed) rule(a, b string, from, to *run) *transferRow {
	var best *transferRow
	bestScore := -1
	for i := range f.transfers {
		x := &f.transfers[i]
		fa, ta, ok := f.ruleApplies(x, a, b, from, to)
		if !ok {
			continue
		}
		score := x.level()*10 + fa + ta
		if score > bestScore {
			best, bestScore = x, score
		}
	}
	return best
}

// ruleApplies reports whether row x (of types 0-3) holds for a change
// from stop a by run from to stop b by run to, and how closely its stops
// match a and b (see stopMatch). A rule that names a route or a trip
// holds only between two runs.
func (f *Feed) ruleApplies(x *transferRow, a, b string, from, to *run) (fa, ta int, ok bool) {
	if x.kind > 3 {
		return 0, 0, false
	}
	fa, ta = f.stopMatch(x.fromStop, a), f.stopMatch(x.toStop, b)
	if fa < 0 || ta < 0 {
		return 0, 0, false
	}
	if (from == nil || to == nil) && (x.fromRoute != "" || x.toRoute != "" || x.fromTrip != "" || x.toTrip != "") {
		return 0, 0, false
	}
	if x.fromTrip != "" && x.fromTrip != from.trip.id || x.toTrip != "" && x.toTrip != to.trip.id ||
		x.fromRoute != "" && x.fromRoute != sideRoute(from) || x.toRoute != "" && x.toRoute != sideRoute(to) {
		return 0, 0, false
	}
	return fa, ta, true
}

// level is how specific a rule is by the runs it names, GTFS's ranking:
// see specificity.
func (x *transferRow) level() int {
	return specificity[runNamed(x.fromTrip, x.fromRoute)][runNamed(x.toTrip, x.toRoute)]
}

// runNamed is what one side of a rule names: 2 a trip, 1 a route, 0
// neither.
func runNamed(trip, route string) int {
	switch {
	case trip != "":
		return 2
	case route != "":
		return 1
	}
	return 0
}

// specificity ranks a rule by what its two sides name (see runNamed):
// two trips 5, a trip and a route 4, one trip 3, two routes 2, one route
// 1, nothing 0.
var specificity = [3][3]int{
	{0, 1, 3},
	{1, 2, 4},
	{3, 4, 5},
}

// stopMatch is 1 when a rule's stop is the stop itself, 0 when it is the
// stop's station, -1 when it is neither.
func (f *Feed) stopMatch(ruleStop, s string) int {
	switch {
	case ruleStop == s:
		return 1
	case ruleStop != "" && f.stops[s] != nil && f.stops[s].parent == ruleStop:
		return 0
	}
	return -1
}

// walkBetween is the walk from platform a to platform b (a ≠ b) that the
// stops' places give, without transfers.txt: through the pathways of
// their station when it has any; else at least the interchange time
// between stops sharing a name up to 1 km apart; else at least the
// change time between stops up to FootpathRadius apart or of one
// station.
func (f *Feed) walkBetween(a, b string, o Options) (int, bool) {
	if a == b {
		return 0, false
	}
	sa, sb := f.stops[a], f.stops[b]
	if sa.parent != "" && sa.parent == sb.parent && f.hasPathways(sa.parent) {
		t := f.throughPathways(a, b, o)
		return t, t != Never
	}
	m := f.meters(sa, sb)
	if m < 0 {
		return 0, false
	}
	if sa.name != "" && sa.name == sb.name && m <= 1000 {
		return max(walk(m, o), o.InterchangeTime), true
	}
	if m <= o.FootpathRadius || sa.parent != "" && sa.parent == sb.parent {
		return max(walk(m, o), o.ChangeTime), true
	}
	return 0, false
}

// neighbours are the stops from which one may change to board at b,
// worked out once per stop (a feed is planned with one Options).
func (f *Feed) neighbours(b string, o Options) []string {
	if out, ok := f.near[b]; ok {
		return out
	}
	out := []string{}
	defer func() { f.near[b] = out }()
	for _, a := range f.stopOrder {
		if f.stops[a].kind != 0 {
			continue
		}
		if a == b {
			out = append(out, a)
			continue
		}
		if _, ok := f.walkBetween(a, b, o); ok {
			out = append(out, a)
			continue
		}
		for _, x := range f.transfers {
			if x.kind <= 2 && f.stopMatch(x.fromStop, a) >= 0 && f.stopMatch(x.toStop, b) >= 0 {
				out = append(out, a)
				break
			}
		}
	}
	return out
}

// station is the station a location belongs to: its parent, or its
// platform's parent for a boarding area.
func (f *Feed) station(id string) string {
	s := f.stops[id]
	if s == nil {
		return ""
	}
	if s.kind == 4 && f.stops[s.parent] != nil {
		return f.stops[s.parent].parent
	}
	return s.parent
}

func (f *Feed) hasPathways(station string) bool {
	for _, p := range f.pathways {
		if f.station(p.from) == station || f.station(p.to) == station {
			return true
		}
	}
	return false
}

// throughPathways is the shortest time from a to b along pathways, a
// platform and its boarding areas being one place; Never when none leads
// there. Bellman-Ford: the station is small.
func (f *Feed) throughPathways(a, b string, o Options) int {
	dist := map[string]int{a: 0}
	get := func(s string) int {
		if d, ok := dist[s]; ok {
			return d
		}
		return Never
	}
	for changed := true; changed; {
		changed = false
		relax := func(u, v string, t int) {
			if d := get(u); d != Never && d+t < get(v) {
				dist[v] = d + t
				changed = true
			}
		}
		for _, p := range f.pathways {
			t := f.pathwayTime(p, o)
			relax(p.from, p.to, t)
			if p.both {
				relax(p.to, p.from, t)
			}
		}
		for _, id := range f.stopOrder {
			if s := f.stops[id]; s.kind == 4 {
				relax(id, s.parent, 0)
				relax(s.parent, id, 0)
			}
		}
	}
	return get(b)
}

// pathwayTime: traversal_time, else length at walking speed, else the
// straight line walked, else a minute.
func (f *Feed) pathwayTime(p pathway, o Options) int {
	switch {
	case p.hasSecs:
		return p.secs
	case p.length > 0:
		return int(math.Ceil(p.length / o.WalkSpeed))
	}
	if m := f.meters(f.stops[p.from], f.stops[p.to]); m >= 0 {
		return walk(m, o)
	}
	return 60
}

// meters is the distance between two located stops (the haversine, on a
// sphere of the WGS84 equatorial radius, as the app measures), -1 when one
// has no place.
func (f *Feed) meters(a, b *stop) float64 {
	if a == nil || b == nil || !a.hasPoint || !b.hasPoint {
		return -1
	}
	rad := func(d float64) float64 { return d * math.Pi / 180.0 }
	la1, la2 := rad(a.lat), rad(b.lat)
	sLat, sLon := math.Sin((la2-la1)/2), math.Sin(rad(b.lon-a.lon)/2)
	h := sLat*sLat + math.Cos(la1)*math.Cos(la2)*sLon*sLon
	return 2 * 6378137.0 * math.Asin(math.Min(1, math.Sqrt(h)))
}

func walk(m float64, o Options) int { return int(math.Ceil(m * o.Detour / o.WalkSpeed)) }

package transit

import "sort"

// Departures are the next departures of one route in one direction from a
// stop.
type Departures struct {
	Route    int    // index into Network.Routes
	Headsign string // where the trips are going
	Terminus int    // the stop where they end
	Times    []Clock
}

// NextDepartures lists, for each route and direction calling at a stop,
// up to per departures at or after from, ordered by the first of them.
func (n *Network) NextDepartures(stopID string, from Clock, per int) []Departures {
	s, ok := n.stopIndex[stopID]
	if !ok {
		return nil
	}
	type key struct {
		route    int32
		headsign string
	}
	found := map[key]*Departures{}
	var order []key
	var calls []patternStop
	for _, u := range n.nodesOf(s) {
		calls = append(calls, n.atStop[u]...)
	}
	for _, ps := range calls {
		p := &n.patterns[ps.pattern]
		ns := int32(len(p.stops))
		if ps.pos == ns-1 || p.every > 0 || p.pick[ps.pos] == NoService {
			continue // trips end here, run without a timetable, or take no one on
		}
		for t := range int32(len(p.trips)) {
			d := p.dep[t*ns+ps.pos]
			if d < from {
				continue
			}
			info := n.trips[p.trips[t]]
			k := key{p.route, info.headsign}
			if k.headsign == "" {
				k.headsign = n.Stops[n.nodeStop[p.stops[ns-1]]].Name
			}
			dep := found[k]
			if dep == nil {
				dep = &Departures{Route: int(p.route), Headsign: k.headsign, Terminus: int(n.nodeStop[p.stops[ns-1]])}
				found[k] = dep
				order = append(order, k)
			}
			dep.Times = append(dep.Times, d)
		}
	}
	out := make([]Departures, 0, len(order))
	for _, k := range order {
		d := found[k]
		sort.Slice(d.Times, func(i, j int) bool { return d.Times[i] < d.Times[j] })
		if len(d.Times) > per {
			d.Times = d.Times[:per]
		}
		out = append(out, *d)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Route != out[j].Route {
			return out[i].Route < out[j].Route
		}
		return out[i].Times[0] < out[j].Times[0]
	})
	return out
}

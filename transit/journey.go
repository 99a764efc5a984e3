package transit

// LegKind tells walking from riding.
type LegKind uint8

// The kinds of leg.
const (
	Walk LegKind = iota
	Ride
)

// Leg is one part of a journey: a walk, or a ride on one trip.
type Leg struct {
	Kind           LegKind
	From, To       int // stop indices; -1 is the query's own origin or destination
	Depart, Arrive Clock
	Meters         float64 // walks from or to a point: the straight-line distance

	// Rides only.
	Route    int    // index into Network.Routes
	TripID   string // the trip's ID in the feed
	Headsign string // where the trip is going
	Terminus int    // the trip's last stop
	Calls    []Call // the stops from boarding to alighting, both included
	// Headway is set for a trip that runs about every Headway without a
	// timetable (GTFS exact_times=0): Depart and Arrive then assume the
	// whole headway is waited.
	Headway Clock
	// Arrange is PhoneAgency or AskDriver when boarding or alighting
	// must be arranged so (GTFS pickup_type, drop_off_type 2 or 3);
	// Regular otherwise.
	Arrange uint8
}

// Call is a stop passed on a ride.
type Call struct {
	Stop               int
	Arrival, Departure Clock
}

// Journey is one way to make a trip.
type Journey struct {
	Depart, Arrive Clock
	Rides          int // vehicles boarded; transfers are Rides-1
	Legs           []Leg
}

// Transfers is the number of changes between vehicles.
func (j Journey) Transfers() int { return max(j.Rides-1, 0) }

// Plan is the answer to a query: the Pareto options, by fewest rides
// first; each later option arrives strictly earlier than the one before.
type Plan struct {
	Options   []Journey
	Estimated bool // the network's timetable is estimated, not published
}

// Earliest is the option that arrives first, if there is one.
func (p Plan) Earliest() (Journey, bool) {
	if len(p.Options) == 0 {
		return Journey{}, false
	}
	return p.Options[len(p.Options)-1], true
}

// Plan finds the journeys for q by RAPTOR: the earliest arrival with at
// most q.MaxTransfers changes, and each option with fewer changes that
// arrives later.
func (n *Network) Plan(q Query) (Plan, error) {
	e, err := n.ends(q)
	if err != nil {
		return Plan{}, err
	}
	r := newRaptor(n, q, e)
	defer r.release()
	r.run()
	plan := Plan{Estimated: n.Estimated}
	for k := 0; k <= r.rounds; k++ {
		if r.targetAt[k] == Never {
			continue
		}
		plan.Options = append(plan.Options, r.journey(k, e))
	}
	return plan, nil
}

// journey rebuilds the round-k option from the labels, from the
// destination back to the origin.
func (r *raptor) journey(k int, e ends) Journey {
	n, q := r.n, r.q
	j := Journey{Arrive: r.targetAt[k], Rides: k}
	if k == 0 {
		j.Depart = q.Depart
		j.Legs = []Leg{{Kind: Walk, From: -1, To: -1, Depart: q.Depart, Arrive: j.Arrive, Meters: e.directMeters}}
		return j
	}
	var rev []Leg
	s := r.targetVia[k]
	if last, ok := r.placeWalk(q.To, s, false, r.arr[k][s], j.Arrive); ok {
		rev = append(rev, last)
	}
	round := k
	for round > 0 {
		leg, bpos := r.rideLeg(round, s)
		rev = append(rev, leg)
		b := r.n.patterns[r.arrPat[round][s]].stops[bpos]
		prev := int(r.arrFrom[round][s])
		from, walk := r.boardFrom[prev][b], r.boardWalk[prev][b]
		if from < 0 {
			if first, ok := r.placeWalk(q.From, b, true, leg.Depart-walk, leg.Depart); ok {
				rev = append(rev, first)
			}
			break
		}
		if n.nodeStop[from] != n.nodeStop[b] {
			at := r.arr[prev][from]
			rev = append(rev, Leg{Kind: Walk, From: n.stopOf(from), To: n.stopOf(b), Depart: at, Arrive: at + walk,
				Meters: meters(n.Stops[n.stopOf(from)].Point, n.Stops[n.stopOf(b)].Point)})
		}
		s, round = from, prev
	}
	for i := len(rev) - 1; i >= 0; i-- {
		j.Legs = append(j.Legs, rev[i])
	}
	j.Depart = j.Legs[0].Depart
	return j
}

// stopOf is the stop a node stands for.
func (n *Network) stopOf(node int32) int { return int(n.nodeStop[node]) }

// placeWalk is the walk between the query's place p and node s: from p
// to s when fromPlace, else from s to p; none when p is the stop of s
// itself.
func (r *raptor) placeWalk(p Place, s int32, fromPlace bool, depart, arrive Clock) (Leg, bool) {
	n := r.n
	i, known := n.stopIndex[p.StopID]
	known = known && p.StopID != ""
	if known && i == n.nodeStop[s] {
		return Leg{}, false
	}
	end := -1
	if known {
		end = int(i)
	}
	stop := n.stopOf(s)
	if fromPlace {
		return Leg{Kind: Walk, From: end, To: stop, Depart: depart, Arrive: arrive,
			Meters: meters(n.placePoint(p), n.Stops[stop].Point)}, true
	}
	return Leg{Kind: Walk, From: stop, To: end, Depart: depart, Arrive: arrive,
		Meters: meters(n.Stops[stop].Point, n.placePoint(p))}, true
}

// rideLeg is the ride that the round's label at node s arrived by, with
// its calls from the boarding to s, and the position in its pattern
// where it was boarded.
func (r *raptor) rideLeg(round int, s int32) (Leg, int32) {
	n := r.n
	p := &n.patterns[r.arrPat[round][s]]
	trip, bpos := r.arrTrip[round][s], r.arrBoard[round][s]
	ns := int32(len(p.stops))
	row, base := trip, Clock(0)
	if p.every > 0 {
		row, base = 0, Clock(trip) // the vehicle's start, added to the pattern's offsets
	}
	leg := Leg{Kind: Ride, From: n.stopOf(p.stops[bpos]), To: n.stopOf(s), Route: int(p.route),
		TripID: n.trips[p.trips[row]].id, Headsign: n.trips[p.trips[row]].headsign,
		Terminus: n.stopOf(p.stops[ns-1]), Depart: base + p.dep[row*ns+bpos], Arrive: r.arr[round][s], Headway: p.every}
	for i := bpos; i < ns; i++ {
		leg.Calls = append(leg.Calls, Call{Stop: n.stopOf(p.stops[i]), Arrival: base + p.arr[row*ns+i], Departure: base + p.dep[row*ns+i]})
		if i > bpos && p.stops[i] == s {
			leg.Arrange = max(arrange(p.pick[bpos]), arrange(p.drop[i]))
			break
		}
	}
	if leg.Headsign == "" {
		leg.Headsign = n.Stops[leg.Terminus].Name
	}
	return leg, bpos
}

// arrange is the arrangement a pickup or drop-off type asks of a rider.
func arrange(t uint8) uint8 {
	if t == PhoneAgency || t == AskDriver {
		return t
	}
	return Regular
}

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
	a := r.arr[k][s]
	if dest, ok := n.stopIndex[q.To.StopID]; !ok || dest != s || q.To.StopID == "" {
		to := -1
		if ok && q.To.StopID != "" {
			to = int(dest)
		}
		rev = append(rev, Leg{Kind: Walk, From: int(s), To: to, Depart: a, Arrive: j.Arrive,
			Meters: meters(n.Stops[s].Point, n.placePoint(q.To))})
	}
	round := k
	for round > 0 {
		p := &n.patterns[r.arrPat[round][s]]
		trip, bpos := r.arrTrip[round][s], r.arrBoard[round][s]
		ns := int32(len(p.stops))
		leg := Leg{Kind: Ride, From: int(p.stops[bpos]), To: int(s), Route: int(p.route),
			TripID: n.trips[p.trips[trip]].id, Headsign: n.trips[p.trips[trip]].headsign,
			Terminus: int(p.stops[ns-1]), Depart: p.dep[trip*ns+bpos], Arrive: r.arr[round][s]}
		for i := bpos; i < ns; i++ {
			leg.Calls = append(leg.Calls, Call{Stop: int(p.stops[i]), Arrival: p.arr[trip*ns+i], Departure: p.dep[trip*ns+i]})
			if p.stops[i] == s && i > bpos {
				break
			}
		}
		if leg.Headsign == "" {
			leg.Headsign = n.Stops[p.stops[ns-1]].Name
		}
		rev = append(rev, leg)
		b := p.stops[bpos]
		prev := int(r.arrFrom[round][s])
		from, walk := r.boardFrom[prev][b], r.boardWalk[prev][b]
		if from < 0 {
			if o, ok := n.stopIndex[q.From.StopID]; !ok || o != b || q.From.StopID == "" {
				fromStop := -1
				if ok && q.From.StopID != "" {
					fromStop = int(o)
				}
				rev = append(rev, Leg{Kind: Walk, From: fromStop, To: int(b), Depart: leg.Depart - walk, Arrive: leg.Depart,
					Meters: meters(n.placePoint(q.From), n.Stops[b].Point)})
			}
			break
		}
		if from != b {
			at := r.arr[prev][from]
			rev = append(rev, Leg{Kind: Walk, From: int(from), To: int(b), Depart: at, Arrive: at + walk,
				Meters: meters(n.Stops[from].Point, n.Stops[b].Point)})
		}
		s, round = from, prev
	}
	for i := len(rev) - 1; i >= 0; i-- {
		j.Legs = append(j.Legs, rev[i])
	}
	j.Depart = j.Legs[0].Depart
	return j
}

package transit

import (
	"errors"
	"fmt"

	"github.com/paulmach/orb"
)

// Place is where a journey starts or ends: a stop of the network, or a
// point (an attraction, a search result, a point on the map).
type Place struct {
	StopID string    // when set, the place is this stop
	Point  orb.Point // otherwise this WGS84 point
	Name   string    // what the user calls it, for display
}

// StopPlace is the place of a stop.
func StopPlace(id string) Place { return Place{StopID: id} }

// PointPlace is the place of a point.
func PointPlace(p orb.Point, name string) Place { return Place{Point: p, Name: name} }

// Query asks for journeys leaving From at Depart to reach To.
type Query struct {
	From, To Place
	Depart   Clock
	// MaxTransfers is K: at most K changes, so at most K+1 vehicles.
	MaxTransfers int
}

// TransferLimit bounds Query.MaxTransfers: no plan has more changes.
const TransferLimit = 1000

// ErrNoStopNearby is returned when a point is farther than
// Options.FarAccessRadius from every stop.
var ErrNoStopNearby = errors.New("no stop within walking distance")

// ErrUnknownStop is returned when a place names a stop the network lacks.
var ErrUnknownStop = errors.New("unknown stop")

// ends are a query's ways into and out of the network: the stops one can
// walk to from the origin and from which one can walk to the destination,
// with the walking times, and the time to walk the whole way (Never when
// too far).
type ends struct {
	access, egress []footpath
	direct         Clock
	directMeters   float64
}

func (n *Network) ends(q Query) (ends, error) {
	var e ends
	var err error
	if e.access, err = n.endpoint(q.From, n.foot); err != nil {
		return e, fmt.Errorf("from: %w", err)
	}
	if e.egress, err = n.endpoint(q.To, n.footIn); err != nil {
		return e, fmt.Errorf("to: %w", err)
	}
	e.direct = Never
	a, b := n.placePoint(q.From), n.placePoint(q.To)
	if q.From.StopID != "" && q.From.StopID == q.To.StopID {
		e.direct = 0
	} else if m := meters(a, b); m <= n.Opts.DirectWalkRadius {
		e.direct, e.directMeters = n.Opts.walkTime(m), m
	}
	return e, nil
}

// placePoint is where a place is: a location without coordinates is
// where its parent is.
func (n *Network) placePoint(p Place) orb.Point {
	i, ok := n.stopIndex[p.StopID]
	if !ok || p.StopID == "" {
		return p.Point
	}
	for range 3 {
		s := &n.Stops[i]
		if !s.NoPoint {
			return s.Point
		}
		if i, ok = n.stopIndex[s.Parent]; !ok {
			break
		}
	}
	return p.Point
}

// endpoint lists the nodes reachable on foot from (or to) a place. A
// stop is reached at once (all its nodes), and the changes leaving it (or
// arriving at it) in their time; a station stands for its platforms. A
// point, or a location of another kind, reaches the stops within
// AccessRadius, or the nearest one within FarAccessRadius.
func (n *Network) endpoint(p Place, paths [][]footpath) ([]footpath, error) {
	if p.StopID != "" {
		i, ok := n.stopIndex[p.StopID]
		if !ok {
			return nil, fmt.Errorf("%w %q", ErrUnknownStop, p.StopID)
		}
		plats := []int32{i}
		switch n.Stops[i].Kind {
		case LocStop:
		case LocStation:
			plats = n.children[i]
		default:
			plats = nil
			p = Place{Point: n.placePoint(p)}
		}
		if plats != nil {
			var out []footpath
			for _, s := range plats {
				for _, u := range n.nodesOf(s) {
					out = append(out, footpath{u, 0})
				}
				out = append(out, paths[s]...)
			}
			sortFoot(out)
			return out, nil
		}
	}
	var out []footpath
	n.grid.near(p.Point, n.Opts.AccessRadius, func(i int32, m float64) {
		if n.routable(i) {
			out = append(out, footpath{i, n.Opts.walkTime(m)})
		}
	})
	if len(out) == 0 {
		for _, i := range n.grid.nearest(p.Point, n.Opts.FarAccessRadius, 8) {
			if n.routable(i) {
				out = append(out, footpath{i, n.Opts.walkTime(meters(p.Point, n.Stops[i].Point))})
				break
			}
		}
		if len(out) == 0 {
			return nil, ErrNoStopNearby
		}
	}
	var all []footpath
	for _, f := range out {
		for _, u := range n.nodesOf(f.to) {
			all = append(all, footpath{u, f.dur})
		}
	}
	sortFoot(all)
	return all, nil
}

package transit

import (
	"sort"

	"github.com/paulmach/orb"
)

// interchangeRadius bounds how far apart stops sharing a name may be and
// still be one interchange: a feed without cities may reuse a name in
// towns far apart.
const interchangeRadius = 1000

// footpaths joins stops within FootpathRadius by walking, makes stops that
// share a name in a city one interchange, sets the change time at each
// stop, then applies the feed's transfers.txt rules.
func (n *Network) footpaths(transfers []Transfer) {
	o := n.Opts
	pts := make([]orb.Point, len(n.Stops))
	for i, s := range n.Stops {
		pts[i] = s.Point
	}
	n.grid = newGrid(pts, 500)
	n.change = make([]Clock, len(n.Stops))
	paths := make([]map[int32]Clock, len(n.Stops))
	add := func(a, b int32, d Clock) {
		if paths[a] == nil {
			paths[a] = map[int32]Clock{}
		}
		paths[a][b] = d
	}
	named := map[[2]string][]int32{}
	for i, s := range n.Stops {
		n.change[i] = o.ChangeTime
		if s.Name != "" {
			k := [2]string{s.City, s.Name}
			named[k] = append(named[k], int32(i))
		}
		n.grid.near(s.Point, o.FootpathRadius, func(j int32, m float64) {
			if j != int32(i) {
				add(int32(i), j, max(o.walkTime(m), 1))
			}
		})
	}
	for _, group := range named {
		for _, a := range group {
			for _, b := range group {
				m := meters(n.Stops[a].Point, n.Stops[b].Point)
				if a != b && m <= interchangeRadius {
					add(a, b, max(o.walkTime(m), o.InterchangeTime))
				}
			}
		}
	}
	for _, t := range transfers {
		a, okA := n.stopIndex[t.FromStopID]
		b, okB := n.stopIndex[t.ToStopID]
		if !okA || !okB {
			continue
		}
		switch {
		case t.Type == TransferMinTime && a == b:
			n.change[a] = max(t.MinTime, 1)
		case t.Type == TransferMinTime:
			add(a, b, max(t.MinTime, 1))
		case t.Type == TransferImpossible && a != b && paths[a] != nil:
			delete(paths[a], b)
		}
	}
	n.foot = make([][]footpath, len(n.Stops))
	n.footIn = make([][]footpath, len(n.Stops))
	for a, m := range paths {
		for b, d := range m {
			n.foot[a] = append(n.foot[a], footpath{b, d})
			n.footIn[b] = append(n.footIn[b], footpath{int32(a), d})
		}
	}
	for i := range n.foot {
		sortFoot(n.foot[i])
		sortFoot(n.footIn[i])
	}
}

// sortFoot orders footpaths by target so that plans do not depend on map
// order.
func sortFoot(f []footpath) {
	sort.Slice(f, func(a, b int) bool { return f[a].to < f[b].to })
}

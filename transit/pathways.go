package transit

import (
	"container/heap"
	"math"
)

// stationWays are the shortest ways through a station's pathways between
// its platforms, nil when the station has no pathways. A platform and its
// boarding areas are one place. A pathway takes its traversal_time, else
// its length at walking speed, else the straight line walked between its
// ends, else a minute.
func (c *compiler) stationWays(station int32) map[[2]int32]Clock {
	if c.ways == nil {
		c.ways = c.allStationWays()
	}
	return c.ways[station]
}

// stationOf is the station a location belongs to, -1 when none.
func (c *compiler) stationOf(i int32) int32 {
	s := &c.n.Stops[i]
	if s.Parent == "" {
		return -1
	}
	p := c.n.stopIndex[s.Parent]
	if s.Kind == LocBoardingArea {
		return c.stationOf(p)
	}
	return p
}

func (c *compiler) allStationWays() map[int32]map[[2]int32]Clock {
	n, o := c.n, c.n.Opts
	edges := map[int32][]footpath{}
	stations := map[int32]bool{}
	for _, p := range c.f.Pathways {
		a, b := n.stopIndex[p.From], n.stopIndex[p.To]
		t := p.TraversalTime
		switch {
		case t > 0:
		case p.Length > 0:
			t = Clock(math.Ceil(p.Length / o.WalkSpeed))
		case !n.Stops[a].NoPoint && !n.Stops[b].NoPoint:
			t = o.walkTime(meters(n.Stops[a].Point, n.Stops[b].Point))
		default:
			t = 60
		}
		edges[a] = append(edges[a], footpath{b, t})
		if p.Bidirectional {
			edges[b] = append(edges[b], footpath{a, t})
		}
		for _, s := range []int32{c.stationOf(a), c.stationOf(b)} {
			if s >= 0 {
				stations[s] = true
			}
		}
	}
	for i, s := range n.Stops {
		if s.Kind == LocBoardingArea && s.Parent != "" {
			a, p := int32(i), n.stopIndex[s.Parent]
			edges[a] = append(edges[a], footpath{p, 0})
			edges[p] = append(edges[p], footpath{a, 0})
		}
	}
	out := map[int32]map[[2]int32]Clock{}
	for st := range stations {
		ways := map[[2]int32]Clock{}
		for _, a := range n.children[st] {
			dist := shortest(a, edges)
			for _, b := range n.children[st] {
				if d, ok := dist[b]; ok && a != b {
					ways[[2]int32{a, b}] = d
				}
			}
		}
		out[st] = ways
	}
	return out
}

// shortest is Dijkstra's search from a over edges.
func shortest(a int32, edges map[int32][]footpath) map[int32]Clock {
	dist := map[int32]Clock{a: 0}
	h := &footHeap{{a, 0}}
	for h.Len() > 0 {
		x := heap.Pop(h).(footpath)
		if x.dur > dist[x.to] {
			continue
		}
		for _, e := range edges[x.to] {
			if d, ok := dist[e.to]; !ok || x.dur+e.dur < d {
				dist[e.to] = x.dur + e.dur
				heap.Push(h, footpath{e.to, x.dur + e.dur})
			}
		}
	}
	return dist
}

// footHeap orders footpaths by time, for Dijkstra's search.
type footHeap []footpath

func (h footHeap) Len() int           { return len(h) }
func (h footHeap) Less(i, j int) bool { return h[i].dur < h[j].dur }
func (h footHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *footHeap) Push(x any)        { *h = append(*h, x.(footpath)) }
func (h *footHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

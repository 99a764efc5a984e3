package transit

import (
	"math"
	"sort"
)

// bruteIndex is the time-expanded graph's structure beyond the patterns:
// the departures at each stop in time order, and the pattern of each
// stop-time slot.
type bruteIndex struct {
	deps     [][]departure
	waitBase []int32 // id of each stop's first waiting node
	slotPat  []int32 // pattern of each slot
	nodes    int32
}

type departure struct {
	t    Clock
	slot int32
}

func (n *Network) bruteGraph() *bruteIndex {
	n.bruteMu.Lock()
	defer n.bruteMu.Unlock()
	if n.brute != nil {
		return n.brute
	}
	nodes := len(n.nodeStop)
	b := &bruteIndex{deps: make([][]departure, nodes), waitBase: make([]int32, nodes),
		slotPat: make([]int32, n.events)}
	for pi, p := range n.patterns {
		ns := int32(len(p.stops))
		for t := range int32(len(p.trips)) {
			for i := range ns {
				slot := p.offset + t*ns + i
				b.slotPat[slot] = int32(pi)
				if i < ns-1 && p.pick[i] != NoService && p.every == 0 {
					b.deps[p.stops[i]] = append(b.deps[p.stops[i]], departure{p.dep[t*ns+i], slot})
				}
			}
		}
	}
	next := 2 * n.events
	for s, d := range b.deps {
		sort.Slice(d, func(i, j int) bool {
			if d[i].t != d[j].t {
				return d[i].t < d[j].t
			}
			return d[i].slot < d[j].slot
		})
		b.waitBase[s] = next
		next += int32(len(d))
	}
	b.nodes = next
	n.brute = b
	return b
}

// BruteForce returns the earliest arrival for q, found by Dijkstra's
// search over the time-expanded graph with the number of vehicles in each
// label, and whether the destination can be reached at all.
//
// The graph has three kinds of node: on board a trip as it arrives at a
// stop, on board as it departs, and waiting at a stop for one of its
// departures. Its edges ride to the next stop, stay on board, get off and
// walk a footpath (or change at the same stop) to wait at a stop, wait for
// the next departure, and board. The graph is implicit: its edges are
// worked out from the timetable as the search reaches them. It plans by
// the same rules as [Network.Plan], but for frequency-based trips
// (exact_times=0), which it does not ride. It is a second search over the
// same compiled network, for benchmarks; the planner's reference in tests
// is the connection-scan oracle over the raw feed.
func (n *Network) BruteForce(q Query) (Clock, bool, error) {
	e, err := n.ends(q)
	if err != nil {
		return Never, false, err
	}
	g := n.bruteGraph()
	maxRides := int16(min(max(q.MaxTransfers, 0), TransferLimit) + 1)
	egress := filled(len(n.nodeStop))
	for _, f := range e.egress {
		egress[f.to] = min(egress[f.to], f.dur)
	}
	best := Never
	if e.direct != Never {
		best = q.Depart + e.direct
	}
	rides := make([]int16, g.nodes)
	for i := range rides {
		rides[i] = math.MaxInt16
	}
	var h nodeHeap
	wait := func(s int32, t Clock, r int16) {
		d := g.deps[s]
		j := sort.Search(len(d), func(j int) bool { return d[j].t >= t })
		if j < len(d) {
			h.push(item{d[j].t, r, g.waitBase[s] + int32(j)})
		}
	}
	for _, f := range e.access {
		wait(f.to, q.Depart+f.dur, 0)
	}
	for h.len() > 0 {
		it := h.pop()
		if it.t >= best {
			break
		}
		if rides[it.node] <= it.rides {
			continue
		}
		rides[it.node] = it.rides
		switch {
		case it.node >= 2*n.events: // waiting at a stop
			s := int32(sort.Search(len(g.waitBase), func(i int) bool { return g.waitBase[i] > it.node })) - 1
			j := it.node - g.waitBase[s]
			d := g.deps[s]
			if int(j)+1 < len(d) {
				h.push(item{d[j+1].t, it.rides, it.node + 1})
			}
			if it.rides < maxRides {
				h.push(item{d[j].t, it.rides + 1, 2*d[j].slot + 1})
			}
		case it.node%2 == 1: // on board, departing
			slot := it.node / 2
			p := &n.patterns[g.slotPat[slot]]
			h.push(item{p.arr[slot+1-p.offset], it.rides, 2 * (slot + 1)})
		default: // on board, arriving
			slot := it.node / 2
			p := &n.patterns[g.slotPat[slot]]
			ns := int32(len(p.stops))
			i := (slot - p.offset) % ns
			s := p.stops[i]
			if i < ns-1 {
				h.push(item{p.dep[slot-p.offset], it.rides, it.node + 1})
			}
			if p.drop[i] == NoService {
				continue
			}
			if egress[s] != Never {
				best = min(best, it.t+egress[s])
			}
			if c := n.change[s]; c != Never {
				wait(s, it.t+c, it.rides)
			}
			for _, f := range n.foot[s] {
				wait(f.to, it.t+f.dur, it.rides)
			}
		}
	}
	return best, best != Never, nil
}

// item is a label of the search: a node reached at a time with a number of
// vehicles.
type item struct {
	t     Clock
	rides int16
	node  int32
}

func (a item) less(b item) bool { return a.t < b.t || a.t == b.t && a.rides < b.rides }

// nodeHeap is a binary min-heap of labels.
type nodeHeap struct{ s []item }

func (h *nodeHeap) len() int { return len(h.s) }

func (h *nodeHeap) push(x item) {
	h.s = append(h.s, x)
	i := len(h.s) - 1
	for i > 0 {
		p := (i - 1) / 2
		if !h.s[i].less(h.s[p]) {
			break
		}
		h.s[i], h.s[p] = h.s[p], h.s[i]
		i = p
	}
}

func (h *nodeHeap) pop() item {
	top := h.s[0]
	last := len(h.s) - 1
	h.s[0] = h.s[last]
	h.s = h.s[:last]
	i := 0
	for {
		l, r, m := 2*i+1, 2*i+2, i
		if l < last && h.s[l].less(h.s[m]) {
			m = l
		}
		if r < last && h.s[r].less(h.s[m]) {
			m = r
		}
		if m == i {
			return top
		}
		h.s[i], h.s[m] = h.s[m], h.s[i]
		i = m
	}
}

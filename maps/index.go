package maps

import (
	"container/heap"
	"math"
	"sort"

	"github.com/paulmach/orb"
)

// Index answers "which k points are nearest to here" over a fixed set of
// WGS84 points. It is a k-d tree over the points as unit vectors in 3-D,
// where straight-line (chord) distance orders points exactly as
// great-circle distance does. It is read-only after NewIndex and safe for
// concurrent use.
type Index struct {
	pts   []orb.Point
	nodes []kdNode // the tree, in an implicit layout: node i splits items[lo:hi]
	items []int    // point indexes, reordered as the tree partitions them
}

type kdNode struct {
	v    [3]float64
	item int
	axis int8
}

// Hit is a point found by a query: its index in the slice given to
// NewIndex and its distance in metres.
type Hit struct {
	Index  int
	Meters float64
}

// NewIndex builds an index over pts. The slice is kept, not copied.
func NewIndex(pts []orb.Point) *Index {
	ix := &Index{pts: pts, items: make([]int, len(pts)), nodes: make([]kdNode, len(pts))}
	vs := make([][3]float64, len(pts))
	for i, p := range pts {
		ix.items[i] = i
		vs[i] = unitVector(p)
	}
	ix.build(vs, 0, len(pts), 0)
	return ix
}

// build puts the median of items[lo:hi] along axis at the node in the
// middle of that range, then builds both halves along the next axis.
func (ix *Index) build(vs [][3]float64, lo, hi, depth int) {
	if lo >= hi {
		return
	}
	axis := depth % 3
	part := ix.items[lo:hi]
	sort.Slice(part, func(a, b int) bool { return vs[part[a]][axis] < vs[part[b]][axis] })
	mid := (lo + hi) / 2
	ix.nodes[mid] = kdNode{v: vs[ix.items[mid]], item: ix.items[mid], axis: int8(axis)}
	ix.build(vs, lo, mid, depth+1)
	ix.build(vs, mid+1, hi, depth+1)
}

// Len is the number of points.
func (ix *Index) Len() int { return len(ix.pts) }

// Nearest returns the k points nearest to p, nearest first, with their
// distances; fewer when the index holds fewer.
func (ix *Index) Nearest(p orb.Point, k int) []Hit {
	if k <= 0 || len(ix.pts) == 0 {
		return nil
	}
	q := unitVector(p)
	h := &hitHeap{}
	ix.search(q, 0, len(ix.nodes), k, h)
	out := make([]Hit, h.Len())
	for i := len(out) - 1; i >= 0; i-- {
		c := heap.Pop(h).(chordHit)
		out[i] = Hit{Index: c.item, Meters: chordToMeters(c.d2)}
	}
	return out
}

func (ix *Index) search(q [3]float64, lo, hi, k int, h *hitHeap) {
	if lo >= hi {
		return
	}
	mid := (lo + hi) / 2
	n := &ix.nodes[mid]
	d := sq(q[0]-n.v[0]) + sq(q[1]-n.v[1]) + sq(q[2]-n.v[2])
	if h.Len() < k {
		heap.Push(h, chordHit{n.item, d})
	} else if d < (*h)[0].d2 {
		(*h)[0] = chordHit{n.item, d}
		heap.Fix(h, 0)
	}
	diff := q[n.axis] - n.v[n.axis]
	near, far := [2]int{lo, mid}, [2]int{mid + 1, hi}
	if diff > 0 {
		near, far = far, near
	}
	ix.search(q, near[0], near[1], k, h)
	if h.Len() < k || diff*diff < (*h)[0].d2 {
		ix.search(q, far[0], far[1], k, h)
	}
}

// NearestBrute is Nearest by measuring the great-circle distance to every
// point and sorting: the baseline the index is tested and measured against.
func NearestBrute(pts []orb.Point, p orb.Point, k int) []Hit {
	all := make([]Hit, len(pts))
	for i, q := range pts {
		all[i] = Hit{Index: i, Meters: Distance(p, q)}
	}
	sort.Slice(all, func(a, b int) bool {
		if all[a].Meters != all[b].Meters {
			return all[a].Meters < all[b].Meters
		}
		return all[a].Index < all[b].Index
	})
	if k < len(all) {
		all = all[:k]
	}
	return all
}

func unitVector(p orb.Point) [3]float64 {
	lon, lat := p.Lon()*math.Pi/180, p.Lat()*math.Pi/180
	return [3]float64{math.Cos(lat) * math.Cos(lon), math.Cos(lat) * math.Sin(lon), math.Sin(lat)}
}

// chordToMeters turns a squared chord length on the unit sphere into a
// great-circle distance.
func chordToMeters(d2 float64) float64 {
	return 2 * earthRadius * math.Asin(math.Min(1, math.Sqrt(d2)/2))
}

func sq(x float64) float64 { return x * x }

// chordHit is a candidate: a point and its squared chord distance.
type chordHit struct {
	item int
	d2   float64
}

// hitHeap is a max-heap on distance: its top is the farthest of the k
// nearest so far.
type hitHeap []chordHit

func (h hitHeap) Len() int { return len(h) }
func (h hitHeap) Less(i, j int) bool {
	if h[i].d2 != h[j].d2 {
		return h[i].d2 > h[j].d2
	}
	return h[i].item > h[j].item
}
func (h hitHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *hitHeap) Push(x any)   { *h = append(*h, x.(chordHit)) }
func (h *hitHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

package maps

import (
	"math"
	"sort"

	"github.com/paulmach/orb"
)

// Index answers "which k points are nearest to here" over a fixed set of
// WGS84 points. It is a k-d tree over the points as unit vectors in 3-D,
// where straight-line (chord) distance orders points exactly as
// great-circle distance does. Each range of the tree is split at its median
// along its widest axis, and ranges of a few points are scanned, which
// keeps it quick on clustered points such as metro stations. It is
// read-only after NewIndex and safe for concurrent use.
type Index struct {
	pts   []orb.Point
	vs    [][3]float64 // unit vectors, in tree order
	items []int        // point indexes, in tree order
	axis  []int8       // for a range split at mid: its axis, stored at mid
}

// leafSize is the largest range the search scans instead of splitting.
const leafSize = 8

// Hit is a point found by a query: its index in the slice given to
// NewIndex and its distance in metres.
type Hit struct {
	Index  int
	Meters float64
}

// NewIndex builds an index over pts. The slice is kept, not copied.
func NewIndex(pts []orb.Point) *Index {
	n := len(pts)
	ix := &Index{pts: pts, vs: make([][3]float64, n), items: make([]int, n), axis: make([]int8, n)}
	for i, p := range pts {
		ix.items[i] = i
		ix.vs[i] = unitVector(p)
	}
	ix.build(0, n)
	return ix
}

// build sorts items[lo:hi] along the axis where they spread most, leaves
// the median at mid, and builds both halves.
func (ix *Index) build(lo, hi int) {
	if hi-lo <= leafSize {
		return
	}
	var minV, maxV [3]float64
	for a := 0; a < 3; a++ {
		minV[a], maxV[a] = math.Inf(1), math.Inf(-1)
	}
	for i := lo; i < hi; i++ {
		for a := 0; a < 3; a++ {
			minV[a], maxV[a] = math.Min(minV[a], ix.vs[i][a]), math.Max(maxV[a], ix.vs[i][a])
		}
	}
	axis := 0
	for a := 1; a < 3; a++ {
		if maxV[a]-minV[a] > maxV[axis]-minV[axis] {
			axis = a
		}
	}
	sort.Sort(byAxis{ix, lo, hi, axis})
	mid := (lo + hi) / 2
	ix.axis[mid] = int8(axis)
	ix.build(lo, mid)
	ix.build(mid+1, hi)
}

// byAxis sorts a range of the tree's vectors and items together.
type byAxis struct {
	ix           *Index
	lo, hi, axis int
}

func (b byAxis) Len() int { return b.hi - b.lo }
func (b byAxis) Less(i, j int) bool {
	return b.ix.vs[b.lo+i][b.axis] < b.ix.vs[b.lo+j][b.axis]
}
func (b byAxis) Swap(i, j int) {
	i, j = b.lo+i, b.lo+j
	b.ix.vs[i], b.ix.vs[j] = b.ix.vs[j], b.ix.vs[i]
	b.ix.items[i], b.ix.items[j] = b.ix.items[j], b.ix.items[i]
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
	h := make(hitHeap, 0, min(k, len(ix.pts)))
	ix.search(q, 0, len(ix.pts), k, &h)
	out := make([]Hit, len(h))
	for i := len(out) - 1; i >= 0; i-- {
		c := h.pop()
		out[i] = Hit{Index: c.item, Meters: chordToMeters(c.d2)}
	}
	return out
}

// offer puts point i of the tree into the heap if it is among the k
// nearest so far.
func (ix *Index) offer(q [3]float64, i, k int, h *hitHeap) {
	v := &ix.vs[i]
	d := sq(q[0]-v[0]) + sq(q[1]-v[1]) + sq(q[2]-v[2])
	c := chordHit{ix.items[i], d}
	if len(*h) < k {
		h.push(c)
	} else if farther((*h)[0], c) {
		(*h)[0] = c
		h.down(0)
	}
}

func (ix *Index) search(q [3]float64, lo, hi, k int, h *hitHeap) {
	if hi-lo <= leafSize {
		for i := lo; i < hi; i++ {
			ix.offer(q, i, k, h)
		}
		return
	}
	mid := (lo + hi) / 2
	axis := ix.axis[mid]
	ix.offer(q, mid, k, h)
	diff := q[axis] - ix.vs[mid][axis]
	nearLo, nearHi, farLo, farHi := lo, mid, mid+1, hi
	if diff > 0 {
		nearLo, nearHi, farLo, farHi = mid+1, hi, lo, mid
	}
	ix.search(q, nearLo, nearHi, k, h)
	if len(*h) < k || diff*diff <= (*h)[0].d2 {
		ix.search(q, farLo, farHi, k, h)
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
	return 2 * orb.EarthRadius * math.Asin(math.Min(1, math.Sqrt(d2)/2)) // the sphere of Distance
}

func sq(x float64) float64 { return x * x }

// chordHit is a candidate: a point and its squared chord distance.
type chordHit struct {
	item int
	d2   float64
}

// hitHeap is a max-heap on distance: its top is the farthest of the k
// nearest so far. It is written out rather than using container/heap so
// that a query allocates nothing but its heap and its answer.
type hitHeap []chordHit

// farther orders the heap: by distance, then by point index.
func farther(a, b chordHit) bool {
	if a.d2 != b.d2 {
		return a.d2 > b.d2
	}
	return a.item > b.item
}

func (h *hitHeap) push(c chordHit) {
	*h = append(*h, c)
	s := *h
	for i := len(s) - 1; i > 0; {
		parent := (i - 1) / 2
		if !farther(s[i], s[parent]) {
			break
		}
		s[i], s[parent] = s[parent], s[i]
		i = parent
	}
}

func (h *hitHeap) down(i int) {
	s := *h
	for {
		l, big := 2*i+1, i
		if l < len(s) && farther(s[l], s[big]) {
			big = l
		}
		if r := l + 1; r < len(s) && farther(s[r], s[big]) {
			big = r
		}
		if big == i {
			return
		}
		s[i], s[big] = s[big], s[i]
		i = big
	}
}

func (h *hitHeap) pop() chordHit {
	s := *h
	top := s[0]
	s[0] = s[len(s)-1]
	*h = s[:len(s)-1]
	h.down(0)
	return top
}

package transit

// raptor is the working state of one RAPTOR query. Round r holds the
// journeys with r vehicles; round 0 is walking from the origin.
type raptor struct {
	n      *Network
	q      Query
	rounds int

	bestArr    []Clock // earliest arrival by vehicle at each stop, over all rounds
	boardBest  []Clock // earliest time one can board at each stop, so far
	boardRound []int8  // the round that set boardBest

	board     [][]Clock // per round: boarding time set in that round
	boardFrom [][]int32 // per round: the stop walked from (-1: the origin)
	boardWalk [][]Clock // per round: the walk's (or change's) time

	arr      [][]Clock // per round ≥ 1: arrival set in that round
	arrPat   [][]int32 // the pattern ridden
	arrTrip  [][]int32 // the trip's position in the pattern
	arrBoard [][]int32 // the position in the pattern where it was boarded
	arrFrom  [][]int8  // the round of the boarding label used

	egress []Clock // walk from each stop to the destination; Never if none

	target    Clock   // best arrival at the destination so far
	targetAt  []Clock // per round: the arrival it improved to, or Never
	targetVia []int32 // per round: the stop walked from (-1: walked all the way)

	marked    []bool
	markedAll []int32
	patFrom   []int32 // per pattern: earliest marked position, or -1
}

func newRaptor(n *Network, q Query, e ends) *raptor {
	k := q.MaxTransfers
	if k < 0 {
		k = 0
	}
	rounds := k + 1
	ns := len(n.Stops)
	r := &raptor{n: n, q: q, rounds: rounds,
		bestArr: filled(ns), boardBest: filled(ns), boardRound: make([]int8, ns),
		egress: filled(ns), target: Never, marked: make([]bool, ns),
		patFrom: make([]int32, len(n.patterns)),
	}
	for i := range r.patFrom {
		r.patFrom[i] = -1
	}
	r.targetAt = make([]Clock, rounds+1)
	r.targetVia = make([]int32, rounds+1)
	for i := range r.targetAt {
		r.targetAt[i], r.targetVia[i] = Never, -1
	}
	for _, f := range e.egress {
		r.egress[f.to] = min(r.egress[f.to], f.dur)
	}
	if e.direct != Never {
		r.target = q.Depart + e.direct
		r.targetAt[0] = r.target
	}
	r.board = make([][]Clock, rounds+1)
	r.boardFrom = make([][]int32, rounds+1)
	r.boardWalk = make([][]Clock, rounds+1)
	r.arr = make([][]Clock, rounds+1)
	r.arrPat = make([][]int32, rounds+1)
	r.arrTrip = make([][]int32, rounds+1)
	r.arrBoard = make([][]int32, rounds+1)
	r.arrFrom = make([][]int8, rounds+1)
	r.allocRound(0)
	for _, f := range e.access {
		r.relaxBoard(0, f.to, q.Depart+f.dur, -1, f.dur)
	}
	return r
}

func filled(n int) []Clock {
	s := make([]Clock, n)
	for i := range s {
		s[i] = Never
	}
	return s
}

func (r *raptor) allocRound(k int) {
	ns := len(r.n.Stops)
	r.board[k], r.boardFrom[k], r.boardWalk[k] = filled(ns), make([]int32, ns), make([]Clock, ns)
	if k > 0 {
		r.arr[k], r.arrPat[k], r.arrTrip[k] = filled(ns), make([]int32, ns), make([]int32, ns)
		r.arrBoard[k], r.arrFrom[k] = make([]int32, ns), make([]int8, ns)
	}
}

// relaxBoard records that one can board at stop s at time t in round k.
func (r *raptor) relaxBoard(k int, s int32, t Clock, from int32, walk Clock) {
	if t >= r.boardBest[s] || t >= r.target {
		return
	}
	r.boardBest[s], r.boardRound[s] = t, int8(k)
	r.board[k][s], r.boardFrom[k][s], r.boardWalk[k][s] = t, from, walk
	if !r.marked[s] {
		r.marked[s] = true
		r.markedAll = append(r.markedAll, s)
	}
}

// run performs the rounds.
func (r *raptor) run() {
	for k := 1; k <= r.rounds && len(r.markedAll) > 0; k++ {
		r.allocRound(k)
		queue := r.collect()
		var improved []int32
		for _, pi := range queue {
			improved = r.scan(k, pi, improved)
		}
		for _, s := range improved {
			a := r.arr[k][s]
			r.relaxBoard(k, s, a+r.n.change[s], s, r.n.change[s])
			for _, f := range r.n.foot[s] {
				r.relaxBoard(k, f.to, a+f.dur, s, f.dur)
			}
		}
	}
}

// collect turns the marked stops into the patterns to scan, each from its
// earliest marked position, and clears the marks.
func (r *raptor) collect() []int32 {
	var queue []int32
	for _, s := range r.markedAll {
		r.marked[s] = false
		for _, ps := range r.n.atStop[s] {
			switch from := r.patFrom[ps.pattern]; {
			case from < 0:
				queue = append(queue, ps.pattern)
				r.patFrom[ps.pattern] = ps.pos
			case ps.pos < from:
				r.patFrom[ps.pattern] = ps.pos
			}
		}
	}
	r.markedAll = r.markedAll[:0]
	return queue
}

// scan rides one pattern in round k from its earliest marked stop,
// catching the earliest trip it can and changing to an earlier one when a
// later stop allows it.
func (r *raptor) scan(k int, pi int32, improved []int32) []int32 {
	p := &r.n.patterns[pi]
	ns := int32(len(p.stops))
	nt := int32(len(p.trips))
	from := r.patFrom[pi]
	r.patFrom[pi] = -1
	trip, boardPos := int32(-1), int32(-1)
	var boardRound int8
	for i := from; i < ns; i++ {
		s := p.stops[i]
		if trip >= 0 {
			a := p.arr[trip*ns+i]
			if a < r.bestArr[s] && a < r.target {
				if r.arr[k][s] == Never {
					improved = append(improved, s)
				}
				r.bestArr[s] = a
				r.arr[k][s], r.arrPat[k][s], r.arrTrip[k][s] = a, pi, trip
				r.arrBoard[k][s], r.arrFrom[k][s] = boardPos, boardRound
				if e := r.egress[s]; e != Never && a+e < r.target {
					r.target = a + e
					r.targetAt[k], r.targetVia[k] = r.target, s
				}
			}
		}
		b := r.boardBest[s]
		if i == ns-1 || b == Never || int(r.boardRound[s]) >= k {
			continue
		}
		if trip >= 0 && b > p.dep[trip*ns+i] {
			continue
		}
		hi := nt
		if trip >= 0 {
			hi = trip
		}
		// The earliest trip in [0, hi) leaving stop i at or after b.
		lo, top := int32(0), hi
		for lo < top {
			mid := (lo + top) / 2
			if p.dep[mid*ns+i] >= b {
				top = mid
			} else {
				lo = mid + 1
			}
		}
		if lo < hi {
			trip, boardPos, boardRound = lo, i, r.boardRound[s]
		}
	}
	return improved
}

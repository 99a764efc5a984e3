package transit

// raptor is the working state of one RAPTOR query. Round r holds the
// journeys with r vehicles; round 0 is walking from the origin.
type raptor struct {
	n      *Network
	q      Query
	rounds int

	bestArr    []Clock // earliest arrival by vehicle at each stop, over all rounds
	boardBest  []Clock // earliest time one can board at each stop, so far
	boardRound []int16 // the round that set boardBest

	board     [][]Clock // per round: boarding time set in that round
	boardFrom [][]int32 // per round: the stop walked from (-1: the origin)
	boardWalk [][]Clock // per round: the walk's (or change's) time

	arr      [][]Clock // per round ≥ 1: arrival set in that round
	arrPat   [][]int32 // the pattern ridden
	arrTrip  [][]int32 // the trip's position in the pattern; in a frequency pattern, the vehicle's start
	arrBoard [][]int32 // the position in the pattern where it was boarded
	arrFrom  [][]int16 // the round of the boarding label used

	egress   []Clock // walk from each stop to the destination; Never if none
	egressAt []int32 // the stops with an egress

	dirty    []bool    // bestArr or boardBest changed in this query
	touched  []int32   // the stops that are dirty
	boardSet [][]int32 // per round: the stops with a board label
	arrSet   [][]int32 // per round: the stops with an arrival label

	target    Clock   // best arrival at the destination so far
	targetAt  []Clock // per round: the arrival it improved to, or Never
	targetVia []int32 // per round: the stop walked from (-1: walked all the way)

	marked    []bool
	markedAll []int32
	patFrom   []int32 // per pattern: earliest marked position, or -1
}

// newRaptor takes a cleared state from the network's pool and sets it up
// for q. Arrays are as long as the network has stops and are reset after
// each query only where the query wrote, so a query costs what it touches.
func newRaptor(n *Network, q Query, e ends) *raptor {
	r := n.spare.Swap(nil)
	if r == nil {
		r, _ = n.pool.Get().(*raptor)
	}
	if r == nil {
		ns := len(n.nodeStop)
		r = &raptor{n: n, bestArr: filled(ns), boardBest: filled(ns), boardRound: make([]int16, ns),
			egress: filled(ns), marked: make([]bool, ns), dirty: make([]bool, ns),
			patFrom: make([]int32, len(n.patterns))}
		for i := range r.patFrom {
			r.patFrom[i] = -1
		}
	}
	r.q = q
	r.rounds = min(max(q.MaxTransfers, 0), TransferLimit) + 1
	r.target = Never
	if len(r.board) == 0 {
		r.addRound()
	}
	r.targetAt = r.targetAt[:0]
	r.targetVia = r.targetVia[:0]
	for range r.rounds + 1 {
		r.targetAt = append(r.targetAt, Never)
		r.targetVia = append(r.targetVia, -1)
	}
	r.egressAt = r.egressAt[:0]
	for _, f := range e.egress {
		r.egress[f.to] = min(r.egress[f.to], f.dur)
		r.egressAt = append(r.egressAt, f.to)
	}
	if e.direct != Never {
		r.target = q.Depart + e.direct
		r.targetAt[0] = r.target
	}
	for _, f := range e.access {
		r.relaxBoard(0, f.to, q.Depart+f.dur, -1, f.dur)
	}
	return r
}

// release clears what the query wrote and returns the state to the pool.
func (r *raptor) release() {
	for _, s := range r.touched {
		r.bestArr[s], r.boardBest[s], r.dirty[s] = Never, Never, false
	}
	r.touched = r.touched[:0]
	for k := range r.board {
		for _, s := range r.boardSet[k] {
			r.board[k][s] = Never
		}
		for _, s := range r.arrSet[k] {
			r.arr[k][s] = Never
		}
		r.boardSet[k], r.arrSet[k] = r.boardSet[k][:0], r.arrSet[k][:0]
	}
	for _, s := range r.egressAt {
		r.egress[s] = Never
	}
	for _, s := range r.markedAll {
		r.marked[s] = false
	}
	r.markedAll = r.markedAll[:0]
	if !r.n.spare.CompareAndSwap(nil, r) {
		r.n.pool.Put(r)
	}
}

func filled(n int) []Clock {
	s := make([]Clock, n)
	for i := range s {
		s[i] = Never
	}
	return s
}

// addRound makes the arrays of one more round.
func (r *raptor) addRound() {
	ns := len(r.n.nodeStop)
	r.board = append(r.board, filled(ns))
	r.boardFrom = append(r.boardFrom, make([]int32, ns))
	r.boardWalk = append(r.boardWalk, make([]Clock, ns))
	r.arr = append(r.arr, filled(ns))
	r.arrPat = append(r.arrPat, make([]int32, ns))
	r.arrTrip = append(r.arrTrip, make([]int32, ns))
	r.arrBoard = append(r.arrBoard, make([]int32, ns))
	r.arrFrom = append(r.arrFrom, make([]int16, ns))
	r.boardSet = append(r.boardSet, nil)
	r.arrSet = append(r.arrSet, nil)
}

// touch notes that a stop's best labels are about to change.
func (r *raptor) touch(s int32) {
	if !r.dirty[s] {
		r.dirty[s] = true
		r.touched = append(r.touched, s)
	}
}

// relaxBoard records that one can board at stop s at time t in round k.
func (r *raptor) relaxBoard(k int, s int32, t Clock, from int32, walk Clock) {
	if t >= r.boardBest[s] || t >= r.target {
		return
	}
	r.touch(s)
	r.boardBest[s], r.boardRound[s] = t, int16(k)
	if r.board[k][s] == Never {
		r.boardSet[k] = append(r.boardSet[k], s)
	}
	r.board[k][s], r.boardFrom[k][s], r.boardWalk[k][s] = t, from, walk
	if !r.marked[s] {
		r.marked[s] = true
		r.markedAll = append(r.markedAll, s)
	}
}

// run performs the rounds.
func (r *raptor) run() {
	for k := 1; k <= r.rounds && len(r.markedAll) > 0; k++ {
		for len(r.board) <= k {
			r.addRound()
		}
		queue := r.collect()
		var improved []int32
		for _, pi := range queue {
			if r.n.patterns[pi].every > 0 {
				improved = r.scanFrequency(k, pi, improved)
			} else {
				improved = r.scan(k, pi, improved)
			}
		}
		for _, s := range improved {
			a := r.arr[k][s]
			if c := r.n.change[s]; c != Never {
				r.relaxBoard(k, s, a+c, s, c)
			}
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
	var boardRound int16
	for i := from; i < ns; i++ {
		s := p.stops[i]
		if trip >= 0 && p.drop[i] != NoService {
			improved = r.arrive(k, s, p.arr[trip*ns+i], pi, trip, boardPos, boardRound, improved)
		}
		b := r.boardBest[s]
		if i == ns-1 || b == Never || int(r.boardRound[s]) >= k || p.pick[i] == NoService {
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

// arrive records reaching node s at a in round k, if that is better.
func (r *raptor) arrive(k int, s int32, a Clock, pi, trip, boardPos int32, boardRound int16, improved []int32) []int32 {
	if a >= r.bestArr[s] || a >= r.target {
		return improved
	}
	if r.arr[k][s] == Never {
		improved = append(improved, s)
		r.arrSet[k] = append(r.arrSet[k], s)
	}
	r.touch(s)
	r.bestArr[s] = a
	r.arr[k][s], r.arrPat[k][s], r.arrTrip[k][s] = a, pi, trip
	r.arrBoard[k][s], r.arrFrom[k][s] = boardPos, boardRound
	if e := r.egress[s]; e != Never && a+e < r.target {
		r.target = a + e
		r.targetAt[k], r.targetVia[k] = r.target, s
	}
	return improved
}

// scanFrequency rides a frequency pattern (exact_times=0) in round k. A
// rider ready at a stop at b waits the whole headway for a vehicle,
// unless the window's first vehicle has not passed yet: the vehicle
// leaves the first stop at start when b is no later than start plus the
// time to that stop, else at b less that time plus the headway, and only
// before end.
func (r *raptor) scanFrequency(k int, pi int32, improved []int32) []int32 {
	p := &r.n.patterns[pi]
	ns := int32(len(p.stops))
	from := r.patFrom[pi]
	r.patFrom[pi] = -1
	vehicle, boardPos := Never, int32(-1)
	var boardRound int16
	for i := from; i < ns; i++ {
		s := p.stops[i]
		if vehicle != Never && p.drop[i] != NoService {
			improved = r.arrive(k, s, vehicle+p.arr[i], pi, int32(vehicle), boardPos, boardRound, improved)
		}
		b := r.boardBest[s]
		if i == ns-1 || b == Never || int(r.boardRound[s]) >= k || p.pick[i] == NoService {
			continue
		}
		v := p.start
		if b-p.dep[i] > p.start {
			v = b - p.dep[i] + p.every
		}
		if v < p.end && v < vehicle {
			vehicle, boardPos, boardRound = v, i, r.boardRound[s]
		}
	}
	return improved
}

package csaoracle

import (
	"math"
	"time"
)

// Never is a time not reached.
const Never = math.MaxInt32

// run is one trip on one service day, its times counted from the query
// day's midnight in China.
type run struct {
	trip  *trip
	day   int // service day, relative to the query day
	times []stopTime
	// A frequency-based run (exact_times=0) has every > 0: times are
	// offsets from its first departure, and vehicles leave the first stop
	// at any time in [start, end).
	start, end, every int
	kept              bool // within the horizon: boardable
}

func (r *run) last() int { return len(r.times) - 1 }

// china is the zone of the query's day and times.
var china = time.FixedZone("CST", 8*3600)

// runs expands every trip over the service days around the query date.
func (f *Feed) runs(date time.Time, o Options) []*run {
	midnight := time.Date(date.Year(), date.Month(), date.Day(), 0, 0, 0, 0, china)
	templates := map[string]bool{}
	for _, q := range f.freqs {
		templates[q.trip] = true
	}
	var out []*run
	for d := -6; d <= 2; d++ {
		day := time.Date(date.Year(), date.Month(), date.Day()+d, 12, 0, 0, 0, time.UTC)
		origin := time.Date(day.Year(), day.Month(), day.Day(), 12, 0, 0, 0, f.zone).Add(-12 * time.Hour)
		shift := int(origin.Sub(midnight) / time.Second)
		for _, id := range f.tripOrder {
			t := f.trips[id]
			if len(t.times) < 2 || templates[id] || !f.runsOn(t.service, day) {
				continue
			}
			out = append(out, shifted(t, d, t.times, shift, o))
		}
		for _, q := range f.freqs {
			t := f.trips[q.trip]
			if t == nil || len(t.times) < 2 || !f.runsOn(t.service, day) {
				continue
			}
			base := t.times[0].dep
			if q.exact {
				for s := q.start; s < q.end; s += q.every {
					out = append(out, shifted(t, d, t.times, shift+s-base, o))
				}
				continue
			}
			r := shifted(t, d, t.times, -base, o)
			r.start, r.end, r.every = q.start+shift, q.end+shift, q.every
			r.kept = r.start < o.Horizon && r.end+r.times[r.last()].dep >= 0
			out = append(out, r)
		}
	}
	return out
}

func shifted(t *trip, day int, times []stopTime, by int, o Options) *run {
	r := &run{trip: t, day: day, times: make([]stopTime, len(times))}
	for i, st := range times {
		st.arr += by
		st.dep += by
		r.times[i] = st
	}
	r.kept = r.times[0].arr < o.Horizon && r.times[r.last()].dep >= 0
	return r
}

// event is an arrival at a stop, by a run (nil at the origin).
type event struct {
	stop string
	at   int
	by   *run
}

// Plan answers a query from one stop or station to another, leaving at
// depart seconds after midnight (China time) of date, with at most
// maxRides vehicles: the earliest arrival with at most k vehicles for each
// k from 0 to maxRides (Never when none).
func (f *Feed) Plan(from, to string, date time.Time, depart, maxRides int, o Options) []int {
	runs := f.runs(date, o)
	origins, dests := f.platforms(from), f.platforms(to)
	best := make([]int, maxRides+1)
	best[0] = Never
	if from == to {
		best[0] = depart
	} else if m := f.meters(f.stops[from], f.stops[to]); m >= 0 && m <= o.DirectWalkRadius {
		best[0] = depart + walk(m, o)
	}
	var layer []event
	for _, p := range origins {
		layer = append(layer, event{p, depart, nil})
	}
	for k := 1; k <= maxRides; k++ {
		best[k] = best[k-1]
		layer = f.ride(runs, layer, o)
		for _, e := range layer {
			for _, d := range dests {
				if t, ok := f.conn(e.stop, d, nil, nil, o); ok && e.stop != d {
					best[k] = min(best[k], e.at+t)
				} else if e.stop == d {
					best[k] = min(best[k], e.at)
				}
			}
		}
	}
	return best
}

// platforms are the stops a place stands for: a stop itself, a station's
// platforms.
func (f *Feed) platforms(id string) []string {
	s := f.stops[id]
	if s == nil || s.kind == 0 {
		return []string{id}
	}
	var out []string
	for _, c := range f.stopOrder {
		if f.stops[c].parent == id && f.stops[c].kind == 0 {
			out = append(out, c)
		}
	}
	return out
}

// ride boards every run it can from the arrivals of the previous layer
// and returns the arrivals of this one.
func (f *Feed) ride(runs []*run, prev []event, o Options) []event {
	byStop := map[string][]event{}
	for _, e := range prev {
		byStop[e.stop] = append(byStop[e.stop], e)
	}
	board := map[*run]int{}   // exact runs: the first position boarded
	start := map[*run][]int{} // frequency runs: the earliest vehicle boardable at each position
	for _, r := range runs {
		if r.kept {
			f.boardRun(r, byStop, o, board, start)
		}
	}
	f.inSeat(runs, board)
	return arrivals(board, start)
}

// boardRun boards run r at the first position where a rider of the
// previous layer (byStop) can catch it, into board; a frequency run, at
// every position where one can, with the earliest vehicle, into start.
func (f *Feed) boardRun(r *run, byStop map[string][]event, o Options, board map[*run]int, start map[*run][]int) {
	for i := 0; i < r.last(); i++ {
		st := r.times[i]
		if st.pickup == 1 {
			continue
		}
		ready := f.readyAt(st.stop, r, byStop, o)
		if ready == Never {
			continue
		}
		if r.every == 0 {
			if ready <= st.dep {
				board[r] = i
				break
			}
			continue
		}
		// The rider waits the whole headway, unless the first vehicle of
		// the window has not left yet.
		s := r.start
		if ready-st.dep > r.start {
			s = ready - st.dep + r.every
		}
		if s < r.end {
			if start[r] == nil {
				start[r] = make([]int, len(r.times))
				for j := range start[r] {
					start[r][j] = Never
				}
			}
			start[r][i] = s
		}
	}
}

// readyAt is the earliest time a rider of the previous layer (byStop)
// can be ready to board run r at stop, after any change; Never if none
// can.
func (f *Feed) readyAt(stop string, r *run, byStop map[string][]event, o Options) int {
	ready := Never
	for _, a := range f.neighbours(stop, o) {
		for _, e := range byStop[a] {
			var t int
			var ok bool
			if e.by == nil && a == stop {
				t, ok = 0, true
			} else if e.by == nil {
				t, ok = f.conn(a, stop, nil, nil, o)
			} else {
				t, ok = f.conn(a, stop, e.by, r, o)
			}
			if ok {
				ready = min(ready, e.at+t)
			}
		}
	}
	return ready
}

// arrivals are the arrivals at every later stop where one may alight of
// the runs boarded: exact runs from the position in board, frequency runs
// by the earliest vehicle boarded at or before each stop.
func arrivals(board map[*run]int, start map[*run][]int) []event {
	var out []event
	for r, i := range board {
		for j := i + 1; j <= r.last(); j++ {
			if r.times[j].dropOf != 1 {
				out = append(out, event{r.times[j].stop, r.times[j].arr, r})
			}
		}
	}
	for r, s := range start {
		v := Never
		for j := range r.times {
			if v != Never && r.times[j].dropOf != 1 {
				out = append(out, event{r.times[j].stop, v + r.times[j].arr, r})
			}
			v = min(v, s[j])
		}
	}
	return out
}

// inSeat lets riders stay aboard from a run to the runs that continue it
// (transfer_type 4) on the same service day, as often as the rules chain.
func (f *Feed) inSeat(runs []*run, board map[*run]int) {
	for changed := true; changed; {
		changed = false
		for r := range board {
			if r.every != 0 {
				continue
			}
			for _, x := range f.transfers {
				if x.kind != 4 || x.fromTrip != r.trip.id || x.fromStop != "" && x.fromStop != r.times[r.last()].stop {
					continue
				}
				for _, n := range runs {
					if n.trip.id != x.toTrip || n.day != r.day || n.every != 0 || x.toStop != "" && x.toStop != n.times[0].stop ||
						n.times[0].dep < r.times[r.last()].arr {
						continue
					}
					if p, ok := board[n]; !ok || p > 0 {
						board[n] = 0
						changed = true
					}
				}
			}
		}
	}
}

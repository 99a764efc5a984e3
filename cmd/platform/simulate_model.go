package main

import (
	"math"
	"math/rand/v2"
	"sort"

	"jiangsupass/platform"
)

// The generated day simulate-day plays. Nothing in it is observed: the
// shape of the day, each area's peak and the size of each group are made
// up by the rules below, and the command says so.

// peakShares are the peaks of the day, as shares of the instantaneous
// capacity, handed out to the areas in a shuffled order: a holiday on
// which a few areas fill (饱和), some are crowded (拥挤) and most are
// comfortable.
var peakShares = []float64{1.12, 1.03, 0.94, 0.86, 0.81, 0.74, 0.66, 0.58, 0.52, 0.47, 0.42, 0.38, 0.34, 0.3, 0.27, 0.24, 0.2}

// Group sizes: each admission is a group on one ticket, of groupMin to
// groupMax visitors (platform.MaxGateVisitors at most).
const (
	groupMin = 40
	groupMax = 100
)

// shape is how busy the gates are at a minute of the day, relative: a
// morning peak at 10:00, an afternoon one at 14:30, and a trickle.
func shape(minute int) float64 {
	m := float64(minute)
	return 0.15 + math.Exp(-math.Pow((m-600)/70, 2)) + 0.85*math.Exp(-math.Pow((m-870)/85, 2))
}

// simArea is one area's part of the day.
type simArea struct {
	level platform.CrowdLevel
	peak  float64 // the share of the instantaneous capacity in the area at the busiest minute
	// window is how many simulated minutes of admissions the server
	// counts as in the area: the visit, where exits are counted (the sim
	// sends them), else the area's dwell time in simulated minutes.
	window int
	rate   float64 // visitors a minute at shape 1
	carry  float64 // visitors due but not yet sent as a group
}

// newSimAreas gives each area its peak and its arrival rate, so that the
// visitors the server counts in it at the busiest minute of [from, to)
// come to its peak share of its capacity.
func newSimAreas(levels []platform.CrowdLevel, from, to, visit int, speed float64, rng *rand.Rand) []*simArea {
	order := rng.Perm(len(levels))
	out := make([]*simArea, len(levels))
	for i, l := range levels {
		a := &simArea{level: l, peak: peakShares[order[i]%len(peakShares)], window: visit}
		if l.Estimated { // the server counts admissions within the dwell time, in real minutes
			a.window = int(math.Min(float64(to-from), float64(l.DwellMinutes)*speed))
		}
		best := 0.0
		for m := from; m < to; m++ {
			sum := 0.0
			for k := max(from, m-a.window+1); k <= m; k++ {
				sum += shape(k)
			}
			best = math.Max(best, sum)
		}
		a.rate = a.peak * float64(l.Capacity.Instant) / math.Max(best, 1)
		out[i] = a
	}
	sort.Slice(out, func(i, j int) bool { return out[i].level.ID < out[j].level.ID })
	return out
}

// groups are the groups that arrive at an area in a minute.
func (a *simArea) groups(minute int, rng *rand.Rand) []int {
	a.carry += a.rate * shape(minute)
	var out []int
	for {
		size := groupMin + rng.IntN(groupMax-groupMin+1)
		if a.carry < float64(size) {
			return out
		}
		a.carry -= float64(size)
		out = append(out, size)
	}
}

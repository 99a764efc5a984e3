package crowd

import (
	"errors"
	"fmt"
)

// Capacity is the most visitors an area takes: at one moment
// (Instant, LB/T 034-2014's 瞬时承载量 C1) and in one day (Daily, its
// 日承载量 C2). Generated says the figure is this app's estimate, not one
// the area published, and must be shown as such.
type Capacity struct {
	Instant   int
	Daily     int
	Generated bool
}

// Space is one part of an area that visitors stand in, as LB/T 034-2014
// counts it: its usable area in square metres and the area each visitor
// needs there (the standard's per-capita figure, e.g. 0.5–1 m² on a
// busy street, 5–10 m² in a garden).
type Space struct {
	AreaM2      float64
	PerVisitorM float64 // m² per visitor
}

// Opening is the hours an area is open in a day and the average time a
// visitor spends in it, both in minutes.
type Opening struct {
	OpenMinutes  int
	VisitMinutes int
}

// ErrBadCapacityInput is a space or an opening the standard's formulas
// cannot take: a negative or zero size, or a visit longer than the day.
var ErrBadCapacityInput = errors.New("capacity: want positive areas and times, a visit no longer than the day")

// Estimate computes a capacity by LB/T 034-2014: the instantaneous
// capacity is the sum over the spaces of area ÷ area per visitor; the
// daily capacity is that times the number of whole visits the day holds
// (open time ÷ visit time, rounded down). The result is marked Generated:
// it is an estimate from stated inputs, not an official figure.
func Estimate(spaces []Space, o Opening) (Capacity, error) {
	if len(spaces) == 0 || o.OpenMinutes <= 0 || o.VisitMinutes <= 0 || o.VisitMinutes > o.OpenMinutes {
		return Capacity{}, ErrBadCapacityInput
	}
	var instant float64
	for i, s := range spaces {
		if !(s.AreaM2 > 0) || !(s.PerVisitorM > 0) {
			return Capacity{}, fmt.Errorf("space %d: %w", i, ErrBadCapacityInput)
		}
		instant += s.AreaM2 / s.PerVisitorM
	}
	if instant > 1e7 {
		return Capacity{}, fmt.Errorf("%.0f visitors at once: %w", instant, ErrBadCapacityInput)
	}
	c1 := int(instant)
	return Capacity{Instant: c1, Daily: c1 * (o.OpenMinutes / o.VisitMinutes), Generated: true}, nil
}

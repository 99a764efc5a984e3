package crowd

import (
	"time"

	"jiangsupass/clock"
)

// Admission is one e-ticket admitted at a gate: when, where, and for how
// many visitors.
type Admission struct {
	At       time.Time
	Gate     string
	Visitors int
}

// Exit is a count of visitors leaving, from a gate's exit button.
type Exit struct {
	At       time.Time
	Gate     string
	Visitors int
}

// Count is the number of visitors in an area at one moment, and how it
// was found.
type Count struct {
	InPark int
	// Estimated says the exits were not counted but estimated by the
	// area's dwell time: a visitor admitted more than Dwell ago counts as
	// gone.
	Estimated bool
	// Entries is today's admitted visitors, China's day.
	Entries int
}

// CountAt counts the visitors in an area at now from today's admissions
// (China's day) and its exits. When the area counts exits (exitsCounted),
// the number in the park is entries less exits, never below zero; when it
// does not, a visitor is taken to stay dwell after admission, and the
// count says it is an estimate. Events after now are ignored.
func CountAt(now time.Time, admissions []Admission, exits []Exit, exitsCounted bool, dwell time.Duration) Count {
	day := clock.Midnight(now)
	var c Count
	left := 0
	for _, a := range admissions {
		if a.At.After(now) || a.At.Before(day) || a.Visitors <= 0 {
			continue
		}
		c.Entries += a.Visitors
		if !exitsCounted && !a.At.Add(dwell).After(now) {
			left += a.Visitors
		}
	}
	if exitsCounted {
		for _, e := range exits {
			if e.At.After(now) || e.At.Before(day) || e.Visitors <= 0 {
				continue
			}
			left += e.Visitors
		}
	}
	c.InPark = max(c.Entries-left, 0)
	c.Estimated = !exitsCounted
	return c
}

// HourlyEntries is today's admitted visitors by hour of China's day, at
// now: index 9 holds those admitted from 09:00 to 09:59. Hours after now
// are zero.
func HourlyEntries(now time.Time, admissions []Admission) [24]int {
	var out [24]int
	day := clock.Midnight(now)
	for _, a := range admissions {
		if a.At.After(now) || a.At.Before(day) || a.Visitors <= 0 {
			continue
		}
		out[clock.In(a.At).Hour()] += a.Visitors
	}
	return out
}

package platform

import (
	"fmt"
	"slices"
	"time"

	"jiangsupass/clock"
)

// HallTimes are the times at which a visit to a service hall can begin on
// date (YYYY-MM-DD, China time): every half hour 09:00–11:30 and
// 13:30–16:30, Monday to Friday, which is the halls' published hours
// (周一至周五 09:00–17:00) less the lunch break and the last half hour.
// There are none at weekends, and none for a date that cannot be read.
// The platform refuses an appointment at any other time, and the app
// offers only these.
func HallTimes(date string) []string {
	d, err := clock.ParseDate(date)
	if err != nil {
		return nil
	}
	if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
		return nil
	}
	var out []string
	for m := 9 * 60; m < 17*60; m += 30 {
		if m >= 12*60 && m < 13*60+30 {
			continue
		}
		out = append(out, fmt.Sprintf("%02d:%02d", m/60, m%60))
	}
	return out
}

// HallOpenAt reports whether a visit can begin at hm (HH:MM) on date.
func HallOpenAt(date, hm string) bool { return slices.Contains(HallTimes(date), hm) }

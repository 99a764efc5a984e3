package transit

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Clock is a time of a service day in seconds after its midnight. GTFS
// times may pass 24:00:00 for trips that run after midnight.
type Clock int32

// Never is a Clock later than any real time: not reached.
const Never Clock = 1<<31 - 1

// HMS makes a Clock from hours, minutes and seconds.
func HMS(h, m, s int) Clock { return Clock(h*3600 + m*60 + s) }

// String shows the time as HH:MM, or HH:MM:SS when the seconds are not
// zero; "--:--" for Never.
func (c Clock) String() string {
	if c == Never {
		return "--:--"
	}
	if c%60 != 0 {
		return fmt.Sprintf("%02d:%02d:%02d", c/3600, c/60%60, c%60)
	}
	return fmt.Sprintf("%02d:%02d", c/3600, c/60%60)
}

// Minutes is the clock time rounded down to whole minutes, shown as a
// time of day, HH:MM, followed by "+1" (or "+2", "-1" …) when it falls on
// another day than the one its clock counts from: 25:10 is "01:10 +1".
func (c Clock) Minutes() string {
	if c == Never {
		return "--:--"
	}
	day := c / 86400
	if c < 0 {
		day = (c - 86399) / 86400
	}
	t := c - day*86400
	s := fmt.Sprintf("%02d:%02d", t/3600, t/60%60)
	if day != 0 {
		s += fmt.Sprintf(" %+d", day)
	}
	return s
}

// MaxHours is the latest hour a feed's time may have: a trip of one
// service day may run into the fourth day after it.
const MaxHours = 99

var errClock = errors.New("want a time as H:MM:SS, HH:MM:SS or HH:MM")

// ParseClock reads a GTFS time ("8:05:00", "25:10:00") or a wall-clock
// "HH:MM".
func ParseClock(s string) (Clock, error) {
	parts := strings.Split(strings.TrimSpace(s), ":")
	if len(parts) != 2 && len(parts) != 3 {
		return 0, fmt.Errorf("time %q: %w", s, errClock)
	}
	var v [3]int
	for i, p := range parts {
		if p == "" || len(p) > 3 || (i > 0 && len(p) != 2) {
			return 0, fmt.Errorf("time %q: %w", s, errClock)
		}
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 {
			return 0, fmt.Errorf("time %q: %w", s, errClock)
		}
		v[i] = n
	}
	if v[1] > 59 || v[2] > 59 || v[0] > MaxHours {
		return 0, fmt.Errorf("time %q: out of range (hours 0-%d, minutes and seconds 0-59)", s, MaxHours)
	}
	return HMS(v[0], v[1], v[2]), nil
}

// Package clock holds the app's one idea of time. "Now" is a function made
// once by the composition root (app.Run, cmd/platform) and handed to the
// store, the sync engine, the server and the screens; nothing below them
// calls time.Now to decide anything. The platform's world (ticket slots,
// opening hours, appointments, timetables, service days and the validity
// of codes) runs on China time, whatever zone the device is set to.
package clock

import (
	"errors"
	"fmt"
	"time"
)

// China is the zone of the platform's world: Asia/Shanghai, which has kept
// UTC+8 with no daylight saving since 1991. It is a fixed zone so that it
// needs no time-zone database on the device.
var China = time.FixedZone("CST", 8*60*60)

// DateLayout is how the platform writes a date: YYYY-MM-DD.
const DateLayout = time.DateOnly

// In returns t as China time.
func In(t time.Time) time.Time { return t.In(China) }

// Date is t's date in China, as YYYY-MM-DD.
func Date(t time.Time) string { return t.In(China).Format(DateLayout) }

// Midnight is the start of t's day in China.
func Midnight(t time.Time) time.Time {
	c := t.In(China)
	return time.Date(c.Year(), c.Month(), c.Day(), 0, 0, 0, 0, China)
}

// SecondsOfDay is how long after the start of its day in China t is.
func SecondsOfDay(t time.Time) int {
	c := t.In(China)
	return c.Hour()*3600 + c.Minute()*60 + c.Second()
}

// ErrBadDate is returned (wrapped) for a date or time of day that cannot
// be read.
var ErrBadDate = errors.New("want a date as YYYY-MM-DD and a time as HH:MM")

// ParseDate reads a date (YYYY-MM-DD) as the start of that day in China.
func ParseDate(date string) (time.Time, error) {
	t, err := time.ParseInLocation(DateLayout, date, China)
	if err != nil {
		return time.Time{}, fmt.Errorf("date %q: %w", date, ErrBadDate)
	}
	return t, nil
}

// At reads a date (YYYY-MM-DD) and a time of day (HH:MM) as China time.
func At(date, hm string) (time.Time, error) {
	t, err := time.ParseInLocation("2006-01-02 15:04", date+" "+hm, China)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q %q: %w", date, hm, ErrBadDate)
	}
	return t, nil
}

// DaysFrom is how many days after now's date in China the date is: 0 for
// today, 1 for tomorrow, -1 for yesterday.
func DaysFrom(now time.Time, date string) (int, error) {
	d, err := ParseDate(date)
	if err != nil {
		return 0, err
	}
	// Both are midnights of a fixed zone, so the difference is whole days.
	return int(d.Sub(Midnight(now)).Hours() / 24), nil
}

// AddDays is the date n days after date (before, for a negative n), by the
// calendar.
func AddDays(date string, n int) (string, error) {
	d, err := ParseDate(date)
	if err != nil {
		return "", err
	}
	return d.AddDate(0, 0, n).Format(DateLayout), nil
}

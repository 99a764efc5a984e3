// Package clocktest is the clock of the project's tests. Every test starts
// from one fixed "now", Now, so that no test depends on the hour or the
// zone it runs in. The environment variable JSP_TEST_NOW moves that "now",
// so that `make test` can run the time-sensitive packages again at another
// hour (23:30 China time, say) and prove they pass there too. Only tests
// read it; the app and the server never do.
package clocktest

import (
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
	_ "time/tzdata" // the zones that tests and TZ name, on a machine without them

	"jiangsupass/clock"
)

// Env names the environment variable that sets the tests' "now": a time
// of day in China ("23:30") on the default date, a date and time in China
// ("2026-12-31 23:59"), or an RFC 3339 time.
const Env = "JSP_TEST_NOW"

// Default is the tests' "now" when Env is not set: a Thursday morning in
// Nanjing, inside the first ticket slot and the halls' opening hours.
var Default = time.Date(2026, 12, 3, 9, 30, 0, 0, clock.China)

// Now is the tests' "now": Default, or what Env says. A value of Env that
// cannot be read stops the test binary with a message saying why.
func Now() time.Time { return now() }

var now = sync.OnceValue(func() time.Time {
	t, err := Parse(os.Getenv(Env))
	if err != nil {
		panic(fmt.Sprintf("%s: %v", Env, err))
	}
	return t
})

// Parse reads a value of Env; "" is Default.
func Parse(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Default, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	if t, err := time.ParseInLocation("2006-01-02 15:04", s, clock.China); err == nil {
		return t, nil
	}
	if t, err := clock.At(clock.Date(Default), s); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("cannot read %q: want HH:MM (China time), YYYY-MM-DD HH:MM (China time) or RFC 3339", s)
}

// Fixed is a clock that always reads Now.
func Fixed() func() time.Time {
	t := Now()
	return func() time.Time { return t }
}

// Running is a clock that reads Now when it is made and then moves on with
// the time that really passes, for tests in which backoffs and timeouts
// must elapse. Only the elapsed time comes from the machine, never the
// date or the hour.
func Running() func() time.Time {
	base, start := Now(), time.Now()
	return func() time.Time { return base.Add(time.Since(start)) }
}

// Settable is a clock a test moves by hand.
type Settable struct {
	mu sync.Mutex
	t  time.Time
}

// NewSettable is a Settable clock at t.
func NewSettable(t time.Time) *Settable { return &Settable{t: t} }

// Now reads the clock.
func (s *Settable) Now() time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.t
}

// Set moves the clock to t.
func (s *Settable) Set(t time.Time) {
	s.mu.Lock()
	s.t = t
	s.mu.Unlock()
}

// Add moves the clock on by d.
func (s *Settable) Add(d time.Duration) {
	s.mu.Lock()
	s.t = s.t.Add(d)
	s.mu.Unlock()
}

// Days is the China date n days after Now's (n = 0: the tests' today).
func Days(n int) string { return clock.Midnight(Now()).AddDate(0, 0, n).Format(clock.DateLayout) }

// Workday is the first Monday to Friday in China after Now's date: a day
// on which the service halls take appointments.
func Workday() string { return WorkdayAfter(Now()) }

// WorkdayAfter is the first Monday to Friday in China after t's date.
func WorkdayAfter(t time.Time) string {
	d := clock.Midnight(t)
	for {
		d = d.AddDate(0, 0, 1)
		if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
			return d.Format(clock.DateLayout)
		}
	}
}

// At is date (YYYY-MM-DD) at hm (HH:MM) in China; a date or time that
// cannot be read fails the test.
func At(tb testing.TB, date, hm string) time.Time {
	tb.Helper()
	t, err := clock.At(date, hm)
	if err != nil {
		tb.Fatal(err)
	}
	return t
}

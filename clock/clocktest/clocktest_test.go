package clocktest

import (
	"os"
	"testing"
	"time"
)

// TestTheZoneIsTheOneAsked: when TZ names a zone (as the second run of
// make test does), the test binary's local time really is that zone's, so
// the run proves what it claims.
func TestTheZoneIsTheOneAsked(t *testing.T) {
	name := os.Getenv("TZ")
	if name == "" {
		t.Skip("TZ is not set")
	}
	want, err := time.LoadLocation(name)
	if err != nil {
		t.Fatalf("TZ=%s: %v", name, err)
	}
	for _, at := range []time.Time{Now(), Now().AddDate(0, 6, 0)} {
		_, got := at.In(time.Local).Zone()
		_, off := at.In(want).Zone()
		if got != off {
			t.Errorf("TZ=%s: local offset %d s, the zone's %d s", name, got, off)
		}
	}
	t.Logf("TZ=%s, now %v, %s in China", name, Now().In(time.Local), Now().In(time.FixedZone("", 8*3600)).Format("2006-01-02 15:04"))
}

func TestParse(t *testing.T) {
	for _, c := range []struct {
		in   string
		want string // UTC, RFC 3339
	}{
		{"", "2026-12-03T01:30:00Z"},
		{"23:30", "2026-12-03T15:30:00Z"},
		{"06:00", "2026-12-02T22:00:00Z"},
		{"2026-12-31 23:59", "2026-12-31T15:59:00Z"},
		{"2027-02-01T08:00:00-05:00", "2027-02-01T13:00:00Z"},
	} {
		got, err := Parse(c.in)
		if err != nil || got.UTC().Format(time.RFC3339) != c.want {
			t.Errorf("Parse(%q) = %v, %v; want %s", c.in, got.UTC(), err, c.want)
		}
	}
	for _, bad := range []string{"noon", "25:00", "2026-12-03"} {
		if _, err := Parse(bad); err == nil {
			t.Errorf("Parse(%q) accepted", bad)
		}
	}
}

func TestClocks(t *testing.T) {
	if !Fixed()().Equal(Now()) {
		t.Error("Fixed does not read Now")
	}
	r := Running()
	if d := r().Sub(Now()); d < 0 || d > time.Minute {
		t.Errorf("Running starts %v from Now", d)
	}
	s := NewSettable(Now())
	s.Add(90 * time.Minute)
	if got := s.Now().Sub(Now()); got != 90*time.Minute {
		t.Errorf("Settable moved %v", got)
	}
}

func TestWorkdayAfter(t *testing.T) {
	for _, c := range []struct {
		at   string // RFC 3339
		want string
	}{
		{"2026-12-03T23:30:00+08:00", "2026-12-04"}, // Thursday night → Friday
		{"2026-12-04T09:00:00+08:00", "2026-12-07"}, // Friday → Monday
		{"2026-12-04T17:00:00-08:00", "2026-12-07"}, // Friday in LA is Saturday 09:00 in China → Monday
		{"2026-12-06T23:59:00+08:00", "2026-12-07"}, // Sunday → Monday
		{"2026-12-31T20:00:00+08:00", "2027-01-01"}, // Thursday → Friday, a new year
	} {
		at, _ := time.Parse(time.RFC3339, c.at)
		if got := WorkdayAfter(at); got != c.want {
			t.Errorf("WorkdayAfter(%s) = %s, want %s", c.at, got, c.want)
		}
	}
}

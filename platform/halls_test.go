package platform

import (
	"slices"
	"testing"
)

// TestHallTimes checks the hall appointment rule against lists written out
// by hand: every half hour 09:00–11:30 and 13:30–16:30 on a weekday, none
// at a weekend, none for a date that cannot be read.
func TestHallTimes(t *testing.T) {
	weekday := []string{"09:00", "09:30", "10:00", "10:30", "11:00", "11:30",
		"13:30", "14:00", "14:30", "15:00", "15:30", "16:00", "16:30"}
	for _, tc := range []struct {
		name, date string
		want       []string
	}{
		{"Monday", "2026-12-07", weekday},
		{"Friday", "2026-12-11", weekday},
		{"Saturday", "2026-12-05", nil},
		{"Sunday", "2026-12-06", nil},
		{"no such day", "2026-02-30", nil},
		{"not a date", "07/12/2026", nil},
		{"empty", "", nil},
	} {
		if got := HallTimes(tc.date); !slices.Equal(got, tc.want) {
			t.Errorf("%s (%s): %v, want %v", tc.name, tc.date, got, tc.want)
		}
	}
}

// TestHallOpenAt checks single times against the rule, at its edges.
func TestHallOpenAt(t *testing.T) {
	for _, tc := range []struct {
		date, hm string
		want     bool
	}{
		{"2026-12-07", "09:00", true},
		{"2026-12-07", "11:30", true},
		{"2026-12-07", "13:30", true},
		{"2026-12-07", "16:30", true},
		{"2026-12-07", "08:30", false},
		{"2026-12-07", "12:00", false},
		{"2026-12-07", "13:00", false},
		{"2026-12-07", "16:45", false},
		{"2026-12-07", "17:00", false},
		{"2026-12-07", "09:15", false},
		{"2026-12-07", "9:00", false},
		{"2026-12-05", "10:00", false},
		{"not a date", "10:00", false},
	} {
		if got := HallOpenAt(tc.date, tc.hm); got != tc.want {
			t.Errorf("HallOpenAt(%q, %q) = %v, want %v", tc.date, tc.hm, got, tc.want)
		}
	}
}

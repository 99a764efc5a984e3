package crowd

import (
	"testing"
	"time"
)

// china builds a time in China (UTC+8) from the wall clock there, without
// the package's clock helpers, so the test does not share their mistakes.
func china(day, hour, minute int) time.Time {
	return time.Date(2026, 12, day, hour, minute, 0, 0, time.UTC).Add(-8 * time.Hour)
}

func TestCountWithCountedExits(t *testing.T) {
	now := china(3, 14, 5)
	adm := []Admission{
		{At: china(2, 23, 59), Gate: "A", Visitors: 7}, // yesterday in China
		{At: china(3, 0, 0), Gate: "A", Visitors: 2},   // the day's first second
		{At: china(3, 9, 30), Gate: "B", Visitors: 3},
		{At: china(3, 14, 5), Gate: "A", Visitors: 1},  // at now
		{At: china(3, 14, 6), Gate: "A", Visitors: 50}, // after now
		{At: china(3, 10, 0), Gate: "A", Visitors: -4}, // nonsense
	}
	exits := []Exit{{At: china(3, 12, 0), Gate: "A", Visitors: 4}, {At: china(3, 15, 0), Visitors: 1}}
	got := CountAt(now, adm, exits, true, 0)
	want := Count{InPark: 2, Entries: 6}
	if got != want {
		t.Errorf("CountAt = %+v, want %+v", got, want)
	}
	// More counted out than in (a gate counted someone admitted
	// yesterday): never below zero.
	if got := CountAt(now, adm[:2], exits, true, 0); got.InPark != 0 {
		t.Errorf("InPark = %d, want 0", got.InPark)
	}
}

func TestCountByDwellTimeIsAnEstimate(t *testing.T) {
	now := china(3, 14, 0)
	adm := []Admission{
		{At: china(3, 11, 0), Visitors: 5},  // 3 h ago: gone by a 3 h dwell
		{At: china(3, 11, 1), Visitors: 2},  // 2 h 59 min ago: still in
		{At: china(3, 13, 30), Visitors: 1}, // in
	}
	got := CountAt(now, adm, []Exit{{At: china(3, 12, 0), Visitors: 9}}, false, 3*time.Hour)
	want := Count{InPark: 3, Entries: 8, Estimated: true}
	if got != want {
		t.Errorf("CountAt = %+v, want %+v (exits ignored where not counted)", got, want)
	}
}

func TestHourlyEntriesFollowChinasHoursInAnyZone(t *testing.T) {
	la, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		t.Skip("no zone database:", err)
	}
	now := china(3, 10, 30).In(la)
	adm := []Admission{
		{At: china(3, 9, 0).In(la), Visitors: 2},
		{At: china(3, 9, 59).In(la), Visitors: 1},
		{At: china(3, 10, 15), Visitors: 4},
		{At: china(3, 10, 31), Visitors: 8}, // after now
		{At: china(2, 9, 0), Visitors: 16},  // yesterday
	}
	got := HourlyEntries(now, adm)
	var want [24]int
	want[9], want[10] = 3, 4
	if got != want {
		t.Errorf("HourlyEntries = %v, want %v", got, want)
	}
}

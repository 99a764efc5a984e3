package clock

import (
	"errors"
	"testing"
	"time"
	_ "time/tzdata" // the IANA database, the reference for China time
)

// TestChinaMatchesTheTimeZoneDatabase holds the fixed zone to the IANA
// database's Asia/Shanghai at every hour of three years, from any zone
// the instant is given in.
func TestChinaMatchesTheTimeZoneDatabase(t *testing.T) {
	shanghai, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	la, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		t.Fatal(err)
	}
	for u := time.Date(2025, 1, 1, 0, 30, 0, 0, time.UTC); u.Year() < 2028; u = u.Add(time.Hour) {
		for _, in := range []time.Time{u, u.In(la)} {
			want := in.In(shanghai)
			if got := Date(in); got != want.Format("2006-01-02") {
				t.Fatalf("Date(%v) = %s, want %s", in, got, want.Format("2006-01-02"))
			}
			if got, want := SecondsOfDay(in), want.Hour()*3600+want.Minute()*60+want.Second(); got != want {
				t.Fatalf("SecondsOfDay(%v) = %d, want %d", in, got, want)
			}
			m := Midnight(in)
			if !m.Equal(time.Date(want.Year(), want.Month(), want.Day(), 0, 0, 0, 0, shanghai)) {
				t.Fatalf("Midnight(%v) = %v", in, m)
			}
		}
	}
}

func TestAtAndDaysFrom(t *testing.T) {
	// 23:30 China on 3 December is 15:30 UTC and 07:30 in Los Angeles.
	now := time.Date(2026, 12, 3, 15, 30, 0, 0, time.UTC)
	at, err := At("2026-12-03", "23:30")
	if err != nil || !at.Equal(now) {
		t.Fatalf("At = %v, %v", at, err)
	}
	for _, c := range []struct {
		date string
		want int
	}{{"2026-12-03", 0}, {"2026-12-04", 1}, {"2026-12-02", -1}, {"2027-01-01", 29}, {"2026-11-03", -30}} {
		if got, err := DaysFrom(now, c.date); err != nil || got != c.want {
			t.Errorf("DaysFrom(%s) = %d, %v; want %d", c.date, got, err, c.want)
		}
	}
	// Ten minutes later it is the 4th in China, still the 3rd in UTC.
	if got, _ := DaysFrom(now.Add(40*time.Minute), "2026-12-04"); got != 0 {
		t.Errorf("after midnight the 4th is %d days away, want 0", got)
	}
	if d, err := AddDays("2026-12-31", 1); err != nil || d != "2027-01-01" {
		t.Errorf("AddDays = %s, %v", d, err)
	}
	for _, bad := range [][2]string{{"2026-13-01", "09:00"}, {"2026-12-01", "9am"}, {"", ""}, {"2026-02-30", "10:00"}, {"2026-12-01", "24:00"}} {
		if _, err := At(bad[0], bad[1]); !errors.Is(err, ErrBadDate) {
			t.Errorf("At(%q, %q): %v", bad[0], bad[1], err)
		}
	}
}

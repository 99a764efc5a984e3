package transit_test

import (
	"testing"

	"jiangsupass/transit"
)

// TestClockMinutesShowsTheDay: a time past midnight reads as a time of
// day with the day after, never as "25:10".
func TestClockMinutesShowsTheDay(t *testing.T) {
	for c, want := range map[transit.Clock]string{
		transit.HMS(8, 5, 30):  "08:05",
		transit.HMS(25, 10, 0): "01:10 +1",
		transit.HMS(49, 40, 0): "01:40 +2",
		transit.HMS(24, 0, 0):  "00:00 +1",
		-transit.HMS(0, 50, 0): "23:10 -1",
		transit.Never:          "--:--",
	} {
		if got := c.Minutes(); got != want {
			t.Errorf("%d s: %q, want %q", c, got, want)
		}
	}
}

package crowd

import "testing"

func TestLevelEdges(t *testing.T) {
	for _, c := range []struct {
		in, capacity int
		want         Level
	}{
		{0, 80, Comfortable},
		{39, 80, Comfortable}, // 48.75%
		{40, 80, Moderate},    // exactly 50%
		{63, 80, Moderate},    // 78.75%
		{64, 80, Busy},        // exactly 80%
		{79, 80, Busy},        // 98.75%
		{80, 80, Full},        // exactly 100%
		{500, 80, Full},
		{49, 99, Comfortable}, // 49.49…%
		{50, 99, Moderate},    // 50.50…%
		{79, 99, Moderate},    // 79.79…%: under 80%
		{1, 3, Comfortable},   // 33%
		{2, 3, Moderate},      // 66%
		{2_147_483_647, 2_147_483_647, Full},
		{1_717_986_918, 2_147_483_647, Busy}, // 80.0000000x%: int64 keeps it exact
	} {
		got, ok := LevelOf(c.in, c.capacity)
		if !ok || got != c.want {
			t.Errorf("LevelOf(%d, %d) = %q, %v; want %q", c.in, c.capacity, got, ok, c.want)
		}
	}
	for _, capacity := range []int{0, -5} {
		if l, ok := LevelOf(10, capacity); ok || l != "" {
			t.Errorf("LevelOf(10, %d) = %q, %v; want no level", capacity, l, ok)
		}
	}
}

func TestRankOrdersLeastBusyFirstAndUnknownLast(t *testing.T) {
	order := []Level{Comfortable, Moderate, Busy, Full, "", "crowded"}
	for i := 1; i < 5; i++ {
		if order[i-1].Rank() >= order[i].Rank() {
			t.Errorf("%q ranks %d, not before %q at %d", order[i-1], order[i-1].Rank(), order[i], order[i].Rank())
		}
	}
	if Level("").Valid() || Level("crowded").Valid() || !Busy.Valid() {
		t.Error("Valid accepts an unknown level or refuses a known one")
	}
}

func TestPercentRoundsDown(t *testing.T) {
	for _, c := range []struct{ in, capacity, want int }{
		{78, 100, 78}, {799, 1000, 79}, {3, 0, 0}, {-3, 10, 0}, {150, 100, 150},
	} {
		if got := Percent(c.in, c.capacity); got != c.want {
			t.Errorf("Percent(%d, %d) = %d, want %d", c.in, c.capacity, got, c.want)
		}
	}
}

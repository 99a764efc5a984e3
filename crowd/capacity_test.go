package crowd

import (
	"errors"
	"testing"
)

// The figures are worked by hand from LB/T 034-2014's formulas:
// C1 = Σ area ÷ per-visitor area, C2 = C1 × ⌊open time ÷ visit time⌋.
func TestEstimateFollowsTheStandard(t *testing.T) {
	got, err := Estimate([]Space{
		{AreaM2: 12000, PerVisitorM: 1},  // a street of shops: 12,000
		{AreaM2: 30000, PerVisitorM: 10}, // gardens: 3,000
		{AreaM2: 1000, PerVisitorM: 3},   // a hall: 333.3…
	}, Opening{OpenMinutes: 600, VisitMinutes: 180}) // 10 h open, 3 h visits: 3 whole turns
	if err != nil {
		t.Fatal(err)
	}
	want := Capacity{Instant: 15333, Daily: 45999, Generated: true}
	if got != want {
		t.Errorf("Estimate = %+v, want %+v", got, want)
	}
}

func TestEstimateRefusesWhatTheFormulaCannotTake(t *testing.T) {
	ok := []Space{{AreaM2: 100, PerVisitorM: 2}}
	for name, c := range map[string]struct {
		spaces []Space
		o      Opening
	}{
		"no spaces":           {nil, Opening{600, 60}},
		"zero area":           {[]Space{{0, 2}}, Opening{600, 60}},
		"negative per-person": {[]Space{{100, -1}}, Opening{600, 60}},
		"not a number":        {[]Space{{nan(), 1}}, Opening{600, 60}},
		"closed":              {ok, Opening{0, 60}},
		"no visit time":       {ok, Opening{600, 0}},
		"visit over the day":  {ok, Opening{60, 61}},
		"absurdly large":      {[]Space{{1e12, 0.5}}, Opening{600, 60}},
	} {
		if _, err := Estimate(c.spaces, c.o); !errors.Is(err, ErrBadCapacityInput) {
			t.Errorf("%s: err = %v, want ErrBadCapacityInput", name, err)
		}
	}
}

func nan() float64 { z := 0.0; return z / z }

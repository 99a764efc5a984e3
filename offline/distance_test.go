package offline

import (
	"math"
	"testing"

	"jiangsupass/offline/search"

	"github.com/paulmach/orb"
)

// TestSearchAndNearbyMeasureAlike: a search near a point and the places
// near it give the same place the same distance, as both measure with the
// app's one distance.
func TestSearchAndNearbyMeasureAlike(t *testing.T) {
	from := orb.Point{120.55, 31.28} // about 7 km south-west of 拙政园
	s, _ := openAt(t, seededCopy(t))
	places, err := s.PlacesNear(t.Context(), from, NearbyQuery{Kinds: []PlaceKind{PlaceAttraction}, Limit: MaxNearbyLimit})
	if err != nil {
		t.Fatal(err)
	}
	nearby := map[string]float64{}
	for _, p := range places {
		nearby[p.ID] = p.Meters
	}
	res, err := s.Search(t.Context(), "拙政园", search.Options{Kinds: []string{search.KindAttraction}, Near: &from})
	if err != nil {
		t.Fatal(err)
	}
	compared := 0
	for _, g := range res.Groups {
		for _, h := range g.Hits {
			m, ok := nearby[h.Ref]
			if !ok || !h.HasPoint {
				continue
			}
			compared++
			if math.Abs(h.Distance-m) > 0.001 {
				t.Errorf("%s: search says %.3f m, nearby %.3f m", h.Ref, h.Distance, m)
			}
		}
	}
	if compared == 0 {
		t.Fatalf("no hit of the search is among the places near %v: %+v", from, res.Groups)
	}
}

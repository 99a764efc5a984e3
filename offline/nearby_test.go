package offline

import (
	"context"
	"errors"
	"math"
	"sort"
	"testing"
	"time"

	"github.com/paulmach/orb"
)

// humbleGarden is near 拙政园 (5a-018, the Classical Gardens of Suzhou),
// a point in Suzhou's old town.
var humbleGarden = orb.Point{120.62167, 31.32650}

// lawOfCosines is the great-circle distance by the spherical law of
// cosines: the test's own measure, sharing no code with the store's.
func lawOfCosines(a, b orb.Point) float64 {
	const r = 6378137.0 // orb.EarthRadius, the sphere the app measures on
	rad := math.Pi / 180
	c := math.Sin(a[1]*rad)*math.Sin(b[1]*rad) + math.Cos(a[1]*rad)*math.Cos(b[1]*rad)*math.Cos((b[0]-a[0])*rad)
	return r * math.Acos(math.Max(-1, math.Min(1, c)))
}

// everyPlace reads every positioned place of the store through its list
// reads, measured from p with lawOfCosines, nearest first.
func everyPlace(t testing.TB, s *Store, p orb.Point) []NearbyPlace {
	t.Helper()
	ctx := context.Background()
	var out []NearbyPlace
	as, err := s.Attractions(ctx, AttractionFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range as {
		if a.HasPoint {
			out = append(out, NearbyPlace{Kind: PlaceAttraction, ID: a.ID, Point: a.Point})
		}
	}
	sts, err := s.Stations(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range sts {
		out = append(out, NearbyPlace{Kind: PlaceStation, ID: st.ID, Point: st.Point})
	}
	hubs, err := s.Hubs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range hubs {
		out = append(out, NearbyPlace{Kind: PlaceHub, ID: h.Name, Point: h.Point})
	}
	halls, err := s.ServiceHalls(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range halls {
		if h.HasPoint {
			out = append(out, NearbyPlace{Kind: PlaceHall, ID: h.ID, Point: h.Point})
		}
	}
	for i := range out {
		out[i].Meters = lawOfCosines(p, out[i].Point)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Meters < out[j].Meters })
	return out
}

// TestPlacesNearMatchesMeasuringEveryPlace checks the query against
// measuring every place, from several points, for each kind and for all:
// the same places at the same distances, nearest first.
func TestPlacesNearMatchesMeasuringEveryPlace(t *testing.T) {
	s, _ := openAt(t, seededCopy(t))
	ctx := context.Background()
	froms := []orb.Point{humbleGarden, {118.7835, 32.0418}, {119.2, 34.6}, {121.9, 31.0}, {117.18, 34.26}}
	queries := []NearbyQuery{{}, {Limit: 5, Within: 3000}, {Limit: 200, Within: 200_000}}
	for _, k := range PlaceKinds {
		queries = append(queries, NearbyQuery{Kinds: []PlaceKind{k}, Limit: 12})
	}
	for _, p := range froms {
		all := everyPlace(t, s, p)
		for _, q := range queries {
			got, err := s.PlacesNear(ctx, p, q)
			if err != nil {
				t.Fatal(err)
			}
			within, limit := q.bounds()
			var want []NearbyPlace
			for _, w := range all {
				if w.Meters <= within && (len(q.Kinds) == 0 || w.Kind == q.Kinds[0]) && len(want) < limit {
					want = append(want, w)
				}
			}
			if len(got) != len(want) {
				t.Fatalf("from %v, %+v: %d places, measuring every place %d", p, q, len(got), len(want))
			}
			for i := range want {
				g, w := got[i], want[i]
				if math.Abs(g.Meters-w.Meters) > 0.5 {
					t.Errorf("from %v, %+v, place %d: %s %s at %.1f m, measuring every place %s %s at %.1f m",
						p, q, i, g.Kind, g.ID, g.Meters, w.Kind, w.ID, w.Meters)
				}
				if i > 0 && g.Meters < got[i-1].Meters {
					t.Errorf("from %v: place %d is nearer than place %d", p, i, i-1)
				}
			}
		}
	}
}

// TestPlacesNearTheHumbleAdministratorsGarden: from 拙政园 the nearest
// places are a metro station within a kilometre, with its record, and
// the garden itself; every kind comes with its own record.
func TestPlacesNearTheHumbleAdministratorsGarden(t *testing.T) {
	s, _ := openAt(t, seededCopy(t))
	garden, err := s.Attraction(context.Background(), "5a-018")
	if err != nil || !garden.HasPoint {
		t.Fatalf("拙政园: %+v %v", garden, err)
	}
	got, err := s.PlacesNear(context.Background(), garden.Point, NearbyQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) == 0 || got[0].Kind != PlaceAttraction || got[0].Attraction.ID != "5a-018" || got[0].Meters > 1 {
		t.Fatalf("the garden itself is not first: %+v", got[:min(1, len(got))])
	}
	var station *NearbyPlace
	kinds := map[PlaceKind]bool{}
	for i, p := range got {
		kinds[p.Kind] = true
		if p.Kind == PlaceStation && station == nil {
			station = &got[i]
		}
		switch {
		case p.Kind == PlaceStation && (p.Station.ID != p.ID || p.Station.Name == ""),
			p.Kind == PlaceHub && p.Hub.Name != p.ID,
			p.Kind == PlaceHall && (p.Hall.ID != p.ID || p.Hall.Name == ""),
			p.Kind == PlaceAttraction && p.Attraction.ID != p.ID:
			t.Errorf("place %d, %s %s, lacks its record", i, p.Kind, p.ID)
		}
	}
	if station == nil || station.Meters > 1000 {
		t.Fatalf("no metro station within 1 km of 拙政园: %+v", station)
	}
	if !kinds[PlaceHall] {
		halls, err := s.PlacesNear(context.Background(), humbleGarden, NearbyQuery{Kinds: []PlaceKind{PlaceHall}})
		if err != nil || len(halls) == 0 || halls[0].Hall.Name == "" {
			t.Errorf("no service hall near 拙政园: %v %v", halls, err)
		}
	}
}

// TestPlacesNearIsBounded: a limit or radius beyond the caps is held to
// them, and a point that is not a longitude and latitude, or a kind that
// does not exist, is refused.
func TestPlacesNearIsBounded(t *testing.T) {
	s, _ := openAt(t, seededCopy(t))
	ctx := context.Background()
	got, err := s.PlacesNear(ctx, orb.Point{118.78, 32.04}, NearbyQuery{Limit: 1 << 30, Within: 1e12})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != MaxNearbyLimit {
		t.Errorf("%d places for a huge limit, want the cap %d", len(got), MaxNearbyLimit)
	}
	for _, p := range got {
		if p.Meters > MaxNearbyRadius {
			t.Errorf("%s %s at %.0f m, beyond the radius cap", p.Kind, p.ID, p.Meters)
		}
	}
	got, err = s.PlacesNear(ctx, orb.Point{118.78, 32.04}, NearbyQuery{Within: -5, Limit: -1})
	if err != nil || len(got) != DefaultNearbyLimit {
		t.Errorf("defaults: %d places, %v", len(got), err)
	}
	for _, p := range []orb.Point{{math.NaN(), 32}, {118, math.Inf(1)}, {200, 32}, {118, -91}} {
		if _, err := s.PlacesNear(ctx, p, NearbyQuery{}); !errors.Is(err, ErrBadRequest) {
			t.Errorf("point %v: %v, want ErrBadRequest", p, err)
		}
	}
	if _, err := s.PlacesNear(ctx, humbleGarden, NearbyQuery{Kinds: []PlaceKind{"volcano"}}); !errors.Is(err, ErrBadRequest) {
		t.Errorf("unknown kind: %v, want ErrBadRequest", err)
	}
	far, err := s.PlacesNear(ctx, orb.Point{-74.0, 40.7}, NearbyQuery{})
	if err != nil || len(far) != 0 {
		t.Errorf("from New York: %d places, %v", len(far), err)
	}
}

// BenchmarkPlacesNear is Nearby's query from 拙政园, against the way it
// could be done without one, measured in the same run: reading every
// place through the list reads and measuring each.
func BenchmarkPlacesNear(b *testing.B) {
	s, _ := openAt(b, seededCopy(b))
	ctx := context.Background()
	var query, every time.Duration
	for b.Loop() {
		start := time.Now()
		if _, err := s.PlacesNear(ctx, humbleGarden, NearbyQuery{}); err != nil {
			b.Fatal(err)
		}
		query += time.Since(start)
		start = time.Now()
		everyPlace(b, s, humbleGarden)
		every += time.Since(start)
	}
	n := float64(b.N)
	b.ReportMetric(float64(query.Microseconds())/1000/n, "ms/places-near")
	b.ReportMetric(float64(every.Microseconds())/1000/n, "ms/every-place")
	b.ReportMetric(float64(query)/float64(every), "x-vs-every-place")
}

package transit

import (
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"github.com/paulmach/orb"
)

// ProvinceSize shapes a generated province-scale network.
type ProvinceSize struct {
	Cities         int // cities on a grid over Jiangsu's extent
	Side           int // each city's stops form a Side × Side grid
	Spacing        float64
	Routes         int   // bus routes per city, each run both ways
	RouteStops     int   // stops per bus route
	Headway        Clock // between bus departures, 06:00–22:00
	IntercityTrips int   // rail departures each way per intercity line
}

// DefaultProvince is at least 20,000 stops and 1,000,000 stop times: 13
// cities of 40×40 stops 400 m apart, 40 bus routes per city of 25 stops
// every 15 minutes both ways, and rail lines between neighbouring cities.
var DefaultProvince = ProvinceSize{Cities: 13, Side: 40, Spacing: 400, Routes: 40, RouteStops: 25,
	Headway: 15 * 60, IntercityTrips: 16}

// GenerateProvince makes a synthetic feed of a province's buses and rail,
// for benchmarks; it is marked Estimated and is never shown to users. The
// same seed gives the same feed.
func GenerateProvince(size ProvinceSize, seed uint64) *Feed {
	rng := rand.New(rand.NewPCG(seed, 20_000))
	f := &Feed{Estimated: true, Rule: "generated province-scale benchmark network",
		Agencies: []Agency{{ID: "gen", Name: "Generated", Timezone: "Asia/Shanghai"}},
		Calendars: []Calendar{{ServiceID: "all", Weekdays: [7]bool{true, true, true, true, true, true, true},
			Start: time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2099, 12, 31, 0, 0, 0, 0, time.UTC)}},
	}
	cols := 4
	centres := make([]orb.Point, size.Cities)
	for c := range size.Cities {
		centres[c] = orb.Point{116.6 + float64(c%cols)*1.4, 31.0 + float64(c/cols)*1.0}
	}
	degLat := size.Spacing / 111_320
	id := func(c, x, y int) string { return fmt.Sprintf("c%d-%d-%d", c, x, y) }
	for c, ctr := range centres {
		degLon := degLat / cosDeg(ctr[1])
		for x := range size.Side {
			for y := range size.Side {
				p := orb.Point{ctr[0] + float64(x-size.Side/2)*degLon, ctr[1] + float64(y-size.Side/2)*degLat}
				f.Stops = append(f.Stops, Stop{ID: id(c, x, y), Name: id(c, x, y), City: fmt.Sprint(c), Point: p})
			}
		}
		for r := range size.Routes {
			x, y := rng.IntN(size.Side), rng.IntN(size.Side)
			dx, dy := 1, 0
			if rng.IntN(2) == 0 {
				dx, dy = 0, 1
			}
			var ids []string
			seen := map[[2]int]bool{}
			for len(ids) < size.RouteStops {
				if seen[[2]int{x, y}] {
					break
				}
				seen[[2]int{x, y}] = true
				ids = append(ids, id(c, x, y))
				if rng.IntN(6) == 0 {
					dx, dy = dy, dx
				}
				if x+dx < 0 || x+dx >= size.Side || y+dy < 0 || y+dy >= size.Side {
					dx, dy = -dx, -dy
				}
				x, y = x+dx, y+dy
			}
			addLine(f, fmt.Sprintf("bus-%d-%d", c, r), RouteTypeBus, ids, 90, HMS(6, 0, 0), HMS(22, 0, 0), size.Headway)
		}
	}
	for c := range size.Cities {
		for _, d := range []int{c + 1, c + cols} {
			if d >= size.Cities || (d == c+1 && d%cols == 0) {
				continue
			}
			mid := size.Side / 2
			ids := []string{id(c, mid, mid), id(d, mid, mid)}
			span := Clock(16 * 3600 / max(size.IntercityTrips, 1))
			addLine(f, fmt.Sprintf("rail-%d-%d", c, d), RouteTypeRail, ids, 2400, HMS(6, 0, 0), HMS(22, 0, 0), span)
		}
	}
	return f
}

// addLine adds a route running both ways over ids, run seconds between
// stops, with a departure every headway from first until last.
func addLine(f *Feed, id string, kind int, ids []string, run, first, last, headway Clock) {
	f.Routes = append(f.Routes, Route{ID: id, AgencyID: "gen", ShortName: id, Type: kind})
	for dir := range 2 {
		stops := ids
		if dir == 1 {
			stops = reversed(ids)
		}
		for start := first; start < last; start += headway {
			tr := Trip{ID: fmt.Sprintf("%s:%d:%d", id, dir, start), RouteID: id, ServiceID: "all", Direction: dir,
				StopTimes: make([]StopTime, len(stops))}
			// run seconds between stops and 20 s at each.
			for i, s := range stops {
				t := start + Clock(i)*(run+20)
				tr.StopTimes[i] = StopTime{StopID: s, Arrival: max(t-20, start), Departure: t}
			}
			f.Trips = append(f.Trips, tr)
		}
	}
}

func cosDeg(d float64) float64 { return math.Cos(d * math.Pi / 180) }

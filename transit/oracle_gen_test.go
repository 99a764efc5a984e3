package transit_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// genFeed is a random GTFS feed written as files, for the property test
// against the connection-scan oracle. It uses every part of the spec the
// planner follows, and counts how often each was used.
type genFeed struct {
	rng      *rand.Rand
	dir      string
	files    map[string]*strings.Builder
	platform []string            // routable stops
	station  map[string]string   // platform → station
	stations []string            // stations, for queries
	routes   []string            // route ids
	trips    map[string][]string // route → trips
	tripEnds map[string][2]string
	tripLast map[string]int      // last arrival
	calls    map[string][]string // route → its stops
	meets    [][2]string         // routes that transfer rules join, from and to
	tripSvc  map[string]string   // service
	features map[string]int
	start    time.Time // first day of the calendars
}

// genZones are agency time zones: China, one east of it, one with summer
// time far west of it.
var genZones = []string{"Asia/Shanghai", "Asia/Shanghai", "Asia/Tokyo", "Europe/Berlin"}

func (g *genFeed) line(file string, cols ...any) {
	b := g.files[file]
	for i, c := range cols {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprint(b, c)
	}
	b.WriteByte('\n')
}

func gtfsTime(s int) string { return fmt.Sprintf("%02d:%02d:%02d", s/3600, s/60%60, s%60) }

// generate writes one random feed into dir.
func generate(rng *rand.Rand, dir string, features map[string]int) *genFeed {
	g := &genFeed{rng: rng, dir: dir, files: map[string]*strings.Builder{}, station: map[string]string{},
		trips: map[string][]string{}, tripEnds: map[string][2]string{}, features: features,
		tripLast: map[string]int{}, tripSvc: map[string]string{}, calls: map[string][]string{},
		start: time.Date(2026, 3, 20, 0, 0, 0, 0, time.UTC)}
	heads := map[string]string{
		"agency.txt":         "agency_id,agency_name,agency_url,agency_timezone",
		"stops.txt":          "stop_id,stop_name,stop_lat,stop_lon,location_type,parent_station",
		"routes.txt":         "route_id,agency_id,route_short_name,route_type",
		"trips.txt":          "route_id,service_id,trip_id",
		"stop_times.txt":     "trip_id,arrival_time,departure_time,stop_id,stop_sequence,pickup_type,drop_off_type",
		"calendar.txt":       "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date",
		"calendar_dates.txt": "service_id,date,exception_type",
		"frequencies.txt":    "trip_id,start_time,end_time,headway_secs,exact_times",
		"transfers.txt":      "from_stop_id,to_stop_id,from_route_id,to_route_id,from_trip_id,to_trip_id,transfer_type,min_transfer_time",
		"pathways.txt":       "pathway_id,from_stop_id,to_stop_id,pathway_mode,is_bidirectional,length,traversal_time",
	}
	for f, h := range heads {
		g.files[f] = &strings.Builder{}
		g.files[f].WriteString(h + "\n")
	}
	zone := genZones[rng.IntN(len(genZones))]
	g.feature("agency_timezone " + zone)
	g.line("agency.txt", "a", "Gen", "https://example.org", zone)
	g.places()
	g.calendars()
	g.routesAndTrips()
	g.transfers()
	for name, b := range g.files {
		if strings.Count(b.String(), "\n") == 1 && name != "agency.txt" && name != "stops.txt" {
			continue // optional file with no rows: left out
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(b.String()), 0o644); err != nil {
			panic(err)
		}
	}
	return g
}

func (g *genFeed) feature(name string) { g.features[name]++ }

// places makes clusters of stops 20 km apart: a station with platforms
// (with or without pathways, entrances, nodes and boarding areas), or
// plain stops at one point (with or without a shared name), and now and
// then a stop 600 m away sharing a name.
func (g *genFeed) places() {
	n := 5 + g.rng.IntN(4)
	for c := range n {
		lat, lon := 31.0+0.18*float64(c%3), 118.0+0.2*float64(c/3)
		pt := func(dy float64) (string, string) {
			return fmt.Sprintf("%.6f", lat+dy), fmt.Sprintf("%.6f", lon)
		}
		la, lo := pt(0)
		if g.rng.IntN(2) == 0 {
			st := fmt.Sprintf("S%d", c)
			g.stations = append(g.stations, st)
			g.line("stops.txt", st, "Station "+st, la, lo, 1, "")
			g.feature("station with platforms")
			np := 2 + g.rng.IntN(2)
			var plats []string
			for p := range np {
				id := fmt.Sprintf("%s-p%d", st, p)
				g.line("stops.txt", id, fmt.Sprintf("Platform %d", p), la, lo, 0, st)
				g.platform = append(g.platform, id)
				g.station[id] = st
				plats = append(plats, id)
			}
			if g.rng.IntN(2) == 0 {
				g.feature("pathways")
				ent, node := st+"-e", st+"-n"
				g.line("stops.txt", ent, "Entrance", la, lo, 2, st)
				g.feature("entrance")
				if g.rng.IntN(2) == 0 {
					g.line("stops.txt", node, "", "", "", 3, st)
					g.feature("generic node without coordinates")
				} else {
					g.line("stops.txt", node, "Node", la, lo, 3, st)
					g.feature("generic node with coordinates")
				}
				ba := plats[0] + "-b"
				g.line("stops.txt", ba, "", "", "", 4, plats[0])
				g.feature("boarding area")
				g.line("pathways.txt", st+"w0", ent, node, 1, 1, "", 30)
				g.line("pathways.txt", st+"w1", node, ba, 2, 1, 40, "")
				for i, p := range plats[1:] {
					if g.rng.IntN(3) == 0 {
						g.feature("platform without pathway")
						continue
					}
					bi := g.rng.IntN(2)
					if bi == 0 {
						g.feature("one-way pathway")
					}
					g.line("pathways.txt", fmt.Sprintf("%sw%d", st, i+2), node, p, 4, bi, "", 20+g.rng.IntN(200))
				}
			} else {
				g.feature("station without pathways")
			}
			continue
		}
		np := 1 + g.rng.IntN(3)
		same := g.rng.IntN(2) == 0
		for p := range np {
			id := fmt.Sprintf("T%d-%d", c, p)
			name := fmt.Sprintf("Stop %d-%d", c, p)
			if same {
				name = fmt.Sprintf("Stop %d", c)
			}
			g.line("stops.txt", id, name, la, lo, "", "")
			g.platform = append(g.platform, id)
		}
		if np > 1 && same {
			g.feature("stops at one point sharing a name")
		} else if np > 1 {
			g.feature("stops at one point with different names")
		}
		if g.rng.IntN(3) == 0 {
			la2, lo2 := pt(0.0054) // about 600 m north
			id := fmt.Sprintf("T%d-far", c)
			g.line("stops.txt", id, fmt.Sprintf("Stop %d-0", c), la2, lo2, "", "")
			if same {
				g.line("stops.txt", id+"x", fmt.Sprintf("Stop %d", c), la2, lo2, "", "")
				g.platform = append(g.platform, id+"x")
			}
			g.platform = append(g.platform, id)
			g.feature("stops 600 m apart sharing a name")
		}
	}
}

// calendars: a weekday service, a daily one with a day taken out and a
// day added, and one of added dates only.
func (g *genFeed) calendars() {
	end := g.start.AddDate(0, 0, 30).Format("20060102")
	st := g.start.Format("20060102")
	g.line("calendar.txt", "wk", 1, 1, 1, 1, 1, 0, 0, st, end)
	g.line("calendar.txt", "all", 1, 1, 1, 1, 1, 1, 1, st, end)
	for range 3 {
		g.line("calendar_dates.txt", "all", g.start.AddDate(0, 0, g.rng.IntN(30)).Format("20060102"), 2)
		g.line("calendar_dates.txt", "wk", g.start.AddDate(0, 0, g.rng.IntN(30)).Format("20060102"), 1)
		g.line("calendar_dates.txt", "odd", g.start.AddDate(0, 0, g.rng.IntN(30)).Format("20060102"), 1)
		g.feature("calendar_dates exceptions")
	}
}

var genServices = []string{"wk", "all", "all", "odd"}

// routesAndTrips makes routes over platforms of different clusters, with
// trips by day, past midnight (to 72 h), with pickup and drop-off types,
// and some given by frequencies.txt.
func (g *genFeed) routesAndTrips() {
	nr := 5 + g.rng.IntN(5)
	for r := range nr {
		rid := fmt.Sprintf("R%d", r)
		g.routes = append(g.routes, rid)
		g.line("routes.txt", rid, "a", rid, 3)
		ns := 2 + g.rng.IntN(4)
		var stops []string
		used := map[string]bool{}
		for len(stops) < ns {
			p := g.platform[g.rng.IntN(len(g.platform))]
			c := cluster(p, g.station)
			if used[c] {
				if len(used) >= len(g.platform) || g.rng.IntN(8) == 0 {
					break
				}
				continue
			}
			used[c] = true
			stops = append(stops, p)
		}
		if len(stops) < 2 {
			continue
		}
		g.calls[rid] = stops
		nt := 2 + g.rng.IntN(6)
		// Half the routes run a regular service, where changes matter
		// most: every few minutes for hours, the same run times.
		regular := g.rng.IntN(2) == 0
		base, every := 6*3600+g.rng.IntN(14)*3600, 60*(4+g.rng.IntN(16))
		runs := make([]int, len(stops))
		for i := range runs {
			runs[i] = 60 * (5 + g.rng.IntN(40))
		}
		if regular {
			nt = 8 + g.rng.IntN(10)
			g.feature("regular service")
		}
		for t := range nt {
			tid := fmt.Sprintf("%s-t%d", rid, t)
			var at int
			switch g.rng.IntN(10) {
			case 9, 8, 7, 6, 5, 4, 3:
				if regular {
					at = base + t*every
					break
				}
				at = 5*3600 + g.rng.IntN(18*3600)
			case 0:
				at = 24*3600 + g.rng.IntN(6*3600)
				g.feature("trip past 24h")
			case 1:
				at = 48*3600 + g.rng.IntN(23*3600)
				g.feature("trip past 48h")
			case 2:
				at = 20*3600 + g.rng.IntN(4*3600)
				g.feature("trip across midnight")
			default:
				at = 5*3600 + g.rng.IntN(18*3600)
			}
			at -= at % 60
			svc := genServices[g.rng.IntN(len(genServices))]
			g.tripSvc[tid] = svc
			g.line("trips.txt", rid, svc, tid)
			g.trips[rid] = append(g.trips[rid], tid)
			g.tripEnds[tid] = [2]string{stops[0], stops[len(stops)-1]}
			for i, s := range stops {
				arr := at
				dep := at
				if i > 0 && i < len(stops)-1 && g.rng.IntN(3) == 0 {
					dep += 60
				}
				pick, drop := g.pickDrop()
				g.line("stop_times.txt", tid, gtfsTime(arr), gtfsTime(dep), s, i*10+1, pick, drop)
				g.tripLast[tid] = arr
				at = dep + runs[i]
				if !regular {
					at = dep + 60*(5+g.rng.IntN(40))
				}
			}
			if g.rng.IntN(6) == 0 {
				exact := g.rng.IntN(2)
				g.feature(fmt.Sprintf("frequencies exact_times=%d", exact))
				s := 6*3600 + g.rng.IntN(12)*1800
				g.line("frequencies.txt", tid, gtfsTime(s), gtfsTime(s+3600*(1+g.rng.IntN(3))), 300*(1+g.rng.IntN(6)), exact)
			}
		}
	}
}

func (g *genFeed) pickDrop() (string, string) {
	v := func() string {
		switch x := g.rng.IntN(12); {
		case x < 3:
			g.feature(fmt.Sprintf("pickup/drop_off type %d", x+1))
			return fmt.Sprint(x + 1)
		case x == 3:
			return "0"
		}
		return ""
	}
	return v(), v()
}

// cluster is the cluster of a platform: its station, or its id up to the
// dash.
func cluster(p string, station map[string]string) string {
	if s, ok := station[p]; ok {
		return s
	}
	c, _, _ := strings.Cut(p, "-")
	return c
}

// transfers writes rules of every type, at stops and stations, scoped to
// routes and trips, and in-seat pairs with and without stops.
func (g *genFeed) transfers() {
	// Most rules are where two routes meet: a stop one route calls at,
	// and one of its cluster's stops another route leaves from.
	meet := func() (a, b, ra, rb string) {
		ra = g.routes[g.rng.IntN(len(g.routes))]
		if len(g.calls[ra]) == 0 || g.rng.IntN(5) == 0 {
			p := g.platform[g.rng.IntN(len(g.platform))]
			return p, p, ra, g.routes[g.rng.IntN(len(g.routes))]
		}
		a = g.calls[ra][1+g.rng.IntN(len(g.calls[ra])-1)]
		type call struct{ stop, route string }
		var near []call
		for _, r := range g.routes {
			for _, s := range g.calls[r] {
				if cluster(s, g.station) == cluster(a, g.station) && r != ra {
					near = append(near, call{s, r})
				}
			}
		}
		if len(near) == 0 || g.rng.IntN(3) == 0 {
			for _, r := range g.routes {
				for i, s := range g.calls[r] {
					if s == a && r != ra && i < len(g.calls[r])-1 {
						g.meets = append(g.meets, [2]string{ra, r})
						return a, a, ra, r
					}
				}
			}
			return a, a, ra, ra
		}
		c := near[g.rng.IntN(len(near))]
		g.meets = append(g.meets, [2]string{ra, c.route})
		return a, c.stop, ra, c.route
	}
	orStation := func(p string) string {
		if st, ok := g.station[p]; ok && g.rng.IntN(3) == 0 {
			g.feature("transfer rule on a station")
			return st
		}
		return p
	}
	var allTrips []string
	for _, r := range g.routes {
		allTrips = append(allTrips, g.trips[r]...)
	}
	sort.Strings(allTrips)
	tripOf := func(r string) string {
		if len(g.trips[r]) == 0 || g.rng.IntN(4) == 0 {
			return allTrips[g.rng.IntN(len(allTrips))]
		}
		return g.trips[r][g.rng.IntN(len(g.trips[r]))]
	}
	n := 4 + g.rng.IntN(12)
	for range n {
		kind := g.rng.IntN(4)
		a, b, ra, rb := meet()
		var fr, tr, ft, tt string
		switch g.rng.IntN(6) {
		case 1:
			fr, tr = ra, rb
			g.feature("transfer scoped to routes")
		case 2:
			fr = ra
			g.feature("transfer scoped to a from route")
		case 3:
			ft, tt = tripOf(ra), tripOf(rb)
			g.feature("transfer scoped to trips")
		case 4:
			tt, fr = tripOf(rb), ra
			g.feature("transfer scoped to a trip and a route")
		}
		a, b = orStation(a), orStation(b)
		minT := ""
		if kind == 2 {
			minT = fmt.Sprint(g.rng.IntN(900))
		}
		if a == b {
			g.feature(fmt.Sprintf("transfer type %d at one stop", kind))
		} else {
			g.feature(fmt.Sprintf("transfer type %d between stops", kind))
		}
		g.line("transfers.txt", a, b, fr, tr, ft, tt, kind, minT)
	}
	for i := range g.rng.IntN(4) {
		from := allTrips[g.rng.IntN(len(allTrips))]
		kind := 4 + g.rng.IntN(2)
		// The vehicle goes on as a trip of its own route from where
		// the first trip ends.
		rid := fmt.Sprintf("IS%d", i)
		to := rid + "-t"
		g.line("routes.txt", rid, "a", rid, 3)
		g.line("trips.txt", rid, g.tripSvc[from], to)
		at := g.tripLast[from] + 60*g.rng.IntN(10)
		stops := []string{g.tripEnds[from][1]}
		for len(stops) < 2+g.rng.IntN(2) {
			if p := g.platform[g.rng.IntN(len(g.platform))]; cluster(p, g.station) != cluster(stops[len(stops)-1], g.station) {
				stops = append(stops, p)
			}
		}
		for k, st := range stops {
			pick, drop := g.pickDrop()
			g.line("stop_times.txt", to, gtfsTime(at), gtfsTime(at), st, k+1, pick, drop)
			at += 60 * (5 + g.rng.IntN(20))
		}
		fs, ts := "", ""
		if g.rng.IntN(2) == 0 {
			fs, ts = g.tripEnds[from][1], stops[0]
			g.feature(fmt.Sprintf("transfer type %d with stops", kind))
		} else {
			g.feature(fmt.Sprintf("transfer type %d without stops", kind))
		}
		g.line("transfers.txt", fs, ts, "", "", from, to, kind, "")
	}
}

// query picks a query's ends: half the time from the first stop of a
// route a transfer rule leads from to the last stop of the route it leads
// to, else any two stops or stations.
func (g *genFeed) query(places []string) (string, string) {
	if len(g.meets) > 0 && g.rng.IntN(2) == 0 {
		m := g.meets[g.rng.IntN(len(g.meets))]
		a, b := g.calls[m[0]], g.calls[m[1]]
		return a[0], b[len(b)-1]
	}
	return places[g.rng.IntN(len(places))], places[g.rng.IntN(len(places))]
}

package transit_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"jiangsupass/transit"
)

// TestNetworkCacheAnswersAlike: a network saved and loaded back plans as
// the one compiled, and a damaged cache is refused.
func TestNetworkCacheAnswersAlike(t *testing.T) {
	n := embedded(t)
	var buf bytes.Buffer
	if err := n.Save(&buf); err != nil {
		t.Fatal(err)
	}
	raw := buf.Bytes()
	m, err := transit.LoadNetwork(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range randomQueries(n, rand.New(rand.NewPCG(8, 9)), 200) {
		a, err1 := n.Plan(q)
		b, err2 := m.Plan(q)
		if err1 != nil || err2 != nil || fmt.Sprint(a) != fmt.Sprint(b) {
			t.Fatalf("%v: compiled %v (%v), cached %v (%v)", q, a, err1, b, err2)
		}
	}
	if _, err := transit.LoadNetwork(bytes.NewReader(raw[:len(raw)/2])); err == nil {
		t.Error("a cache cut in half loads")
	}
}

// writeGTFS writes a feed as GTFS files into dir, for benchmarks that
// parse it.
func writeGTFS(tb testing.TB, f *transit.Feed, dir string) {
	files := map[string]*strings.Builder{}
	w := func(name, format string, args ...any) {
		if files[name] == nil {
			files[name] = &strings.Builder{}
		}
		fmt.Fprintf(files[name], format, args...)
	}
	w("agency.txt", "agency_id,agency_name,agency_url,agency_timezone\n")
	for _, a := range f.Agencies {
		w("agency.txt", "%s,%s,https://example.org,%s\n", a.ID, a.Name, a.Timezone)
	}
	w("stops.txt", "stop_id,stop_name,stop_lat,stop_lon\n")
	for _, s := range f.Stops {
		w("stops.txt", "%s,%s,%.7f,%.7f\n", s.ID, s.Name, s.Point[1], s.Point[0])
	}
	w("routes.txt", "route_id,agency_id,route_short_name,route_type\n")
	for _, r := range f.Routes {
		w("routes.txt", "%s,%s,%s,%d\n", r.ID, r.AgencyID, r.Name(), r.Type)
	}
	w("calendar.txt", "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\n")
	for _, c := range f.Calendars {
		w("calendar.txt", "%s,1,1,1,1,1,1,1,%s,%s\n", c.ServiceID, c.Start.Format("20060102"), c.End.Format("20060102"))
	}
	w("trips.txt", "route_id,service_id,trip_id\n")
	w("stop_times.txt", "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n")
	for _, tr := range f.Trips {
		w("trips.txt", "%s,%s,%s\n", tr.RouteID, tr.ServiceID, tr.ID)
		for i, st := range tr.StopTimes {
			w("stop_times.txt", "%s,%s,%s,%s,%d\n", tr.ID, gtfsTime(int(st.Arrival)), gtfsTime(int(st.Departure)), st.StopID, i+1)
		}
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(b.String()), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
}

// BenchmarkFirstPlanAfterRestart times the first plan of the Transport
// tab after a restart on the province network (over 1,000,000 stop
// times): read from the compiled-network cache, against a cold start
// that parses the GTFS files and compiles them. The goal is 500 ms.
func BenchmarkFirstPlanAfterRestart(b *testing.B) {
	dir := b.TempDir()
	writeGTFS(b, transit.GenerateProvince(transit.DefaultProvince, 7), dir)
	cache := filepath.Join(dir, "network.cache")
	q := transit.Query{From: transit.StopPlace("c0-3-3"), To: transit.StopPlace("c5-30-30"), Depart: transit.HMS(8, 0, 0), MaxTransfers: 4}
	var cold, warm time.Duration
	b.ResetTimer()
	for range b.N {
		t0 := time.Now()
		feed, err := transit.LoadDir(dir)
		if err != nil {
			b.Fatal(err)
		}
		n, err := transit.Compile(feed, serviceDay, transit.Options{})
		if err != nil {
			b.Fatal(err)
		}
		coldPlan, err := n.Plan(q)
		if err != nil {
			b.Fatal(err)
		}
		cold += time.Since(t0)
		out, err := os.Create(cache)
		if err != nil {
			b.Fatal(err)
		}
		if err := n.Save(out); err != nil {
			b.Fatal(err)
		}
		_ = out.Close()
		feed, n = nil, nil
		t1 := time.Now()
		in, err := os.Open(cache)
		if err != nil {
			b.Fatal(err)
		}
		m, err := transit.LoadNetwork(in)
		_ = in.Close()
		if err != nil {
			b.Fatal(err)
		}
		warmPlan, err := m.Plan(q)
		if err != nil {
			b.Fatal(err)
		}
		warm += time.Since(t1)
		if fmt.Sprint(coldPlan) != fmt.Sprint(warmPlan) {
			b.Fatalf("cached network plans %v, compiled %v", warmPlan, coldPlan)
		}
	}
	b.StopTimer()
	b.ReportMetric(ms(cold)/float64(b.N), "ms/cold-parse")
	b.ReportMetric(ms(warm)/float64(b.N), "ms/first-plan(goal≤500)")
	b.ReportMetric(float64(cold)/float64(warm), "x-vs-cold")
}

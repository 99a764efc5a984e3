package loadtest

import (
	"fmt"
	"io"
	"net/http"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
)

// Recorder counts the requests of every transport it makes, by route:
// how long each took and how it ended.
type Recorder struct {
	mu     sync.Mutex
	routes map[string]*routeStats
}

type routeStats struct {
	took   []time.Duration
	errors int // transport failures and 5xx answers
	status map[int]int
}

// NewRecorder is a recorder that has seen nothing.
func NewRecorder() *Recorder { return &Recorder{routes: map[string]*routeStats{}} }

// Transport is next with every request it carries recorded.
func (r *Recorder) Transport(next http.RoundTripper) http.RoundTripper {
	return recording{r, next}
}

type recording struct {
	r    *Recorder
	next http.RoundTripper
}

// RoundTrip carries the request and records it under its route.
func (t recording) RoundTrip(req *http.Request) (*http.Response, error) {
	r := t.r
	start := time.Now()
	resp, err := t.next.RoundTrip(req)
	if err == nil {
		// The body is read here, so that the time is the whole answer's.
		var body []byte
		body, err = io.ReadAll(resp.Body)
		resp.Body.Close()
		resp.Body = io.NopCloser(strings.NewReader(string(body)))
	}
	took := time.Since(start)
	route := Route(req.Method, req.URL.Path)
	r.mu.Lock()
	defer r.mu.Unlock()
	st := r.routes[route]
	if st == nil {
		st = &routeStats{status: map[int]int{}}
		r.routes[route] = st
	}
	st.took = append(st.took, took)
	switch {
	case err != nil:
		st.errors++
	default:
		st.status[resp.StatusCode]++
		if resp.StatusCode >= 500 {
			st.errors++
		}
	}
	return resp, err
}

// Reset forgets what was recorded.
func (r *Recorder) Reset() {
	r.mu.Lock()
	r.routes = map[string]*routeStats{}
	r.mu.Unlock()
}

// Route names a request by its API route, with the path's variable parts
// as the contract writes them.
func Route(method, path string) string {
	parts := strings.Split(strings.Trim(path, "/"), "/")
	switch {
	case len(parts) >= 3 && parts[1] == "sync":
		parts[2] = "{collection}"
	case len(parts) >= 3 && parts[1] == "appointments":
		parts[2] = "{id}"
	case len(parts) >= 3 && parts[1] == "halls":
		parts[2] = "{hall}"
	}
	return method + " /" + strings.Join(parts, "/")
}

// RouteFigures are one route's figures over a run.
type RouteFigures struct {
	Route    string
	Requests int
	P50, P99 time.Duration
	Errors   int
	Status   map[int]int
}

// Figures are the recorded requests' figures, by route, busiest first.
func (r *Recorder) Figures() []RouteFigures {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []RouteFigures
	for route, st := range r.routes {
		took := slices.Clone(st.took)
		slices.Sort(took)
		out = append(out, RouteFigures{Route: route, Requests: len(took), P50: quantile(took, 0.50), P99: quantile(took, 0.99),
			Errors: st.errors, Status: copyCounts(st.status)})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Requests != out[j].Requests {
			return out[i].Requests > out[j].Requests
		}
		return out[i].Route < out[j].Route
	})
	return out
}

func copyCounts(m map[int]int) map[int]int {
	out := make(map[int]int, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// quantile is the q-quantile of sorted durations (nearest rank).
func quantile(sorted []time.Duration, q float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(q*float64(len(sorted))+0.999999) - 1
	return sorted[max(0, min(i, len(sorted)-1))]
}

// Total is the number of requests and errors recorded.
func Total(figs []RouteFigures) (requests, errors int) {
	for _, f := range figs {
		requests += f.Requests
		errors += f.Errors
	}
	return requests, errors
}

// WriteTable writes the figures as a Markdown table.
func WriteTable(w io.Writer, figs []RouteFigures, wall time.Duration) {
	fmt.Fprintln(w, "| route | requests | req/s | p50 ms | p99 ms | errors | answers |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---|")
	for _, f := range figs {
		var st []string
		for _, code := range sortedKeys(f.Status) {
			st = append(st, fmt.Sprintf("%d×%d", f.Status[code], code))
		}
		fmt.Fprintf(w, "| %s | %d | %.0f | %.1f | %.1f | %d | %s |\n", f.Route, f.Requests, float64(f.Requests)/wall.Seconds(),
			ms(f.P50), ms(f.P99), f.Errors, strings.Join(st, " "))
	}
}

func sortedKeys(m map[int]int) []int {
	var out []int
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

package offline

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"jiangsupass/clock/clocktest"
	"jiangsupass/platform"
	"jiangsupass/platform/server"
)

// The faults the proxy injects.
const (
	faultDrop      = "drop before answering"
	faultMidPage   = "drop mid-page"
	fault500       = "500"
	fault503       = "503"
	faultStall     = "stall"
	faultMalformed = "malformed JSON"
	faultRepeat    = "repeated page"
	faultLostReply = "applied, answer lost"
)

// faultProxy sits on loopback between the client and the server and, while
// on, breaks a share of the requests in one of the ways above.
type faultProxy struct {
	target string
	stall  time.Duration
	http   *httptest.Server

	mu     sync.Mutex
	on     bool
	rnd    *rand.Rand
	counts map[string]int
	pages  map[string][][]byte // collection → bodies of sync pages seen
}

func newFaultProxy(t *testing.T, target string, stall time.Duration) *faultProxy {
	p := &faultProxy{target: target, stall: stall, rnd: rand.New(rand.NewPCG(3, 7)),
		counts: map[string]int{}, pages: map[string][][]byte{}}
	p.http = httptest.NewServer(http.HandlerFunc(p.serve))
	t.Cleanup(p.http.Close)
	return p
}

func (p *faultProxy) setOn(on bool) {
	p.mu.Lock()
	p.on = on
	p.mu.Unlock()
}

// pick chooses the fault for a request, or "".
func (p *faultProxy) pick(r *http.Request) string {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.on {
		return ""
	}
	x := p.rnd.IntN(100)
	var f string
	if r.Method == http.MethodPost {
		switch {
		case x < 20:
			f = faultLostReply
		case x < 30:
			f = faultDrop
		case x < 40:
			f = fault503
		}
	} else {
		switch {
		case x < 10:
			f = faultDrop
		case x < 22:
			f = faultMidPage
		case x < 30:
			f = fault500
		case x < 38:
			f = fault503
		case x < 42:
			f = faultStall
		case x < 52:
			f = faultMalformed
		case x < 64:
			f = faultRepeat
		}
	}
	if f != "" {
		p.counts[f]++
	}
	return f
}

func (p *faultProxy) serve(w http.ResponseWriter, r *http.Request) {
	fault := p.pick(r)
	switch fault {
	case faultDrop:
		panic(http.ErrAbortHandler)
	case fault500, fault503:
		code := map[string]int{fault500: 500, fault503: 503}[fault]
		http.Error(w, `{"code":"internal","message":"injected"}`, code)
		return
	case faultStall:
		select {
		case <-time.After(p.stall):
		case <-r.Context().Done():
		}
		return
	case faultMalformed:
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"collection": "attractions", "upserts": [{"id": 5a-001`))
		return
	case faultRepeat:
		coll := strings.TrimPrefix(r.URL.Path, "/v1/sync/")
		p.mu.Lock()
		seen := p.pages[coll]
		var body []byte
		if len(seen) > 0 {
			body = seen[p.rnd.IntN(len(seen))]
		}
		p.mu.Unlock()
		if body != nil {
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write(body)
			return
		}
	}
	status, header, body, err := p.forward(r)
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	if r.Method == http.MethodGet && strings.HasPrefix(r.URL.Path, "/v1/sync/") && status == 200 {
		coll := strings.TrimPrefix(r.URL.Path, "/v1/sync/")
		p.mu.Lock()
		p.pages[coll] = append(p.pages[coll], body)
		p.mu.Unlock()
	}
	if fault == faultLostReply {
		panic(http.ErrAbortHandler) // the server applied it; the client never hears
	}
	for k, v := range header {
		w.Header()[k] = v
	}
	if fault == faultMidPage {
		w.Header().Set("Content-Length", fmt.Sprint(len(body)))
		w.Header().Del("Content-Encoding")
		w.WriteHeader(status)
		_, _ = w.Write(body[:len(body)/2])
		panic(http.ErrAbortHandler)
	}
	w.Header().Del("Content-Length")
	w.Header().Del("Content-Encoding")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// forward passes a request to the server and reads the whole answer,
// uncompressed.
func (p *faultProxy) forward(r *http.Request) (int, http.Header, []byte, error) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return 0, nil, nil, err
	}
	req, err := http.NewRequestWithContext(r.Context(), r.Method, p.target+r.URL.RequestURI(), bytes.NewReader(body))
	if err != nil {
		return 0, nil, nil, err
	}
	for k, v := range r.Header {
		if k != "Accept-Encoding" {
			req.Header[k] = v
		}
	}
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		return 0, nil, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, b, err
}

// TestSyncThroughFaults syncs and delivers the outbox through a proxy that
// drops connections mid-page, answers 500 and 503, stalls, sends
// malformed JSON and repeats pages; once the faults stop, the replica
// equals the server's data and every request was applied exactly once.
func TestSyncThroughFaults(t *testing.T) {
	ctx := context.Background()
	ps := startPlatform(t, server.Options{Catalogue: 1500})
	proxy := newFaultProxy(t, ps.HTTP.URL, 400*time.Millisecond)
	s := openSyncStore(t)
	client := platform.NewClient(proxy.http.URL, platform.Options{Timeout: 250 * time.Millisecond, Retries: 1,
		RetryWait: time.Millisecond, RetryMaxWait: 5 * time.Millisecond})
	eng := NewSyncEngine(s, client, fastSync())
	if err := eng.Sync(ctx); err != nil && problemOf(err) != ProblemSignIn {
		t.Fatal(err)
	}
	signInAdopting(t, s, ps, client)

	// Requests of each kind, and one the platform will refuse.
	slots := []string{"5a-001", "5a-002", "5a-003"}
	var want []OutboxItem
	slotIDs := slotIDsOf(t, s, slots)
	for i := 0; i < 12; i++ {
		slot := slotIDs[i%len(slotIDs)]
		product := slot[:6] + "-adult"
		if _, err := s.PlaceOrder(ctx, platform.OrderRequest{SlotID: slot, ProductID: product, Quantity: 2, Visitors: []platform.OrderVisitor{
			{Name: "游客", DocKind: "passport", DocNumber: fmt.Sprintf("E%08d", 2*i), ProductID: product},
			{Name: "游客", DocKind: "passport", DocNumber: fmt.Sprintf("E%08d", 2*i+1), ProductID: product}}}); err != nil {
			t.Fatal(err)
		}
	}
	for i := 0; i < 6; i++ {
		if _, err := s.Enqueue(ctx, platform.Feedback, platform.FeedbackRequest{Category: "交通", Text: fmt.Sprintf("第%d条意见", i)}); err != nil {
			t.Fatal(err)
		}
	}
	for i := 0; i < 4; i++ {
		if _, err := s.Enqueue(ctx, platform.Appointments, platform.AppointmentRequest{HallID: "hall-320100", ItemID: int64(i + 1),
			Date: clocktest.Workday(), Time: platform.HallTimes(clocktest.Workday())[i]}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.Enqueue(ctx, platform.CardLoss, platform.CardLossRequest{Reason: "lost"}); err != nil {
		t.Fatal(err)
	}
	refused, err := s.Enqueue(ctx, platform.Appointments, platform.AppointmentRequest{HallID: "no-such-hall", ItemID: 1,
		Date: clocktest.Workday(), Time: "09:00"})
	if err != nil {
		t.Fatal(err)
	}
	if want, err = s.Outbox(ctx, OutboxPending); err != nil || len(want) != 24 {
		t.Fatalf("outbox: %d items, %v", len(want), err)
	}

	proxy.setOn(true)
	for round := 0; round < 25; round++ {
		// The server changes between rounds.
		id := fmt.Sprintf("%d", server.GeneratedIDBase+1+round*37)
		if _, err := ps.Patch(ctx, platform.ServiceItems, id, []byte(fmt.Sprintf(`{"notes":"changed in round %d"}`, round))); err != nil {
			t.Fatal(err)
		}
		if round%5 == 0 {
			if _, err := ps.Delete(ctx, platform.ServiceItems, fmt.Sprintf("%d", server.GeneratedIDBase+1000+round)); err != nil {
				t.Fatal(err)
			}
		}
		_ = eng.Sync(ctx) // errors are expected while the faults last
	}
	proxy.setOn(false)
	syncUntilClean(t, eng, s)
	for _, f := range []string{faultDrop, faultMidPage, fault500, fault503, faultStall, faultMalformed, faultRepeat, faultLostReply} {
		if proxy.counts[f] == 0 {
			t.Errorf("the proxy never injected %q", f)
		}
	}
	t.Logf("faults injected: %v", proxy.counts)
	assertSameData(t, s, ps)

	// Every request applied exactly once, the refused one never.
	applied := map[string]int{}
	for _, kind := range platform.Mutations {
		list, err := ps.Applied(ctx, kind)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range list {
			applied[a.Key]++
		}
	}
	for _, it := range want {
		n := applied[it.Key]
		switch {
		case it.ID == refused && n != 0:
			t.Errorf("the refused request was applied %d times", n)
		case it.ID != refused && n != 1:
			t.Errorf("%s %d was applied %d times", it.Kind, it.ID, n)
		}
	}
	failed, _ := s.Outbox(ctx, OutboxFailed)
	if len(failed) != 1 || failed[0].ID != refused || failed[0].ErrorCode != platform.CodeNotFound {
		t.Errorf("failed requests: %+v", failed)
	}
	orders, _ := s.Orders(ctx)
	for _, o := range orders {
		if o.Status != "confirmed" || o.ServerID == "" {
			t.Errorf("order %+v", o)
		}
	}
}

// slotIDsOf returns a slot of each attraction on the last day on sale,
// which has not ended at any hour of the tests' today.
func slotIDsOf(t *testing.T, s *Store, attractions []string) []string {
	t.Helper()
	var out []string
	for _, a := range attractions {
		var id string
		if err := s.db.QueryRow("SELECT id FROM ticket_slots WHERE attraction_id = ? ORDER BY date DESC, start_time LIMIT 1", a).Scan(&id); err != nil {
			t.Fatal(err)
		}
		out = append(out, id)
	}
	return out
}

// syncUntilClean syncs until a run succeeds with nothing left to send,
// at most 50 times, 5 ms apart: the faults have stopped, but backoffs
// they set may still run.
func syncUntilClean(t *testing.T, eng *SyncEngine, s *Store) {
	t.Helper()
	ctx := context.Background()
	for i := 0; ; i++ {
		err := eng.Sync(ctx)
		st, _ := s.SyncStatus(ctx)
		if err == nil && st.Pending == 0 {
			return
		}
		if i == 50 {
			t.Fatalf("no clean sync after the faults: %v, %+v", err, st)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

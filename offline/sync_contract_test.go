package offline

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"jiangsupass/clock/clocktest"
	"jiangsupass/codes"
	"jiangsupass/platform"
	"jiangsupass/platform/server"
)

// exchange is a request the client made and the answer it got.
type exchange struct {
	method, path string
	status       int
	body         []byte
}

// recorder is a transport that keeps every exchange.
type recorder struct {
	mu   sync.Mutex
	seen []exchange
}

func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	b, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	resp.Body = io.NopCloser(bytes.NewReader(b))
	r.mu.Lock()
	r.seen = append(r.seen, exchange{req.Method, req.URL.Path, resp.StatusCode, b})
	r.mu.Unlock()
	return resp, nil
}

// itemSchemas names the schema of each collection's items.
var itemSchemas = map[string]string{
	platform.Attractions: "Attraction", platform.POIs: "POI", platform.TicketProducts: "TicketProduct",
	platform.TicketSlots: "TicketSlot", platform.ServiceItems: "ServiceItem",
	platform.ServiceHalls: "ServiceHall", platform.CrowdLevels: "CrowdLevel",
}

// TestContract checks that every route the server serves and every route
// the client calls is in openapi.yaml, and that every answer of an
// integration run (sync, sign-in, refresh, personal reads, each mutation,
// a refusal) validates against the document's schemas.
func TestContract(t *testing.T) {
	ctx := context.Background()
	api, err := parseOpenAPI(platform.OpenAPI)
	if err != nil {
		t.Fatal(err)
	}
	var skew atomic.Int64 // how far the server's clock is ahead
	ps := startPlatform(t, server.Options{Catalogue: 300,
		Now: func() time.Time { return liveClock().Add(time.Duration(skew.Load())) }})

	for _, route := range ps.Routes() {
		method, path, _ := strings.Cut(route, " ")
		if !api.hasRoute(method, path) {
			t.Errorf("the server serves %s, which openapi.yaml lacks", route)
		}
	}

	rec := &recorder{}
	client := testClient(ps.HTTP.URL, rec)
	s := openSyncStore(t)
	eng := NewSyncEngine(s, client, fastSync())
	if _, err := client.Health(ctx); err != nil {
		t.Fatal(err)
	}
	if err := eng.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	signInAdopting(t, s, ps, client)
	// Twenty minutes on, the access token has expired: this call refreshes it.
	skew.Store(int64(20 * time.Minute))
	if _, err := client.Me(ctx); err != nil {
		t.Fatal(err)
	}
	slot := slotIDsOf(t, s, []string{"5a-004"})[0]
	if _, err := s.PlaceOrder(ctx, platform.OrderRequest{SlotID: slot, ProductID: "5a-004-child", Quantity: 1}); err != nil {
		t.Fatal(err)
	}
	for kind, body := range map[string]any{
		platform.Feedback:     platform.FeedbackRequest{Category: "景区", Text: "很好"},
		platform.Appointments: platform.AppointmentRequest{HallID: "hall-320500", ItemID: 3, Date: clocktest.Workday(), Time: "10:00"},
		platform.CardLoss:     platform.CardLossRequest{Reason: "遗失"},
	} {
		if _, err := s.Enqueue(ctx, kind, body); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.Enqueue(ctx, platform.Orders, platform.OrderRequest{SlotID: slot, ProductID: "5a-004-child", Quantity: 99}); err != nil {
		t.Fatal(err)
	}
	if err := eng.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	cancelBookedVisit(t, s, eng)
	if _, err := client.MyOrders(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := client.Checksum(ctx, platform.Attractions); err != nil {
		t.Fatal(err)
	}
	if _, err := client.Pull(ctx, "no_such_collection", 0, 10); err == nil {
		t.Error("a pull of an unknown collection succeeded")
	}
	checkInCalls(t, client)
	crowdCalls(t, ps, rec, liveClock()) // sync_contract_crowd_test.go

	called := map[string]bool{}
	for _, ex := range rec.seen {
		tmpl, ok := api.match(ex.path)
		if !ok || !api.hasRoute(ex.method, tmpl) {
			t.Errorf("the client called %s %s, which openapi.yaml lacks", ex.method, ex.path)
			continue
		}
		called[ex.method+" "+tmpl] = true
		schema, err := api.responseSchema(tmpl, ex.method, ex.status)
		if err != nil {
			t.Error(err)
			continue
		}
		dec := json.NewDecoder(bytes.NewReader(ex.body))
		dec.UseNumber()
		var v any
		if err := dec.Decode(&v); err != nil {
			t.Errorf("%s %s: the answer is not JSON: %v", ex.method, ex.path, err)
			continue
		}
		for _, p := range api.validate(schema, v, ex.method+" "+ex.path) {
			t.Error(p)
		}
		// Each upsert also validates against its own collection's schema.
		if page, ok := v.(map[string]any); ok && strings.HasPrefix(tmpl, "/v1/sync/{collection}") && ex.status == 200 {
			if name, ok := itemSchemas[page["collection"].(string)]; ok && page["upserts"] != nil {
				for _, u := range page["upserts"].([]any) {
					for _, p := range api.validate(api.schema(name), u, ex.path+" upsert") {
						t.Error(p)
					}
				}
			}
		}
	}
	// The run must have exercised every route the client has.
	for _, route := range append(crowdRoutes, "GET /v1/health", "GET /v1/sync/{collection}", "GET /v1/sync/{collection}/items",
		"GET /v1/sync/{collection}/checksum", "POST /v1/auth/code", "POST /v1/auth/token", "POST /v1/auth/refresh",
		"GET /v1/me", "GET /v1/me/orders", "POST /v1/orders", "POST /v1/appointments", "POST /v1/appointments/{id}/cancel", "POST /v1/feedback", "POST /v1/card/loss",
		"POST /v1/halls/{hall}/check-ins") {
		if !called[route] {
			t.Errorf("the integration run never called %s", route)
		}
	}
	t.Logf("%d answers validated over %d routes", len(rec.seen), len(called))
}

// checkInCalls checks the signed-in resident in at a hall twice (a new
// number, then the same one), and makes the two refusals: a forged code
// and a hall that does not exist.
func checkInCalls(t *testing.T, client *platform.Client) {
	t.Helper()
	ctx := context.Background()
	dev, err := codes.NewDevice()
	if err != nil {
		t.Fatal(err)
	}
	g, err := client.IssueCredential(ctx, platform.CredentialService, dev.PublicKey())
	if err != nil {
		t.Fatal(err)
	}
	code, err := dev.Present(g.Credential, liveClock().Add(20*time.Minute)) // the server's clock runs 20 min ahead here
	if err != nil {
		t.Fatal(err)
	}
	first, err := client.CheckIn(ctx, "hall-320500", code)
	if err != nil {
		t.Fatal(err)
	}
	again, err := client.CheckIn(ctx, "hall-320500", code)
	if err != nil || again.Number != first.Number {
		t.Fatalf("checked in again: %+v, %v; first %+v", again, err, first)
	}
	var pe *platform.Error
	if _, err := client.CheckIn(ctx, "hall-320500", "JSP1:"+strings.Repeat("0", 40)); !errors.As(err, &pe) || pe.Status != 422 {
		t.Errorf("a forged code: %v", err)
	}
	if _, err := client.CheckIn(ctx, "hall-nowhere", code); !errors.As(err, &pe) || pe.Status != 404 {
		t.Errorf("no such hall: %v", err)
	}
}

// cancelBookedVisit cancels, through the outbox, the visit the run booked.
func cancelBookedVisit(t *testing.T, s *Store, eng *SyncEngine) {
	t.Helper()
	ctx := context.Background()
	sent, err := s.Outbox(ctx, OutboxSent)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range sent {
		var a platform.Appointment
		if it.Kind != platform.Appointments || json.Unmarshal(it.Result, &a) != nil || a.ID == "" {
			continue
		}
		if _, err := s.Enqueue(ctx, platform.AppointmentCancels, platform.AppointmentCancel{ID: a.ID}); err != nil {
			t.Fatal(err)
		}
		if err := eng.Sync(ctx); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Fatal("the run booked no visit")
}

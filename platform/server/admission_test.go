package server

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"jiangsupass/crowd"
	"jiangsupass/platform"
)

// TestThreeGatesAdmitConcurrently has three gates of one area send 500
// admissions each at once, every one of them also repeated with its key,
// over 1000 tickets of which 500 two gates admit (as two gates apart
// would): the area counts each ticket's visitors once, exactly; each
// overlapping ticket gets one unflagged and one flagged admission,
// whichever gate came first; a repeated key changes nothing.
func TestThreeGatesAdmitConcurrently(t *testing.T) {
	b := newCrowdBench(t)
	const area = "5a-018" // counts exits; 30000 at once
	gates := []string{"g1", "g2", "g3"}
	visitors := func(ticket int) int { return 1 + ticket%3 }
	type answer struct {
		ticket int
		a      platform.Admission
	}
	var mu sync.Mutex
	var answers []answer
	var wg sync.WaitGroup
	errs := make(chan error, 3*500*2)
	for g, gate := range gates {
		c := b.client(t, b.issue(t, area, gate))
		tickets := make(chan int)
		for range 4 { // each gate sends on four connections
			wg.Add(1)
			go func() {
				defer wg.Done()
				for n := range tickets {
					req := b.admission(area, gate, fmt.Sprintf("t-%04d", n), visitors(n))
					k := idemKey(gate, n)
					first, err := c.Admit(context.Background(), k, req)
					if err != nil {
						errs <- err
						continue
					}
					again, err := c.Admit(context.Background(), k, req)
					if err != nil || again != first {
						errs <- fmt.Errorf("ticket %d at %s again: %+v, %v; first %+v", n, gate, again, err, first)
					}
					mu.Lock()
					answers = append(answers, answer{n, first})
					mu.Unlock()
				}
			}()
		}
		go func() {
			for n := g * 250; n < g*250+500; n++ {
				tickets <- n
			}
			close(tickets)
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}

	unflagged, flagged := map[int]int{}, map[int]int{}
	var counted []crowd.Admission // the oracle's input: each ticket's first admission
	for _, a := range answers {
		if a.a.Flagged {
			flagged[a.ticket]++
			continue
		}
		unflagged[a.ticket]++
		at, _ := time.Parse(time.RFC3339, a.a.At)
		counted = append(counted, crowd.Admission{At: at, Gate: a.a.Gate, Visitors: a.a.Visitors})
	}
	want := 0
	for n := range 1000 {
		want += visitors(n)
		if unflagged[n] != 1 {
			t.Errorf("ticket %d admitted unflagged %d times", n, unflagged[n])
		}
		twice := n >= 250 && n < 750
		if f := flagged[n]; twice && f != 1 || !twice && f != 0 {
			t.Errorf("ticket %d flagged %d times", n, f)
		}
	}
	l := b.level(t, area)
	oracle := crowd.CountAt(b.clk.Now(), counted, nil, true, 0)
	if l.EntriesToday != want || l.InPark != want || oracle.Entries != want {
		t.Errorf("entries %d, in park %d (oracle %+v); want %d", l.EntriesToday, l.InPark, oracle, want)
	}
	var rows, flaggedRows int
	if err := b.s.db.QueryRow("SELECT count(*), coalesce(sum(flagged), 0) FROM admissions WHERE attraction_id = ?", area).Scan(&rows, &flaggedRows); err != nil {
		t.Fatal(err)
	}
	if rows != 1500 || flaggedRows != 500 {
		t.Errorf("%d admissions stored, %d flagged; want 1500 and 500", rows, flaggedRows)
	}
	applied, err := b.s.Applied(context.Background(), platform.Admissions)
	if err != nil || len(applied) != 1500 {
		t.Errorf("%d admissions applied (%v), want 1500", len(applied), err)
	}
}

// TestAdmissionKeyAppliedOnce repeats an admission with its key, also
// under a token issued again for the same gate, and sends the key with
// another body.
func TestAdmissionKeyAppliedOnce(t *testing.T) {
	b := newCrowdBench(t)
	ctx := context.Background()
	const area = "5a-005"
	c := b.client(t, b.issue(t, area, "east"))
	req := b.admission(area, "east", "o-1", 3)
	first, err := c.Admit(ctx, "admit-key-1", req)
	if err != nil || first.Flagged {
		t.Fatalf("admit: %+v, %v", first, err)
	}
	again := b.client(t, b.issue(t, area, "east")) // the gate's token, issued again
	second, err := again.Admit(ctx, "admit-key-1", req)
	if err != nil || second != first {
		t.Errorf("the key again under a new token: %+v, %v; want %+v", second, err, first)
	}
	other := req
	other.Visitors = 4
	var pe *platform.Error
	if _, err := c.Admit(ctx, "admit-key-1", other); !errors.As(err, &pe) || pe.Code != platform.CodeIdempotencyReuse {
		t.Errorf("the key with another body: %v", err)
	}
	if l := b.level(t, area); l.EntriesToday != 3 || l.InPark != 3 {
		t.Errorf("entries %d, in park %d; want 3", l.EntriesToday, l.InPark)
	}
	if _, err := c.RecordExit(ctx, "exit-key-1", platform.ExitRequest{AttractionID: area, Gate: "east", Visitors: 2, At: req.At}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.RecordExit(ctx, "exit-key-1", platform.ExitRequest{AttractionID: area, Gate: "east", Visitors: 2, At: req.At}); err != nil {
		t.Fatal(err)
	}
	if l := b.level(t, area); l.EntriesToday != 3 || l.InPark != 1 || l.Estimated {
		t.Errorf("after one exit of 2, sent twice: %+v; want 3 entries, 1 in the park, counted", l)
	}
}

// TestGateRecordsRefused sends what a gate may not record: each refusal
// is the documented answer and records nothing.
func TestGateRecordsRefused(t *testing.T) {
	b := newCrowdBench(t)
	api := loadContract(t)
	const area = "5a-005"
	gate := b.issue(t, area, "east")
	staff := b.issue(t, area, "")
	otherArea := b.issue(t, "5a-001", "east")
	now := b.clk.Now()
	ok := b.admission(area, "east", "o-1", 2)
	with := func(f func(*platform.AdmissionRequest)) platform.AdmissionRequest { r := ok; f(&r); return r }
	for i, c := range []struct {
		name   string
		token  string
		body   any
		status int
	}{
		{"no token", "", ok, http.StatusUnauthorized},
		{"a made-up token", areaTokenPrefix + "0000", ok, http.StatusUnauthorized},
		{"a staff token", staff, ok, http.StatusForbidden},
		{"another area's gate", otherArea, ok, http.StatusForbidden},
		{"another gate", gate, with(func(r *platform.AdmissionRequest) { r.Gate = "west" }), http.StatusForbidden},
		{"no visitors", gate, with(func(r *platform.AdmissionRequest) { r.Visitors = 0 }), http.StatusBadRequest},
		{"a crowd at once", gate, with(func(r *platform.AdmissionRequest) { r.Visitors = platform.MaxGateVisitors + 1 }), http.StatusBadRequest},
		{"no ticket", gate, with(func(r *platform.AdmissionRequest) { r.TicketID = "" }), http.StatusBadRequest},
		{"a clock far ahead", gate, with(func(r *platform.AdmissionRequest) {
			r.At = now.Add(platform.GateClockSkew + time.Second).Format(time.RFC3339)
		}), http.StatusBadRequest},
		{"a month late", gate, with(func(r *platform.AdmissionRequest) {
			r.At = now.Add(-platform.GateBacklog - time.Hour).Format(time.RFC3339)
		}), http.StatusBadRequest},
		{"not a time", gate, with(func(r *platform.AdmissionRequest) { r.At = "14:05" }), http.StatusBadRequest},
		{"an unknown field", gate, map[string]any{"ticket_id": "o-1", "attraction_id": area, "gate": "east", "visitors": 1, "at": ok.At, "x": 1}, http.StatusBadRequest},
	} {
		req, _ := http.NewRequest(http.MethodPost, b.hs.URL+"/v1/admissions", jsonBody(t, c.body))
		req.Header.Set("Idempotency-Key", idemKey("refused", i))
		if c.token != "" {
			req.Header.Set("Authorization", "Bearer "+c.token)
		}
		status, body := do(t, b.hs.Client(), req)
		if status != c.status {
			t.Errorf("%s: %d %s, want %d", c.name, status, body, c.status)
		}
		api.checkAnswer(t, "POST", "/v1/admissions", status, body)
	}
	// A clock a little ahead is a gate's, not a mistake.
	if _, err := b.client(t, gate).Admit(context.Background(), "admit-ahead-1", with(func(r *platform.AdmissionRequest) {
		r.At = now.Add(platform.GateClockSkew).Format(time.RFC3339)
	})); err != nil {
		t.Errorf("an admission stamped %v ahead: %v", platform.GateClockSkew, err)
	}
	if l := b.level(t, area); l.EntriesToday != 0 {
		t.Errorf("entries %d after refusals and one admission stamped ahead of now; want 0 (it counts once its time comes)", l.EntriesToday)
	}
	b.clk.Add(platform.GateClockSkew)
	if l := b.level(t, area); l.EntriesToday != 2 {
		t.Errorf("entries %d once its time came, want 2", l.EntriesToday)
	}
}

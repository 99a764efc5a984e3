package offline

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"jiangsupass/clock/clocktest"
	"jiangsupass/platform"
)

// testGate is the east gate of the Confucius Temple.
var testGate = GatePost{AttractionID: "5a-002", Gate: "east"}

// TestGateRefusesATicketItAdmitted: a ticket admitted once is refused the
// second time, with no network, at this gate or at another this device
// serves as, after the store is opened again and after a kiosk reset;
// its admission is one request in the outbox, made in the same
// transaction as the gate's row.
func TestGateRefusesATicketItAdmitted(t *testing.T) {
	ctx := context.Background()
	clk := clocktest.NewSettable(clocktest.At(t, clocktest.Days(0), "14:05"))
	path := seededCopy(t)
	s, _, err := Open(ctx, path, Options{Anchors: testAnchors, Now: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	first, err := s.Admit(ctx, testGate, "o-1001", 2)
	if err != nil {
		t.Fatal(err)
	}
	if !first.At.Equal(clk.Now()) || first.Visitors != 2 {
		t.Errorf("admission %+v", first)
	}
	clk.Add(3 * time.Minute)
	if _, err := s.Admit(ctx, testGate, "o-1002", 1); err != nil {
		t.Fatal(err)
	}
	if err := s.RecordExit(ctx, testGate, 1); err != nil {
		t.Fatal(err)
	}
	refused := func(s *Store, gate string) {
		t.Helper()
		_, err := s.Admit(ctx, GatePost{AttractionID: testGate.AttractionID, Gate: gate}, "o-1001", 2)
		var ae *AlreadyAdmittedError
		if !errors.Is(err, ErrAlreadyAdmitted) || !errors.As(err, &ae) || ae.First.Gate != "east" || !ae.First.At.Equal(first.At) {
			t.Errorf("second admission at %s: %v, want ErrAlreadyAdmitted by east at %v", gate, err, first.At)
		}
	}
	refused(s, "east")
	refused(s, "west")
	items, err := s.Outbox(ctx, OutboxPending)
	if err != nil || len(items) != 3 {
		t.Fatalf("outbox: %d items (%v), want 2 admissions and an exit", len(items), err)
	}
	var req platform.AdmissionRequest
	if err := json.Unmarshal(items[0].Body, &req); err != nil || items[0].Kind != platform.Admissions ||
		req.TicketID != "o-1001" || req.Gate != "east" || req.Visitors != 2 || req.At != wireTime(first.At) {
		t.Errorf("the first request: %s %s (%v)", items[0].Kind, items[0].Body, err)
	}
	day, err := s.GateToday(ctx, testGate)
	if err != nil || day.Admissions != 2 || day.Admitted != 3 || day.Exits != 1 || day.Waiting != 3 || day.Last == nil || day.Last.TicketID != "o-1002" {
		t.Errorf("GateToday = %+v, %v", day, err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	// Opened again (a restart): the requests wait still, the ticket is
	// refused still; and a kiosk's reset between visitors keeps both.
	s, _, err = Open(ctx, path, Options{Anchors: testAnchors, Now: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	refused(s, "east")
	if err := s.ForgetVisitor(ctx); err != nil {
		t.Fatal(err)
	}
	refused(s, "east")
	after, err := s.Outbox(ctx, OutboxPending)
	if err != nil || len(after) != 3 {
		t.Fatalf("after a restart and a reset: %d requests (%v), want 3", len(after), err)
	}
	for i, it := range after {
		if it.Key != items[i].Key || it.Unreadable || string(it.Body) != string(items[i].Body) {
			t.Errorf("request %d after a restart and a reset: %+v, was %+v", i, it, items[i])
		}
	}
	if n, err := s.VisitorRows(ctx); err != nil || n != 0 {
		t.Errorf("VisitorRows = %d, %v: a gate's records are not a visitor's", n, err)
	}

	// The next day the ticket is refused still: a ticket is let in once.
	clk.Add(24 * time.Hour)
	refused(s, "east")
	if day, err := s.GateToday(ctx, testGate); err != nil || day.Admissions != 0 || day.Last != nil {
		t.Errorf("GateToday the next day = %+v, %v", day, err)
	}
}

// TestGateRefusesWhatThePlatformWould: bad IDs and numbers of visitors are
// refused before anything is written.
func TestGateRefusesWhatThePlatformWould(t *testing.T) {
	ctx := context.Background()
	s, _, err := Open(ctx, "", Options{Memory: true, Anchors: testAnchors, Now: liveClock})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	long := string(make([]byte, platform.MaxIDLen+1))
	for name, c := range map[string]struct {
		p        GatePost
		ticket   string
		visitors int
	}{
		"no ticket":         {testGate, "", 1},
		"ticket with space": {testGate, " o-1", 1},
		"long ticket":       {testGate, long, 1},
		"no gate":           {GatePost{AttractionID: "5a-002"}, "o-1", 1},
		"no area":           {GatePost{Gate: "east"}, "o-1", 1},
		"no visitors":       {testGate, "o-1", 0},
		"too many":          {testGate, "o-1", platform.MaxGateVisitors + 1},
	} {
		if _, err := s.Admit(ctx, c.p, c.ticket, c.visitors); !errors.Is(err, ErrBadGateRecord) {
			t.Errorf("%s: %v, want ErrBadGateRecord", name, err)
		}
	}
	if err := s.RecordExit(ctx, testGate, 0); !errors.Is(err, ErrBadGateRecord) {
		t.Errorf("an exit of no one: %v", err)
	}
	if n := count(t, s, "outbox") + count(t, s, "gate_admissions") + count(t, s, "gate_exits"); n != 0 {
		t.Errorf("refused records wrote %d rows", n)
	}
}

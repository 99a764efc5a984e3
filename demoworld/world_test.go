package demoworld

import (
	"testing"
	"time"

	"jiangsupass/clock"
	"jiangsupass/codes"
	"jiangsupass/offline"
	"jiangsupass/platform"
)

// at is the moment the tests' world is seen at: a Friday morning in China.
var at = time.Date(2026, 5, 1, 9, 30, 0, 0, clock.China)

// TestFill fills a resident's and a visitor's store and finds the
// resident's life in the first and none of it in the second: signed in
// with a card and codes that show, four orders (past, running now,
// refunded, unsent), a visit booked for this morning, three visitors, a
// stale code a terminal refuses; the visitor's store synced but signed out.
func TestFill(t *testing.T) {
	ctx := t.Context()
	dir := t.TempDir()
	w, err := New(ctx, dir, at)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	start := time.Now()
	visitor, resident, r, err := w.OpenAndFill(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer visitor.Close()
	defer resident.Close()
	t.Logf("filled in %v", time.Since(start).Round(time.Millisecond))
	if !w.Clock.Now().Equal(at) {
		t.Errorf("the clock is left at %v, want %v", w.Clock.Now(), at)
	}
	if _, err := resident.Card(ctx); err != nil {
		t.Errorf("the resident's card: %v", err)
	}
	shown, err := resident.PresentCode(ctx, platform.CredentialService, at)
	if err != nil {
		t.Fatalf("the 苏服码 at At: %v", err)
	}
	trust, err := resident.TrustList(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := codes.NewVerifier().Verify(shown.Text, trust, at); err != nil {
		t.Errorf("the code shown at At is refused: %v", err)
	}
	if _, err := codes.NewVerifier().Verify(r.StaleCode, trust, at); err == nil {
		t.Error("the stale code is accepted")
	}
	orders, err := resident.TicketOrders(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var states []string
	for _, o := range orders {
		states = append(states, o.Date+" "+o.Start+" "+o.Status+" "+o.RefundState)
	}
	want := []string{"2026-04-28 13:00 confirmed ", "2026-05-01 09:00 confirmed ", "2026-05-02 11:00 confirmed refunded", "2026-05-03 09:00 pending "}
	if len(states) != len(want) {
		t.Fatalf("orders: %q, want %q", states, want)
	}
	for i := range want {
		if states[i] != want[i] {
			t.Errorf("order %d: %q, want %q", i, states[i], want[i])
		}
	}
	if _, err := resident.PresentTicket(ctx, orders[1].LocalID, at); err != nil {
		t.Errorf("the ticket of the slot running now: %v", err)
	}
	apps, err := resident.Appointments(ctx)
	if err != nil || len(apps) != 1 || apps[0].Status != offline.RequestDone || apps[0].HallID != DemoHall || apps[0].Date != "2026-05-01" {
		t.Errorf("appointments: %+v, %v", apps, err)
	}
	if v, err := resident.Visitors(ctx); err != nil || len(v) != 3 {
		t.Errorf("visitors: %d, %v", len(v), err)
	}
	if _, err := visitor.Session(ctx); err == nil {
		t.Error("someone is signed in on the visitor's store")
	}
	if slots, err := visitor.TicketSlots(ctx, demoAttraction, "2026-05-01"); err != nil || len(slots) == 0 {
		t.Errorf("the visitor's store has no slots from the platform: %v", err)
	}
}

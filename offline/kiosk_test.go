package offline

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"

	"jiangsupass/clock/clocktest"
	"jiangsupass/idcard"
	"jiangsupass/platform"
)

// TestForgetVisitor: a visitor's session, card and favourite in a memory
// store are all gone after the kiosk reset, and public data stays.
func TestForgetVisitor(t *testing.T) {
	ctx := context.Background()
	s, _, err := Open(ctx, "", Options{Memory: true, Anchors: testAnchors, Now: liveClock})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.SaveSession(ctx, Session{SignedInAt: liveClock()}); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveCard(ctx, CardRecord{Card: platform.Card{}, FetchedAt: liveClock()}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetFavourite(ctx, "attraction", "x", true); err != nil {
		t.Fatal(err)
	}
	if n, err := s.VisitorRows(ctx); err != nil || n != 3 {
		t.Fatalf("visitor rows before the reset: %d, %v; want 3", n, err)
	}
	before, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.ForgetVisitor(ctx); err != nil {
		t.Fatal(err)
	}
	if n, err := s.VisitorRows(ctx); err != nil || n != 0 {
		t.Errorf("visitor rows after the reset: %d, %v", n, err)
	}
	if _, err := s.Session(ctx); !errors.Is(err, ErrSignedOut) {
		t.Errorf("session after the reset: %v", err)
	}
	if after, err := s.Stats(ctx); err != nil || !reflect.DeepEqual(after, before) {
		t.Errorf("public data changed: %+v → %+v, %v", before, after, err)
	}
}

// TestEveryTableIsClassified: each table of the schema is either one a
// visitor leaves rows in (cleared by ForgetVisitor) or one that holds no
// visitor's data, so that a new table cannot be forgotten by the kiosk's
// reset.
func TestEveryTableIsClassified(t *testing.T) {
	s := openSyncStore(t)
	rows, err := s.db.Query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	known := map[string]bool{}
	for _, n := range append(append([]string(nil), visitorTables...), publicTables...) {
		if known[n] {
			t.Errorf("%s is classified twice", n)
		}
		known[n] = true
	}
	seen := 0
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		if strings.HasPrefix(name, "search_part_fts_") || strings.HasPrefix(name, "search_doc_fts_") {
			continue // the full-text index's own tables
		}
		seen++
		if !known[name] {
			t.Errorf("table %s is neither a visitor's nor public: add it to visitorTables or publicTables", name)
		}
		delete(known, name)
	}
	for name := range known {
		t.Errorf("%s is classified but not in the schema", name)
	}
	if seen < 20 {
		t.Fatalf("read %d tables; the query is wrong", seen)
	}
}

// TestSignOutAfterEveryRequest: a resident who booked a ticket and a hall
// visit and sent feedback can sign out (an order's ticket and a booking
// point at their requests), and the kiosk's reset then leaves no row.
func TestSignOutAfterEveryRequest(t *testing.T) {
	ctx := context.Background()
	s, _, c := signInPersonal(t)
	if err := NewSyncEngine(s, c, fastSync()).Sync(ctx); err != nil {
		t.Fatal(err)
	}
	slot := lastSlotOf(t, s, "5a-010")
	products, err := s.TicketProducts(ctx, "5a-010")
	if err != nil || len(products) == 0 {
		t.Fatalf("products: %v, %v", products, err)
	}
	visitor := platform.OrderVisitor{Name: "王小明", DocKind: string(idcard.KindResidentID), DocNumber: "320102198503151230", ProductID: products[0].ID}
	if _, err := s.BookTickets(ctx, slot, []platform.OrderVisitor{visitor}); err != nil {
		t.Fatal(err)
	}
	halls, err := s.ServiceHalls(ctx, "320100")
	if err != nil || len(halls) == 0 {
		t.Fatalf("halls: %v, %v", halls, err)
	}
	if _, err := s.BookAppointment(ctx, platform.AppointmentRequest{HallID: halls[0].ID, ItemID: 7, Date: clocktest.Workday(), Time: "09:30"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SendFeedback(ctx, platform.FeedbackRequest{Category: "交通", Text: "出口指示不清"}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetFavourite(ctx, FavouriteAttraction, "5a-010", true); err != nil {
		t.Fatal(err)
	}
	for _, table := range []string{"ticket_orders", "orders", "appointments", "feedback", "outbox", "personal_records", "favourites"} {
		if count(t, s, table) == 0 {
			t.Fatalf("no %s row to clear: the test sets up too little", table)
		}
	}
	if err := s.SignOut(ctx); err != nil {
		t.Fatalf("sign out after booking: %v", err)
	}
	for _, table := range []string{"ticket_orders", "orders", "appointments", "personal_records"} {
		if n := count(t, s, table); n != 0 {
			t.Errorf("%d %s rows after sign-out", n, table)
		}
	}
	if err := s.ForgetVisitor(ctx); err != nil {
		t.Fatalf("kiosk reset: %v", err)
	}
	if n, err := s.VisitorRows(ctx); n != 0 || err != nil {
		t.Errorf("visitor rows after the reset: %d, %v", n, err)
	}
	var problems int
	if err := s.db.QueryRow("SELECT count(*) FROM pragma_foreign_key_check").Scan(&problems); err != nil || problems != 0 {
		t.Errorf("foreign key problems after the reset: %d, %v", problems, err)
	}
}

package screens

import (
	"context"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"jiangsupass/clock/clocktest"
	"jiangsupass/offline"
	"jiangsupass/platform"
	"jiangsupass/platform/server"
	"jiangsupass/screens/widgets"
)

// syncedTicketEnv is a test Env whose store has synced the ticket
// products and slots of a reference server.
func syncedTicketEnv(t *testing.T) (*Env, *recordingNav) {
	t.Helper()
	env, nav, _ := syncedTicketEnvAt(t, clocktest.Now())
	return env, nav
}

// syncedTicketEnvAt is syncedTicketEnv with the clock that the env, its
// store and the server share set to at first (the server opens a week of
// slots from its first day).
func syncedTicketEnvAt(t *testing.T, at time.Time) (*Env, *recordingNav, *clocktest.Settable) {
	t.Helper()
	env, nav, clk := testEnvClock(t, "en")
	clk.Set(at)
	ctx := context.Background()
	srv, err := server.Open(ctx, filepath.Join(t.TempDir(), "p.db"), server.Options{Now: env.Now})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(func() { hs.Close(); _ = srv.Close() })
	c := platform.NewClient(hs.URL, platform.Options{Timeout: 5 * time.Second})
	if err := offline.NewSyncEngine(env.Store, c, offline.SyncOptions{}).Sync(ctx); err != nil {
		t.Fatal(err)
	}
	return env, nav, clk
}

// TestBookingRefusesBadDocumentThenQueues goes through the visitor and
// review steps: a bad check digit is explained and saves nothing; a good
// visitor is saved and chosen; submitting offline puts one order in the
// outbox, and its e-ticket page says in words that it waits to be sent.
func TestBookingRefusesBadDocumentThenQueues(t *testing.T) {
	env, nav := syncedTicketEnv(t)
	ctx := context.Background()
	slots, err := env.Store.TicketSlots(ctx, "5a-010", "")
	if err != nil || len(slots) == 0 {
		t.Fatalf("slots: %v", err)
	}
	st := bookingState{attraction: "5a-010", step: "visitors", slot: slots[len(slots)-1].ID, counts: map[string]int{"5a-010-adult": 1}}
	screen := buildBooking(env, Route{Screen: BookingID, Param: st.param()})
	show(t, screen)
	entries := find[*widgets.Entry](screen)
	if len(entries) != 2 {
		t.Fatalf("%d entries in the visitor form", len(entries))
	}
	test.Type(entries[0], "王小明")
	test.Type(entries[1], "320102198503151231")
	test.Tap(labelled(t, screen, env.T("VisitorSave")))
	if !showsText(screen, env.T("DocErrCheckDigit")) {
		t.Fatal("a bad check digit was not explained")
	}
	if v, _ := env.Store.Visitors(ctx); len(v) != 0 {
		t.Fatalf("a bad document was saved: %+v", v)
	}
	entries[1].SetText("320102198503151230")
	test.Tap(labelled(t, screen, env.T("VisitorSave")))
	next := parseBookingState(nav.last().Param)
	if len(next.visitors) != 1 || next.step != "visitors" {
		t.Fatalf("after saving: %+v", next)
	}
	next.step = "review"
	review := buildBooking(env, Route{Screen: BookingID, Param: next.param()})
	show(t, review)
	if !showsText(review, env.T("BookingOfflineNote")) {
		t.Fatal("the review does not say what happens offline")
	}
	test.Tap(labelled(t, review, env.T("BookingSubmit")))
	if nav.last().Screen != ETicketID {
		t.Fatalf("after submit went to %+v", nav.last())
	}
	pending, _ := env.Store.Outbox(ctx, offline.OutboxPending)
	if len(pending) != 1 || pending[0].Kind != platform.Orders {
		t.Fatalf("outbox: %+v", pending)
	}
	ticket := buildETicket(env, nav.last())
	show(t, ticket)
	if !showsText(ticket, env.T("TicketWaitsSignIn")) || !strings.Contains(env.T("TicketWaitsSignIn"), "not confirmed") {
		t.Fatal("the order made signed out is not shown as waiting for a sign-in")
	}
}

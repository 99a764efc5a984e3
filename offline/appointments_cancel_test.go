package offline

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"jiangsupass/clock"
	"jiangsupass/clock/clocktest"
	"jiangsupass/platform"
	"jiangsupass/platform/server"
)

// cancelPosts counts the cancels and the bookings that reached a logged
// platform.
func cancelPosts(log *requestLog) (cancels, bookings int) {
	for _, r := range log.all() {
		switch {
		case r.method == "POST" && strings.HasPrefix(r.path, "/v1/appointments/") && strings.HasSuffix(r.path, "/cancel"):
			cancels++
		case r.method == "POST" && r.path == "/v1/appointments":
			bookings++
		}
	}
	return cancels, bookings
}

// onlyAppointment is the store's one appointment.
func onlyAppointment(t *testing.T, s *Store) Appointment {
	t.Helper()
	as, err := s.Appointments(context.Background())
	if err != nil || len(as) != 1 {
		t.Fatalf("appointments: %+v, %v", as, err)
	}
	return as[0]
}

// visitAt books a visit at Nanjing's hall on the next workday at hm.
func visitAt(hm string) platform.AppointmentRequest {
	return platform.AppointmentRequest{HallID: "hall-320100", ItemID: 7, Date: clocktest.Workday(), Time: hm}
}

// TestCancelBookedAppointment: a visit the platform has booked is cancelled
// through the outbox: "cancelling" at once, then, after syncing three
// times, "cancelled", with exactly one cancel having reached the platform;
// the hall, full at that time before, takes a visit again.
func TestCancelBookedAppointment(t *testing.T) {
	ctx := context.Background()
	ps, url, log := startLoggedPlatform(t)
	s := openSyncStore(t)
	if err := s.UseServer(ctx, url); err != nil {
		t.Fatal(err)
	}
	c := testClient(url, nil)
	signInStore(t, s, ps, c, 0)
	eng := NewSyncEngine(s, c, fastSync())
	a, err := s.BookAppointment(ctx, visitAt("10:00"))
	if err != nil {
		t.Fatal(err)
	}
	if err := eng.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	if got := onlyAppointment(t, s); got.Status != RequestDone || got.ServerID == "" || got.Cancel != CancelNone {
		t.Fatalf("booked: %+v", got)
	}
	// The other places at 10:00 are taken: the hall is full then.
	body, _ := json.Marshal(visitAt("10:00"))
	for i := 1; i < platform.HallSlotVisits; i++ {
		if _, err := c.Mutate(ctx, platform.Appointments, "fill-the-slot-"+string(rune('a'+i)), body); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := c.Mutate(ctx, platform.Appointments, "one-too-many", body); !isCode(err, platform.CodeSlotFull) {
		t.Fatalf("the hall full at 10:00 took another visit: %v", err)
	}

	outcome, err := s.CancelAppointment(ctx, a.LocalID)
	if err != nil || outcome != CancelPending {
		t.Fatalf("cancel: %q, %v", outcome, err)
	}
	if got := onlyAppointment(t, s); got.Cancel != CancelPending {
		t.Errorf("just cancelled: %+v, want cancelling", got)
	}
	if _, err := s.CancelAppointment(ctx, a.LocalID); !errors.Is(err, ErrCancelNot) {
		t.Errorf("cancelled twice: %v", err)
	}
	for range 3 {
		if err := eng.Sync(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if got := onlyAppointment(t, s); got.Cancel != CancelDone || got.Status != RequestDone {
		t.Errorf("after syncing: %+v, want cancelled", got)
	}
	if cancels, _ := cancelPosts(log); cancels != 1 {
		t.Errorf("%d cancels reached the platform, want 1", cancels)
	}
	if applied, err := ps.Applied(ctx, platform.AppointmentCancels); err != nil || len(applied) != 1 {
		t.Errorf("the platform applied %d cancels (%v), want 1", len(applied), err)
	}
	if _, err := c.Mutate(ctx, platform.Appointments, "the-freed-place", body); err != nil {
		t.Errorf("the freed place at 10:00: %v", err)
	}
}

// isCode reports whether err is the platform's refusal with code.
func isCode(err error, code string) bool {
	var pe *platform.Error
	return errors.As(err, &pe) && pe.Code == code
}

// TestWithdrawNeverSentAppointment: a booking still waiting on the device,
// never sent, is withdrawn: "cancelled" at once, nothing left to send, and
// nothing ever reaches the platform.
func TestWithdrawNeverSentAppointment(t *testing.T) {
	ctx := context.Background()
	ps, url, log := startLoggedPlatform(t)
	s := openSyncStore(t)
	if err := s.UseServer(ctx, url); err != nil {
		t.Fatal(err)
	}
	c := testClient(url, nil)
	signInStore(t, s, ps, c, 0)
	a, err := s.BookAppointment(ctx, visitAt("10:30"))
	if err != nil {
		t.Fatal(err)
	}
	outcome, err := s.CancelAppointment(ctx, a.LocalID)
	if err != nil || outcome != CancelDone {
		t.Fatalf("withdraw: %q, %v", outcome, err)
	}
	if got := onlyAppointment(t, s); got.Cancel != CancelDone || got.Status != RequestWithdrawn {
		t.Errorf("withdrawn: %+v", got)
	}
	if pending, failed, err := s.OutboxCounts(ctx); pending != 0 || failed != 0 || err != nil {
		t.Errorf("outbox after the withdrawal: %d pending, %d failed, %v", pending, failed, err)
	}
	eng := NewSyncEngine(s, c, fastSync())
	for range 2 {
		if err := eng.Sync(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if cancels, bookings := cancelPosts(log); cancels != 0 || bookings != 0 {
		t.Errorf("the platform got %d bookings and %d cancels, want none", bookings, cancels)
	}
}

// TestCancelWhileAnswerAwaited: a booking whose first attempt failed (the
// platform was unreachable) may have reached it, so a cancel keeps it in
// the outbox: once the platform books it, the visit is cancelled there.
func TestCancelWhileAnswerAwaited(t *testing.T) {
	ctx := context.Background()
	ps := startPlatform(t, server.Options{})
	log := &requestLog{}
	var down atomic.Bool
	logged := log.wrap(ps.HTTP.Config.Handler)
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if down.Load() {
			http.Error(w, `{"code":"unavailable","message":"down"}`, http.StatusServiceUnavailable)
			return
		}
		logged.ServeHTTP(w, r)
	}))
	t.Cleanup(front.Close)
	s := openSyncStore(t)
	if err := s.UseServer(ctx, front.URL); err != nil {
		t.Fatal(err)
	}
	c := testClient(front.URL, nil)
	signInStore(t, s, ps, c, 0)
	a, err := s.BookAppointment(ctx, visitAt("11:00"))
	if err != nil {
		t.Fatal(err)
	}
	down.Store(true)
	eng := NewSyncEngine(s, c, fastSync())
	if err := eng.Sync(ctx); err == nil {
		t.Fatal("a sync with the platform down succeeded")
	}
	down.Store(false)
	if items, _ := s.Outbox(ctx, OutboxPending); len(items) != 1 || items[0].Attempts == 0 {
		t.Fatalf("the booking after a failed attempt: %+v", items)
	}
	outcome, err := s.CancelAppointment(ctx, a.LocalID)
	if err != nil || outcome != CancelPending {
		t.Fatalf("cancel after a failed attempt: %q, %v", outcome, err)
	}
	if got := onlyAppointment(t, s); got.Cancel != CancelPending || got.Status != RequestPending {
		t.Errorf("cancelling: %+v", got)
	}
	for range 3 {
		if err := eng.Sync(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if got := onlyAppointment(t, s); got.Cancel != CancelDone || got.Status != RequestDone {
		t.Errorf("after syncing: %+v, want booked and cancelled", got)
	}
	if cancels, bookings := cancelPosts(log); cancels != 1 || bookings != 1 {
		t.Errorf("the platform got %d bookings and %d cancels, want 1 and 1", bookings, cancels)
	}
}

// TestWithdrawnOnItsWay replays a withdrawal made while the sync engine
// was sending the booking: the platform's answer, which comes after,
// records the booking and cancels the visit at the platform.
func TestWithdrawnOnItsWay(t *testing.T) {
	ctx := context.Background()
	ps, url, log := startLoggedPlatform(t)
	s := openSyncStore(t)
	if err := s.UseServer(ctx, url); err != nil {
		t.Fatal(err)
	}
	c := testClient(url, nil)
	signInStore(t, s, ps, c, 0)
	a, err := s.BookAppointment(ctx, visitAt("13:30"))
	if err != nil {
		t.Fatal(err)
	}
	due, err := s.dueFor(ctx, c.Origin())
	if err != nil || len(due) != 1 {
		t.Fatalf("due: %+v, %v", due, err)
	}
	// The engine has read the booking and is sending it; the resident
	// withdraws it meanwhile.
	if outcome, err := s.CancelAppointment(ctx, a.LocalID); err != nil || outcome != CancelDone {
		t.Fatalf("withdraw: %q, %v", outcome, err)
	}
	res, err := c.Mutate(ctx, due[0].Kind, due[0].Key, due[0].Body)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.settleOutbox(ctx, due[0], res, nil); err != nil {
		t.Fatal(err)
	}
	if got := onlyAppointment(t, s); got.Status != RequestDone || got.Cancel != CancelPending {
		t.Errorf("the answer after the withdrawal: %+v, want booked and cancelling", got)
	}
	if err := NewSyncEngine(s, c, fastSync()).Sync(ctx); err != nil {
		t.Fatal(err)
	}
	if got := onlyAppointment(t, s); got.Cancel != CancelDone {
		t.Errorf("after syncing: %+v, want cancelled", got)
	}
	if cancels, _ := cancelPosts(log); cancels != 1 {
		t.Errorf("%d cancels reached the platform, want 1", cancels)
	}
}

// TestCancelTooLate: once a visit's time has come (China time) it cannot
// be cancelled, and nothing changes.
func TestCancelTooLate(t *testing.T) {
	ctx := context.Background()
	clk := clocktest.NewSettable(clocktest.Now())
	s, _, err := Open(ctx, seededCopy(t), Options{Anchors: testAnchors, Now: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	a, err := s.BookAppointment(ctx, visitAt("14:00"))
	if err != nil {
		t.Fatal(err)
	}
	at, err := clock.At(a.Date, a.Time)
	if err != nil {
		t.Fatal(err)
	}
	clk.Set(at)
	if _, err := s.CancelAppointment(ctx, a.LocalID); !errors.Is(err, ErrCancelPast) {
		t.Errorf("cancel at the visit's time: %v", err)
	}
	if got := onlyAppointment(t, s); got.Cancel != CancelNone || got.Status != RequestPending {
		t.Errorf("after the refusal: %+v", got)
	}
	if _, err := s.CancelAppointment(ctx, 999); !errors.Is(err, ErrNotFound) {
		t.Errorf("no such appointment: %v", err)
	}
}

package app

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"jiangsupass/clock/clocktest"
	"jiangsupass/idcard"
	"jiangsupass/offline"
	"jiangsupass/platform"
	"jiangsupass/platform/server"
	"jiangsupass/screens"
)

// bookSignedOut books one ticket of the last slot of 5a-010 through the
// app's store, as the booking screen does, and returns the order's ID.
func bookSignedOut(t *testing.T, s *Shell) offline.TicketOrder {
	t.Helper()
	ctx := context.Background()
	slots, err := s.store.TicketSlots(ctx, "5a-010", "")
	if err != nil || len(slots) == 0 {
		t.Fatalf("slots: %v, %v", slots, err)
	}
	products, err := s.store.TicketProducts(ctx, "5a-010")
	if err != nil || len(products) == 0 {
		t.Fatalf("products: %v, %v", products, err)
	}
	o, err := s.store.BookTickets(ctx, slots[len(slots)-1], []platform.OrderVisitor{{Name: "王小明",
		DocKind: string(idcard.KindResidentID), DocNumber: "320102198503151230", ProductID: products[0].ID}})
	if err != nil {
		t.Fatal(err)
	}
	return o
}

// signInThroughScreen types account's phone and the code the platform
// sent into the sign-in screen and taps Sign in.
func signInThroughScreen(t *testing.T, s *Shell, w fyne.Window, p *testPlatform, account int) {
	t.Helper()
	entries := signInFields(t, s, w)
	phone := server.DemoAccounts[account].Phone
	test.Type(entries[0], phone)
	if !tapText(w.Content(), "Send me a code") {
		t.Fatal("no button to send a code")
	}
	code := p.Code(phone)
	if code == "" {
		t.Fatal("the server sent no code")
	}
	test.Type(entries[1], code)
	if !tapText(w.Content(), "Sign in") {
		t.Fatal("no sign-in button")
	}
}

// shownText reports whether the window's content shows text, which may
// be wrapped over several lines.
func shownText(w fyne.Window, text string) bool {
	return strings.Contains(strings.Join(textsOf(w.Content()), " "), text)
}

// changed returns a channel told of each change of the store that names
// want; subscribed after a screen's own subscription, it is told after
// the screen has refreshed.
func changed(t *testing.T, st *offline.Store, want offline.Change) chan struct{} {
	ch := make(chan struct{}, 1)
	stop := st.OnChange(func(c offline.Change) {
		if c.Has(want) {
			select {
			case ch <- struct{}{}:
			default:
			}
		}
	})
	t.Cleanup(stop)
	return ch
}

// TestSignedOutOrderIsAdoptedAtSignIn is issue #17's points 1 and 3: a
// tourist books signed out; the e-ticket page says the order waits for a
// sign-in and offers it; signing in asks whether to send it with this
// account; once agreed, the order reaches the platform exactly once, and
// the e-ticket page, left open, turns to "Confirmed, 1 ticket" without
// being reopened.
func TestSignedOutOrderIsAdoptedAtSignIn(t *testing.T) {
	ctx := context.Background()
	p := startTestPlatform(t)
	s, w := newTestShell(t, prefs{lang: "en", theme: ThemeLight}, LayoutPhone, fyne.NewSize(390, 844))
	s.syncer = newSyncer(s.store, p.URL, "test", "en")
	defer s.syncer.stop()
	ui := make(chan func(), 10000)
	s.syncer.do = func(f func()) { ui <- f }
	if err := syncOnce(t, s.syncer); err != nil {
		t.Fatal(err)
	}
	o := bookSignedOut(t, s)
	ticket := screens.Route{Screen: screens.ETicketID, Param: strconv.FormatInt(o.LocalID, 10)}

	s.Go(ticket)
	if !shownText(w, "Waiting for you to sign in") {
		t.Fatalf("the e-ticket page of an order made signed out does not say it waits for a sign-in: %q",
			strings.Join(textsOf(w.Content()), " | "))
	}
	if !tapText(w.Content(), "Sign in") || s.Current().Screen != screens.SignInID {
		t.Fatal("the e-ticket page offers no way to sign in")
	}
	signInThroughScreen(t, s, w, p, 0)
	asked := overlayText(w)
	if !strings.Contains(asked, "Made on this device before you signed in: 1 ticket order") ||
		!strings.Contains(asked, "Send them with my account") {
		t.Fatalf("the sign-in did not ask about the order: %q", asked)
	}
	if got, _ := s.store.Outbox(ctx, offline.OutboxPending); len(got) != 1 || got[0].Owner != "" {
		t.Fatalf("before the answer the order is %+v", got)
	}
	if !tapText(w.Canvas().Overlays().Top(), "Continue") {
		t.Fatal("no button to continue in the question")
	}
	if _, err := s.store.Session(ctx); err != nil {
		t.Fatalf("not signed in after the answer: %v", err)
	}

	s.Go(ticket)
	if !shownText(w, "Waiting to be sent") {
		t.Fatalf("the order taken on is not shown as on its way: %q", strings.Join(textsOf(w.Content()), " | "))
	}
	settled := changed(t, s.store, offline.ChangeRequests)
	if err := syncOnce(t, s.syncer); err != nil {
		t.Fatal(err)
	}
	select {
	case <-settled:
	case <-time.After(5 * time.Second):
		t.Fatal("no change of the store was told after the order was confirmed")
	}
	drain(ui) // the page's refresh, which waits for the UI goroutine
	if !shownText(w, "Confirmed, 1 ticket") || shownText(w, "Confirmed, 1 tickets") {
		t.Errorf("the open e-ticket page did not turn to confirmed: %q", strings.Join(textsOf(w.Content()), " | "))
	}
	if err := syncOnce(t, s.syncer); err != nil {
		t.Fatal(err)
	}
	drain(ui)
	if got, err := p.Applied(ctx, platform.Orders); err != nil || len(got) != 1 {
		t.Errorf("the platform applied %d orders (%v), want exactly 1", len(got), err)
	}
}

// TestSecondResidentIsAsked: a resident's order waits for server A (the
// app was pointed at another server and back); a second resident signing
// in on A is asked about it as another person's; kept for them, it is
// neither sent under the second resident's account nor deleted.
func TestSecondResidentIsAsked(t *testing.T) {
	ctx := context.Background()
	a, b := startTestPlatform(t), startTestPlatform(t)
	s, w := newTestShell(t, prefs{lang: "en", theme: ThemeLight}, LayoutPhone, fyne.NewSize(390, 844))
	s.syncer = newSyncer(s.store, a.URL, "test", "en")
	defer s.syncer.stop()
	ui := make(chan func(), 10000)
	s.syncer.do = func(f func()) { ui <- f }
	if err := syncOnce(t, s.syncer); err != nil {
		t.Fatal(err)
	}
	signInOn(t, s.syncer, a)
	bookSignedOut(t, s) // signed in: the first resident's order
	for _, u := range []string{b.URL, a.URL} {
		if err := s.syncer.SetAPIURL(u); err != nil {
			t.Fatal(err)
		}
	}
	if err := syncOnce(t, s.syncer); err != nil && !strings.Contains(err.Error(), "not signed in") {
		t.Fatal(err)
	}

	signInThroughScreen(t, s, w, a, 1)
	asked := overlayText(w)
	if !strings.Contains(asked, "Waiting for another person's account: 1 ticket order") ||
		!strings.Contains(asked, "Keep them for that person") {
		t.Fatalf("the second resident was not asked about the first's order: %q", asked)
	}
	if !tapText(w.Canvas().Overlays().Top(), "Continue") {
		t.Fatal("no button to continue in the question")
	}
	for range 2 {
		if err := syncOnce(t, s.syncer); err != nil {
			t.Fatal(err)
		}
	}
	drain(ui)
	if got, _ := a.Applied(ctx, platform.Orders); len(got) != 0 {
		t.Errorf("A applied %d orders of the first resident under the second's account", len(got))
	}
	pending, _ := s.store.Outbox(ctx, offline.OutboxPending)
	if len(pending) != 1 || pending[0].Owner != "u-demo-1" {
		t.Errorf("the first resident's order, kept for them: %+v", pending)
	}
}

// TestAppointmentAndFeedbackGoOutAtOnce: with the app's sync running on
// its 15-minute interval and its first run over, an appointment and a
// 12345 message made while online reach the platform within 2 s.
func TestAppointmentAndFeedbackGoOutAtOnce(t *testing.T) {
	ctx := context.Background()
	p := startTestPlatform(t)
	s, _ := newTestShell(t, prefs{lang: "en", theme: ThemeLight}, LayoutPhone, fyne.NewSize(390, 844))
	s.syncer = newSyncer(s.store, p.URL, "test", "en")
	defer s.syncer.stop()
	s.syncer.do = func(func()) {} // no screen watches the sync here
	signInOn(t, s.syncer, p)
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if st, _ := s.store.SyncStatus(ctx); !st.LastSuccess.IsZero() && !s.syncer.Progress().Running {
			break
		}
	}
	time.Sleep(300 * time.Millisecond)
	halls, _ := s.store.ServiceHalls(ctx, "320100")
	if len(halls) == 0 {
		t.Fatal("no hall")
	}
	queued := time.Now()
	if _, err := s.store.BookAppointment(ctx, platform.AppointmentRequest{HallID: halls[0].ID, ItemID: 7,
		Date: clocktest.WorkdayAfter(snapshotClock()), Time: "09:30"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.store.SendFeedback(ctx, platform.FeedbackRequest{Category: "environment", Text: "路灯坏了"}); err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{"/v1/appointments": false, "/v1/feedback": false}
	for time.Since(queued) < 2*time.Second {
		for _, r := range p.log() {
			f := strings.Fields(r)
			if _, ok := want[f[1]]; ok && f[0] == "POST" {
				want[f[1]] = true
			}
		}
		if want["/v1/appointments"] && want["/v1/feedback"] {
			t.Logf("both reached the platform %v after they were made", time.Since(queued).Round(time.Millisecond))
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Errorf("2 s after they were made, reached the platform: %v", want)
}

package offline

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"jiangsupass/clock/clocktest"
	"jiangsupass/idcard"
	"jiangsupass/platform"
	"jiangsupass/platform/server"
)

// loggedRequest is what a server received: method, path, Authorization
// header and body.
type loggedRequest struct {
	method, path, auth, body string
}

// requestLog records every request that reaches a handler.
type requestLog struct {
	mu   sync.Mutex
	seen []loggedRequest
}

func (l *requestLog) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
		l.mu.Lock()
		l.seen = append(l.seen, loggedRequest{r.Method, r.URL.Path, r.Header.Get("Authorization"), string(b)})
		l.mu.Unlock()
		r.Body = io.NopCloser(strings.NewReader(string(b)))
		next.ServeHTTP(w, r)
	})
}

func (l *requestLog) all() []loggedRequest {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]loggedRequest(nil), l.seen...)
}

// startLoggedPlatform is a reference server whose address logs what
// reaches it.
func startLoggedPlatform(t *testing.T) (*platformServer, string, *requestLog) {
	t.Helper()
	ps := startPlatform(t, server.Options{})
	log := &requestLog{}
	front := httptest.NewServer(log.wrap(ps.HTTP.Config.Handler))
	t.Cleanup(front.Close)
	return ps, front.URL, log
}

// signInStore signs the store in on a server as a demo account and syncs
// the resident's side.
func signInStore(t *testing.T, s *Store, ps *platformServer, c *platform.Client, account int) {
	t.Helper()
	ctx := context.Background()
	phone := server.DemoAccounts[account].Phone
	if _, err := c.RequestCode(ctx, phone); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SignIn(ctx, c, phone, ps.code(phone)); err != nil {
		t.Fatal(err)
	}
	if err := s.SyncPersonal(ctx, c); err != nil {
		t.Fatal(err)
	}
}

// personalSecrets are what the requests made in queuePersonal carry.
var personalSecrets = []string{"320102198503151230", "13912345678", "楼道灯坏了三天"}

// queuePersonal makes, signed in, a ticket order with a visitor's document
// number, a hall appointment and 12345 feedback with a contact number; none
// is sent yet.
func queuePersonal(t *testing.T, s *Store) {
	t.Helper()
	ctx := context.Background()
	slot := lastSlotOf(t, s, "5a-010")
	products, err := s.TicketProducts(ctx, "5a-010")
	if err != nil || len(products) == 0 {
		t.Fatalf("products %v, %v", products, err)
	}
	if _, err := s.BookTickets(ctx, slot, []platform.OrderVisitor{{Name: "王小明",
		DocKind: string(idcard.KindResidentID), DocNumber: personalSecrets[0], ProductID: products[0].ID}}); err != nil {
		t.Fatal(err)
	}
	halls, err := s.ServiceHalls(ctx, "320100")
	if err != nil || len(halls) == 0 {
		t.Fatalf("halls %v, %v", halls, err)
	}
	if _, err := s.BookAppointment(ctx, platform.AppointmentRequest{HallID: halls[0].ID, ItemID: 7,
		Date: clocktest.Workday(), Time: "09:30"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SendFeedback(ctx, platform.FeedbackRequest{Category: "environment", Text: personalSecrets[2],
		Contact: personalSecrets[1]}); err != nil {
		t.Fatal(err)
	}
}

// assertNothingPersonal fails the test for anything personal that reached
// a server: a bearer token, a refresh token, a /v1/me read, a request
// (order, appointment, feedback, card loss, refund), or the data of one.
// It also fails when the server received nothing at all, so that a check
// of an empty log cannot pass by accident.
func assertNothingPersonal(t *testing.T, log *requestLog, tokens platform.Tokens) {
	t.Helper()
	got := log.all()
	if len(got) == 0 {
		t.Fatal("the server received no request at all: the app did not sync with it")
	}
	mutations := map[string]bool{}
	for _, p := range platform.MutationPath {
		mutations[p] = true
	}
	for _, r := range got {
		what := r.method + " " + r.path
		switch {
		case r.auth != "":
			t.Errorf("%s carried Authorization %q", what, r.auth)
		case strings.HasPrefix(r.path, "/v1/me"), strings.HasPrefix(r.path, "/v1/auth/"):
			t.Errorf("%s reached the server", what)
		case mutations[r.path]:
			t.Errorf("%s (a personal request) reached the server", what)
		}
		for _, secret := range append([]string{tokens.AccessToken, tokens.RefreshToken}, personalSecrets...) {
			if secret != "" && (strings.Contains(r.body, secret) || strings.Contains(r.auth, secret)) {
				t.Errorf("%s carried %q", what, secret)
			}
		}
	}
}

// twoServers is a store signed in on server A, with requests not yet
// sent (queuePersonal), and a server B that logs what reaches it.
type twoServers struct {
	s    *Store
	a, b *platformServer
	bURL string
	bLog *requestLog
	ca   *platform.Client // the client A's session was made with
}

// signedInOnA builds twoServers: the store has synced from A, and the
// first demo resident signed in there has queued their requests.
func signedInOnA(t *testing.T) *twoServers {
	t.Helper()
	ctx := context.Background()
	f := &twoServers{a: startPlatform(t, server.Options{}), s: openSyncStore(t)}
	f.b, f.bURL, f.bLog = startLoggedPlatform(t)
	if err := f.s.UseServer(ctx, f.a.HTTP.URL); err != nil {
		t.Fatal(err)
	}
	f.ca = testClient(f.a.HTTP.URL, nil)
	if err := NewSyncEngine(f.s, f.ca, fastSync()).Sync(ctx); err != nil {
		t.Fatal(err)
	}
	signInStore(t, f.s, f.a, f.ca, 0)
	queuePersonal(t, f.s)
	return f
}

// TestChangeOfServerSendsNothingPersonal is issue #15's check: signed in
// on server A with an order, an appointment and feedback not yet sent, the
// app is pointed at server B and syncs: B receives no token, no refresh
// token, no /v1/me read and no personal request. The resident is signed
// out on the device; the requests wait for A, and are delivered there,
// once each, when the app is pointed at A again and the resident signs in.
func TestChangeOfServerSendsNothingPersonal(t *testing.T) {
	ctx := context.Background()
	f := signedInOnA(t)
	s, a, b, bURL, bLog := f.s, f.a, f.b, f.bURL, f.bLog
	tokens := f.ca.Tokens()
	if n, _, _ := s.OutboxCounts(ctx); n != 3 {
		t.Fatalf("%d requests pending on A, want 3", n)
	}

	// Pointed at B: the resident is signed out, the requests stay for A.
	if err := s.UseServer(ctx, bURL); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Session(ctx); !errors.Is(err, ErrSignedOut) {
		t.Errorf("session after the change of server: %v", err)
	}
	if _, err := s.Card(ctx); !errors.Is(err, ErrNotFound) {
		t.Errorf("card after the change of server: %v", err)
	}
	aOrigin, _ := platform.Origin(a.HTTP.URL)
	waiting, err := s.WaitingElsewhere(ctx)
	if err != nil || len(waiting) != 1 || waiting[0].Origin != aOrigin || waiting[0].Count != 3 {
		t.Fatalf("waiting elsewhere: %+v, %v", waiting, err)
	}
	if n, _, _ := s.OutboxCounts(ctx); n != 0 {
		t.Errorf("%d requests counted as pending for B", n)
	}
	if fs, _ := s.FeedbackSent(ctx); len(fs) != 0 {
		t.Errorf("the signed-out user is shown the resident's feedback: %+v", fs)
	}

	// The app syncs with B: a client of B is made and offered the stored
	// session, the engine runs, and the resident's side is synced.
	cb := testClient(bURL, nil)
	if sess, err := s.Session(ctx); err == nil {
		_ = cb.ResumeTokens(sess.Origin, sess.Tokens)
	}
	for range 2 {
		if err := NewSyncEngine(s, cb, fastSync()).Sync(ctx); err != nil && problemOf(err) != ProblemSignIn {
			t.Fatal(err)
		}
	}
	if err := s.SyncPersonal(ctx, cb); err != nil {
		t.Fatal(err)
	}
	assertNothingPersonal(t, bLog, tokens)
	for _, kind := range []string{platform.Orders, platform.Appointments, platform.Feedback} {
		if got, _ := b.Applied(ctx, kind); len(got) != 0 {
			t.Errorf("B applied %d %s", len(got), kind)
		}
	}

	// Back on A, the resident signs in again: the requests go there.
	if err := s.UseServer(ctx, a.HTTP.URL); err != nil {
		t.Fatal(err)
	}
	ca2 := testClient(a.HTTP.URL, nil)
	signInStore(t, s, a, ca2, 0)
	if n, _, _ := s.OutboxCounts(ctx); n != 3 {
		t.Fatalf("%d requests pending on A after signing in again, want 3", n)
	}
	for range 2 {
		if err := NewSyncEngine(s, ca2, fastSync()).Sync(ctx); err != nil {
			t.Fatal(err)
		}
	}
	for _, kind := range []string{platform.Orders, platform.Appointments, platform.Feedback} {
		if got, _ := a.Applied(ctx, kind); len(got) != 1 {
			t.Errorf("A applied %d %s, want 1", len(got), kind)
		}
	}
	if orders, _ := s.Orders(ctx); len(orders) != 1 || orders[0].Status != "confirmed" {
		t.Errorf("orders after delivery to A: %+v", orders)
	}
	if w, _ := s.WaitingElsewhere(ctx); len(w) != 0 {
		t.Errorf("still waiting elsewhere: %+v", w)
	}
}

// TestStoredSessionNeverGoesToAnotherServer: even when the store is not
// told of the change (no sign-out), a client of B is not given A's tokens
// and the engine sends B none of A's requests.
func TestStoredSessionNeverGoesToAnotherServer(t *testing.T) {
	ctx := context.Background()
	f := signedInOnA(t)
	s := f.s
	cb := testClient(f.bURL, nil)
	if err := s.SyncPersonal(ctx, cb); !errors.Is(err, platform.ErrOtherServer) {
		t.Errorf("the resident's side synced with B: %v", err)
	}
	if err := NewSyncEngine(s, cb, fastSync()).Sync(ctx); err != nil {
		t.Fatal(err)
	}
	assertNothingPersonal(t, f.bLog, f.ca.Tokens())
	if pending, _ := s.Outbox(ctx, OutboxPending); len(pending) != 3 {
		t.Errorf("%d requests still pending for A, want 3", len(pending))
	}
}

// TestAnotherResidentIsAsked: requests left waiting for A by one
// resident are offered to another resident signing in on A as someone
// else's, described (kind, what, when), never as theirs to take on. Left
// to wait, none is delivered under the second resident's account, none is
// deleted, and the second resident is not shown the first's order; removed
// by choice, they go with their local effects, the order's tickets back
// in the slot.
func TestAnotherResidentIsAsked(t *testing.T) {
	for _, fate := range []Fate{Leave, Remove} {
		t.Run(map[Fate]string{Leave: "leave", Remove: "remove"}[fate], func(t *testing.T) {
			ctx := context.Background()
			f := signedInOnA(t)
			s, a, bURL := f.s, f.a, f.bURL
			slot := lastSlotOf(t, s, "5a-010")
			if err := s.UseServer(ctx, bURL); err != nil {
				t.Fatal(err)
			}
			if err := s.UseServer(ctx, a.HTTP.URL); err != nil {
				t.Fatal(err)
			}
			other := testClient(a.HTTP.URL, nil)
			phone := server.DemoAccounts[1].Phone
			if _, err := other.RequestCode(ctx, phone); err != nil {
				t.Fatal(err)
			}
			offer, err := s.BeginSignIn(ctx, other, phone, a.code(phone))
			if err != nil {
				t.Fatal(err)
			}
			if !offer.Asks() || len(offer.SignedOut) != 0 || len(offer.Others) != 3 {
				t.Fatalf("offer: signed out %+v, others %+v", offer.SignedOut, offer.Others)
			}
			if o := offer.Others[0]; o.Kind != platform.Orders || o.Subject != "5a-010" || o.Date != slot.Date ||
				o.Time != slot.Start || o.Tickets != 1 {
				t.Errorf("the order is described as %+v", o)
			}
			if o := offer.Others[1]; o.Kind != platform.Appointments || o.Date != clocktest.Workday() || o.Time != "09:30" {
				t.Errorf("the appointment is described as %+v", o)
			}
			if other.SignedIn() {
				t.Error("the client holds the new tokens before the answer")
			}
			if _, err := offer.Finish(ctx, SignInChoice{Others: Adopt}); !errors.Is(err, ErrBadChoice) {
				t.Errorf("another resident's requests were taken on: %v", err)
			}
			if _, err := offer.Finish(ctx, SignInChoice{Others: fate}); err != nil {
				t.Fatal(err)
			}
			if err := s.SyncPersonal(ctx, other); err != nil {
				t.Fatal(err)
			}
			if err := NewSyncEngine(s, other, fastSync()).Sync(ctx); err != nil {
				t.Fatal(err)
			}
			for _, kind := range []string{platform.Orders, platform.Appointments, platform.Feedback} {
				if got, _ := a.Applied(ctx, kind); len(got) != 0 {
					t.Errorf("A applied %d %s of the first resident under the second's account", len(got), kind)
				}
			}
			if shown, _ := s.TicketOrders(ctx); len(shown) != 0 {
				t.Errorf("the second resident is shown the first's orders: %+v", shown)
			}
			items, _ := s.Outbox(ctx, OutboxPending)
			remaining := lastSlotOf(t, s, "5a-010").Remaining
			switch fate {
			case Leave:
				if len(items) != 3 || items[0].Owner != "u-demo-1" {
					t.Errorf("the first resident's requests left to wait: %+v", items)
				}
				if remaining != slot.Remaining {
					t.Errorf("slot %d left, want %d: the waiting order's ticket is still taken", remaining, slot.Remaining)
				}
			case Remove:
				if len(items) != 0 || count(t, s, "orders") != 0 || count(t, s, "appointments") != 0 {
					t.Errorf("the first resident's requests, removed by choice, are still there: %+v", items)
				}
				if remaining != slot.Remaining+1 {
					t.Errorf("slot %d left after the order was removed, want %d", remaining, slot.Remaining+1)
				}
			}
		})
	}
}

// TestDiscardWaiting: the requests waiting for another server can be
// discarded, with their local effects; those of the current server
// cannot be discarded this way.
func TestDiscardWaiting(t *testing.T) {
	ctx := context.Background()
	f := signedInOnA(t)
	s, a, bURL := f.s, f.a, f.bURL
	slot := lastSlotOf(t, s, "5a-010")
	if err := s.UseServer(ctx, bURL); err != nil {
		t.Fatal(err)
	}
	bOrigin, _ := platform.Origin(bURL)
	if err := s.DiscardWaiting(ctx, bOrigin); !errors.Is(err, ErrCurrentServer) {
		t.Errorf("discarding the current server's requests: %v", err)
	}
	aOrigin, _ := platform.Origin(a.HTTP.URL)
	if err := s.DiscardWaiting(ctx, aOrigin); err != nil {
		t.Fatal(err)
	}
	for _, table := range []string{"outbox", "orders", "ticket_orders", "appointments", "feedback", "outbox_rows"} {
		if n := count(t, s, table); n != 0 {
			t.Errorf("%d rows left in %s", n, table)
		}
	}
	rows, _ := s.deferredRows(ctx)
	if ids := rows[platform.TicketSlots]; len(ids) != 1 || ids[0] != slot.ID {
		t.Errorf("the slot the order changed is not fetched again: %v", rows)
	}
}

// TestEngineWakesOnlyForRequestsItCanSend: a request for another server,
// or a personal one while no one is signed in, does not bring the next
// automatic sync forward (it used to make the engine sync every second);
// one it can send does.
func TestEngineWakesOnlyForRequestsItCanSend(t *testing.T) {
	ctx := context.Background()
	s := openSyncStore(t)
	if err := s.UseServer(ctx, "http://127.0.0.1:8787"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SendFeedback(ctx, platform.FeedbackRequest{Category: "other", Text: "路灯不亮"}); err != nil {
		t.Fatal(err)
	}
	if err := s.UseServer(ctx, "http://127.0.0.1:8788"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Enqueue(ctx, platform.CardLoss, platform.CardLossRequest{Reason: "lost"}); err != nil {
		t.Fatal(err)
	}
	opt := fastSync()
	opt.Interval = time.Hour
	e := NewSyncEngine(s, testClient("http://127.0.0.1:8788", nil), opt)
	if got := e.nextWake(ctx); got != time.Hour {
		t.Errorf("next sync in %v with nothing it can send, want the interval", got)
	}
	if _, err := s.SendFeedback(ctx, platform.FeedbackRequest{Category: "other", Text: "井盖丢了"}); err != nil {
		t.Fatal(err)
	}
	if got := e.nextWake(ctx); got > time.Second {
		t.Errorf("next sync in %v with a message due, want at once", got)
	}
}

// TestSessionOfAnEarlierBuild: a session saved before sessions recorded
// their server is taken as the server saved in Settings at the upgrade
// (migration 11), and signed out when the app uses another one; with no
// server saved then, its server is unknown and it is signed out.
func TestSessionOfAnEarlierBuild(t *testing.T) {
	ctx := context.Background()
	legacy := Session{Tokens: platform.Tokens{AccessToken: "old-a"}, Profile: platform.Profile{UserID: "u-demo-1"}}
	for _, tc := range []struct {
		name, saved, use string
		kept             bool
	}{
		{"saved server in use", "http://127.0.0.1:8787", "http://127.0.0.1:8787/", true},
		{"saved server, no server now", "http://127.0.0.1:8787", "", true},
		{"another server", "http://127.0.0.1:8787", "http://127.0.0.1:8788", false},
		{"no server saved", "", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := openSyncStore(t)
			if tc.saved != "" {
				if err := setMeta(ctx, s.db, metaLegacyOrigin, tc.saved); err != nil {
					t.Fatal(err)
				}
			}
			if err := s.SaveSession(ctx, legacy); err != nil {
				t.Fatal(err)
			}
			if err := s.UseServer(ctx, tc.use); err != nil {
				t.Fatal(err)
			}
			sess, err := s.Session(ctx)
			switch {
			case tc.kept && (err != nil || sess.Origin != tc.saved || sess.Tokens.AccessToken != "old-a"):
				t.Errorf("session %+v, %v; want it kept for %s", sess, err, tc.saved)
			case !tc.kept && !errors.Is(err, ErrSignedOut):
				t.Errorf("session %+v, %v; want it signed out", sess, err)
			}
		})
	}
}

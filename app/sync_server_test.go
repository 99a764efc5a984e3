package app

import (
	"context"
	"errors"
	"io"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2"

	"jiangsupass/clock/clocktest"
	"jiangsupass/idcard"
	"jiangsupass/offline"
	"jiangsupass/platform"
	"jiangsupass/platform/server"
	"jiangsupass/platform/server/servertest"
	"jiangsupass/screens"
)

// testPlatform is a reference server on loopback that logs every request
// reaching it.
type testPlatform struct {
	*servertest.Platform

	mu   sync.Mutex
	seen []string // "METHOD path | Authorization | body"
}

func startTestPlatform(t *testing.T) *testPlatform {
	t.Helper()
	p := &testPlatform{}
	p.Platform = servertest.Start(t, server.Options{Now: snapshotClock}, func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			b, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
			p.mu.Lock()
			p.seen = append(p.seen, r.Method+" "+r.URL.Path+" | "+r.Header.Get("Authorization")+" | "+string(b))
			p.mu.Unlock()
			r.Body = io.NopCloser(strings.NewReader(string(b)))
			next.ServeHTTP(w, r)
		})
	})
	return p
}

func (p *testPlatform) log() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.seen...)
}

// signInOn signs the app's store in as the first demo resident through
// the syncer's client, as the sign-in screen does.
func signInOn(t *testing.T, sy *syncer, p *testPlatform) {
	t.Helper()
	ctx := context.Background()
	c := sy.Client()
	phone := server.DemoAccounts[0].Phone
	if _, err := c.RequestCode(ctx, phone); err != nil {
		t.Fatal(err)
	}
	p.mu.Lock()
	code := p.Code(phone)
	p.mu.Unlock()
	if _, err := sy.store.SignIn(ctx, c, phone, code); err != nil {
		t.Fatal(err)
	}
	if err := sy.store.SyncPersonal(ctx, c); err != nil {
		t.Fatal(err)
	}
}

// syncOnce stops the syncer's background loop and runs one sync, and the
// resident's side after it, on the test's goroutine.
func syncOnce(t *testing.T, sy *syncer) error {
	t.Helper()
	sy.mu.Lock()
	eng, cancel := sy.engine, sy.cancel
	sy.mu.Unlock()
	if eng == nil {
		t.Fatal("the app syncs from no server")
	}
	cancel()
	return eng.Sync(context.Background())
}

// overlayText is the words of the dialog on top, in reading order.
func overlayText(w fyne.Window) string {
	top := w.Canvas().Overlays().Top()
	if top == nil {
		return ""
	}
	return strings.Join(textsOf(top), " ")
}

// TestServerChangeInSettings is issue #15's check through the app: signed
// in on server A with a ticket order (a visitor's ID number), a hall
// appointment, a card-loss report and 12345 feedback not yet sent, the
// user points the app at server B in Settings. The app says first that
// this signs them out and that the requests stay for A; once agreed, B
// receives no token, no refresh token, no /v1/me read and none of the
// requests, and Settings lists them as waiting for A. Pointed at A again,
// the resident signs in and the requests are delivered there, once each.
func TestServerChangeInSettings(t *testing.T) {
	ctx := context.Background()
	a, b := startTestPlatform(t), startTestPlatform(t)
	s, w := newTestShell(t, prefs{lang: "en", theme: ThemeLight}, LayoutDesktop, fyne.NewSize(1100, 1900))
	s.syncer = newSyncer(s.store, a.URL, "test", "en")
	defer s.syncer.stop()
	ui := make(chan func(), 10000)
	s.syncer.do = func(f func()) { ui <- f }
	if err := syncOnce(t, s.syncer); err != nil {
		t.Fatal(err)
	}
	signInOn(t, s.syncer, a)
	tokens := s.syncer.Client().Tokens()

	// Not yet sent: an order, an appointment, a card-loss report, feedback.
	slots, err := s.store.TicketSlots(ctx, "5a-010", "")
	if err != nil || len(slots) == 0 {
		t.Fatalf("slots: %v, %v", slots, err)
	}
	products, err := s.store.TicketProducts(ctx, "5a-010")
	if err != nil || len(products) == 0 {
		t.Fatalf("products: %v, %v", products, err)
	}
	idNumber, contact := "320102198503151230", "13912345678"
	if _, err := s.store.BookTickets(ctx, slots[len(slots)-1], []platform.OrderVisitor{{Name: "王小明",
		DocKind: string(idcard.KindResidentID), DocNumber: idNumber, ProductID: products[0].ID}}); err != nil {
		t.Fatal(err)
	}
	halls, _ := s.store.ServiceHalls(ctx, "320100")
	if _, err := s.store.BookAppointment(ctx, platform.AppointmentRequest{HallID: halls[0].ID, ItemID: 7,
		Date: clocktest.WorkdayAfter(snapshotClock()), Time: "09:30"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.store.Enqueue(ctx, platform.CardLoss, platform.CardLossRequest{Reason: "lost"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.store.SendFeedback(ctx, platform.FeedbackRequest{Category: "other", Text: "电梯坏了", Contact: contact}); err != nil {
		t.Fatal(err)
	}

	// Settings: a plain http address of another machine is refused.
	s.Go(screens.Route{Screen: screens.SettingsID})
	entry := findEntry(w.Content())
	entry.SetText("http://api.example.cn")
	if !tapText(w.Content(), "Use this server") {
		t.Fatal("no button to use the server")
	}
	if !strings.Contains(strings.Join(textsOf(w.Content()), " "), "must use an https:// address") {
		t.Error("Settings does not say that another machine's server needs https")
	}
	if got := s.syncer.APIURL(); got != a.URL {
		t.Fatalf("the refused address was taken: %q", got)
	}

	// B: the app says what the change does before doing it.
	entry.SetText(b.URL)
	if !tapText(w.Content(), "Use this server") {
		t.Fatal("no button to use the server")
	}
	want := "Changing the server signs you out on this device. Requests not yet sent stay for " + a.URL +
		" and are not sent to the new one."
	if got := overlayText(w); !strings.Contains(got, want) {
		t.Fatalf("the dialog says %q, want %q", got, want)
	}
	shots := os.Getenv("JSP_SYNC_SHOTS") // with a folder, what the window showed
	shoot(t, w, shots, "server-change-dialog.png")
	if s.syncer.APIURL() != a.URL {
		t.Fatal("the server changed before the user agreed")
	}
	if !tapText(w.Canvas().Overlays().Top(), "Change server") {
		t.Fatal("no button to change the server in the dialog")
	}
	if s.syncer.APIURL() != b.URL {
		t.Fatalf("the app uses %q after the change", s.syncer.APIURL())
	}
	if _, err := s.store.Session(ctx); !errors.Is(err, offline.ErrSignedOut) {
		t.Errorf("still signed in after the change of server: %v", err)
	}
	if err := syncOnce(t, s.syncer); err != nil {
		t.Error(err)
	}
	drain(ui)

	seenB := b.log()
	if len(seenB) == 0 {
		t.Fatal("B received nothing: the app did not sync with it")
	}
	for _, r := range seenB {
		path := strings.Fields(r)[1]
		auth := strings.Split(r, " | ")[1]
		switch {
		case auth != "":
			t.Errorf("B received a token: %s", r)
		case strings.HasPrefix(path, "/v1/me"), strings.HasPrefix(path, "/v1/auth/"):
			t.Errorf("B received %s", r)
		}
		for _, p := range platform.MutationPath {
			if path == p {
				t.Errorf("B received a request: %s", r)
			}
		}
		for _, secret := range []string{tokens.AccessToken, tokens.RefreshToken, idNumber, contact} {
			if strings.Contains(r, secret) {
				t.Errorf("B received %q: %s", secret, r)
			}
		}
	}
	s.Go(screens.Route{Screen: screens.SettingsID})
	if !hasText(w.Content(), "Waiting for "+a.URL) {
		t.Errorf("Settings does not list the requests waiting for A: %q", textsOf(w.Content()))
	}
	shoot(t, w, shots, "server-change-waiting.png")

	// Back to A: no one is signed in, so nothing is asked; the resident
	// signs in again and the requests go to A.
	entry = findEntry(w.Content())
	entry.SetText(a.URL)
	if !tapText(w.Content(), "Use this server") {
		t.Fatal("no button to use the server")
	}
	if got := overlayText(w); got != "" {
		t.Errorf("a dialog on going back to A with no one signed in: %q", got)
	}
	signInOn(t, s.syncer, a)
	if err := syncOnce(t, s.syncer); err != nil {
		t.Fatal(err)
	}
	for _, kind := range []string{platform.Orders, platform.Appointments, platform.CardLoss, platform.Feedback} {
		if got, _ := a.Applied(ctx, kind); len(got) != 1 {
			t.Errorf("A applied %d %s, want 1", len(got), kind)
		}
		if got, _ := b.Applied(ctx, kind); len(got) != 0 {
			t.Errorf("B applied %d %s", len(got), kind)
		}
	}
}

// textsOf is every visible text under o.
func textsOf(o fyne.CanvasObject) []string {
	var out []string
	for _, t := range texts(o) {
		out = append(out, t.Text)
	}
	return out
}

// TestPlainHTTPServerRefused: an http:// address of another machine given
// by --api is not synced from, and Settings says why; SetAPIURL refuses
// to save one.
func TestPlainHTTPServerRefused(t *testing.T) {
	ctx := context.Background()
	s, w := newTestShell(t, prefs{lang: "en", theme: ThemeLight}, LayoutDesktop, fyne.NewSize(1100, 1900))
	s.syncer = newSyncer(s.store, "http://api.example.cn:8787", "test", "en")
	defer s.syncer.stop()
	s.syncer.do = func(func()) {}
	if c := s.syncer.Client(); c != nil {
		t.Errorf("the app syncs from a plain http server of another machine: %s", c.BaseURL())
	}
	s.Go(screens.Route{Screen: screens.SettingsID})
	if !strings.Contains(strings.Join(textsOf(w.Content()), " "), "must use an https:// address") {
		t.Error("Settings does not say why the server given is not used")
	}
	if err := s.syncer.SetAPIURL("http://10.0.0.7"); !errors.Is(err, platform.ErrInsecureServer) {
		t.Errorf("SetAPIURL of plain http to another machine: %v", err)
	}
	if v, _, _ := s.store.Setting(ctx, settingAPI); v != "" {
		t.Errorf("the refused address was saved: %q", v)
	}
}

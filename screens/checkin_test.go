package screens

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"jiangsupass/clock"
	"jiangsupass/clock/clocktest"
	"jiangsupass/codes"
	"jiangsupass/offline"
	"jiangsupass/platform"
	"jiangsupass/platform/server"
	"jiangsupass/platform/server/servertest"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// clientSyncer links screens to a platform client, as the app's syncer
// does; it syncs nothing by itself.
type clientSyncer struct{ c *platform.Client }

func (s clientSyncer) APIURL() string             { return "loopback" }
func (s clientSyncer) SetAPIURL(string) error     { return nil }
func (s clientSyncer) SyncNow()                   {}
func (s clientSyncer) Progress() offline.Progress { return offline.Progress{} }
func (s clientSyncer) Watch(func()) (stop func()) { return func() {} }
func (s clientSyncer) Client() *platform.Client   { return s.c }

// checkInPlatform starts a reference server on loopback whose clock is
// env's, and returns its address and the sign-in codes it sends.
func checkInPlatform(t *testing.T, env *Env) (string, map[string]string) {
	t.Helper()
	sent := map[string]string{}
	srv, err := server.Open(context.Background(), filepath.Join(t.TempDir(), "p.db"), server.Options{Now: env.Now,
		OnCode: func(phone, code string) { sent[phone] = code }})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(func() { hs.Close(); _ = srv.Close() })
	return hs.URL, sent
}

// linkPlatform gives the Env a client of the platform at url, as the
// app's syncer does.
func linkPlatform(env *Env, url string) *platform.Client {
	c := platform.NewClient(url, platform.Options{Timeout: 5 * time.Second})
	env.Sync = clientSyncer{c}
	return c
}

// signInStore signs the Env's store in as the first demo resident.
func signInStore(t *testing.T, env *Env, c *platform.Client, sent map[string]string) {
	t.Helper()
	ctx := context.Background()
	number := server.DemoAccounts[0].Phone
	if _, err := c.RequestCode(ctx, number); err != nil {
		t.Fatal(err)
	}
	if _, err := env.Store.SignIn(ctx, c, number, sent[number]); err != nil {
		t.Fatal(err)
	}
}

// TestCheckInAtKiosk: on a hall's kiosk, a resident who booked a visit
// there today scans their 苏服码 and gets an A number from the reference
// server on loopback; a code that has run out is refused at once, in
// words, without asking the platform; with no link to the platform the
// screen says to take a number at the front desk.
func TestCheckInAtKiosk(t *testing.T) {
	ctx := context.Background()
	env, _, clk := testEnvClock(t, "en")
	clk.Set(clocktest.At(t, clocktest.Workday(), "09:10")) // the hall is open; a visit at 16:00 is ahead
	url, sent := checkInPlatform(t, env)

	// The resident's phone: signed in, a visit booked for today, a code.
	phone := platform.NewClient(url, platform.Options{Timeout: 5 * time.Second})
	number := server.DemoAccounts[0].Phone
	if _, err := phone.RequestCode(ctx, number); err != nil {
		t.Fatal(err)
	}
	present, err := servertest.ServiceCodeHolder(ctx, phone, number, sent[number])
	if err != nil {
		t.Fatal(err)
	}
	today := clock.Date(env.Now())
	book, _ := json.Marshal(platform.AppointmentRequest{HallID: "hall-320100", ItemID: 7, Date: today, Time: "16:00"})
	if _, err := phone.Mutate(ctx, platform.Appointments, "visit-0001", book); err != nil {
		t.Fatal(err)
	}
	code, err := present(env.Now())
	if err != nil {
		t.Fatal(err)
	}

	// The hall's kiosk: the public trust list, no one signed in.
	kiosk := platform.NewClient(url, platform.Options{Timeout: 5 * time.Second})
	if err := env.Store.SyncPersonal(ctx, kiosk); err != nil {
		t.Fatal(err)
	}
	env.Kiosk = true
	screen := buildCheckIn(env, CheckInRoute("hall-320100", code))
	show(t, screen)
	if s := shownTexts(screen); !strings.Contains(s, env.T("CheckInOfflineTitle")) {
		t.Fatalf("with no link to the platform:\n%s", s)
	}

	env.Sync = clientSyncer{kiosk}
	screen = buildCheckIn(env, CheckInRoute("hall-320100", code))
	show(t, screen)
	s := shownTexts(screen)
	if !strings.Contains(s, "A001") || !strings.Contains(s, env.L.Tf("CheckInAppointmentAt", map[string]any{"Time": "16:00"})) ||
		!strings.Contains(s, "Nanjing Government Service Centre") || !strings.Contains(s, env.L.Tf("CheckInClears", map[string]any{"Seconds": 20})) {
		t.Fatalf("after the scan:\n%s", s)
	}
	if cleared := timersOf(t, env).fire(); len(cleared) == 0 {
		t.Fatal("the kiosk does not clear the number")
	}
	if s := shownTexts(screen); strings.Contains(s, "A001") || !strings.Contains(s, env.T("CheckInIntroKiosk")) {
		t.Fatalf("after the number is cleared:\n%s", s)
	}

	old, err := present(env.Now().Add(-5 * codes.StepPeriod))
	if err != nil {
		t.Fatal(err)
	}
	screen = buildCheckIn(env, CheckInRoute("hall-320100", old))
	show(t, screen)
	if s := shownTexts(screen); !strings.Contains(s, env.T("VerifyReasonStep")) || strings.Contains(s, "A00") {
		t.Fatalf("a code five steps old:\n%s", s)
	}
}

// TestCheckInWithOwnPhone: a signed-in resident checks in at a hall with
// their phone's own 苏服码 and, with no booking there today, gets a B
// number; signed out, the screen asks them to sign in.
func TestCheckInWithOwnPhone(t *testing.T) {
	ctx := context.Background()
	env, nav := testEnv(t, "en")
	url, sent := checkInPlatform(t, env)
	c := linkPlatform(env, url)

	screen := buildCheckIn(env, CheckInRoute("hall-320500", ""))
	show(t, screen)
	test.Tap(labelled(t, screen, env.T("SignInAction")))
	if nav.last().Screen != SignInID {
		t.Fatalf("signed out, the screen led to %v", nav.last())
	}

	signInStore(t, env, c, sent)
	if err := env.Store.SyncPersonal(ctx, c); err != nil {
		t.Fatal(err)
	}
	screen = buildCheckIn(env, CheckInRoute("hall-320500", ""))
	show(t, screen)
	test.Tap(labelled(t, screen, env.T("CheckInWithMyCode")))
	if s := shownTexts(screen); !strings.Contains(s, "B001") || !strings.Contains(s, env.T("CheckInWalkIn")) {
		t.Fatalf("after checking in with the phone's code:\n%s", s)
	}
}

// TestTodaysBookingLeadsToCheckIn: a hall visit booked and confirmed for
// today offers "Check in here" in the list of bookings, for its hall.
func TestTodaysBookingLeadsToCheckIn(t *testing.T) {
	ctx := context.Background()
	env, nav, clk := testEnvClock(t, "en")
	clk.Set(clocktest.At(t, clocktest.Workday(), "09:10")) // the hall is open; a visit at 16:00 is ahead
	url, sent := checkInPlatform(t, env)
	c := linkPlatform(env, url)
	signInStore(t, env, c, sent)
	today := clock.Date(env.Now())
	if _, err := env.Store.BookAppointment(ctx, platform.AppointmentRequest{HallID: "hall-320100", ItemID: 7, Date: today, Time: "16:00"}); err != nil {
		t.Fatal(err)
	}
	screen := buildAppointment(env, Route{Screen: AppointmentID})
	show(t, screen)
	for _, b := range find[*widget.Button](screen) {
		if b.Text == env.T("CheckInHere") {
			t.Fatal("a booking not yet confirmed offers check-in")
		}
	}
	if err := offline.NewSyncEngine(env.Store, c, offline.SyncOptions{}).Sync(ctx); err != nil {
		t.Fatal(err)
	}
	screen = buildAppointment(env, Route{Screen: AppointmentID})
	show(t, screen)
	test.Tap(labelled(t, screen, env.T("CheckInHere")))
	if r := nav.last(); !r.Is(CheckInRoute("hall-320100", "")) {
		t.Fatalf("check-in went to %+v", r)
	}
}

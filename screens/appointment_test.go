package screens

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"jiangsupass/clock/clocktest"
	"jiangsupass/offline"
	"jiangsupass/platform"
	"jiangsupass/platform/server"
	"jiangsupass/platform/server/servertest"
)

// residentOnPlatform signs env's store in, on a reference server on
// loopback whose clock is env's, as the first demo resident (whose card is
// from 常州), with their card fetched.
func residentOnPlatform(t *testing.T, env *Env) (*servertest.Platform, *platform.Client) {
	t.Helper()
	ctx := context.Background()
	p := servertest.Start(t, server.Options{Now: env.Now}, nil)
	c := linkPlatform(env, p.URL)
	phone := server.DemoAccounts[0].Phone
	if _, err := c.RequestCode(ctx, phone); err != nil {
		t.Fatal(err)
	}
	if _, err := env.Store.SignIn(ctx, c, phone, p.Code(phone)); err != nil {
		t.Fatal(err)
	}
	if err := env.Store.SyncPersonal(ctx, c); err != nil {
		t.Fatal(err)
	}
	return p, c
}

// selectWith is the first Select whose options include name.
func selectWith(o fyne.CanvasObject, option string) *widget.Select {
	for _, s := range find[*widget.Select](o) {
		for _, opt := range s.Options {
			if opt == option {
				return s
			}
		}
	}
	return nil
}

// buttonNamed is the first button with text.
func buttonNamed(o fyne.CanvasObject, text string) *widget.Button {
	for _, b := range find[*widget.Button](o) {
		if b.Text == text {
			return b
		}
	}
	return nil
}

// labelWith is the first label text that contains s, "" for none.
func labelWith(o fyne.CanvasObject, s string) string {
	for _, text := range labelTexts(o) {
		if strings.Contains(text, s) {
			return text
		}
	}
	return ""
}

// TestAppointmentStartsAtResidentsCity: a resident whose card is from 常州
// opens the booking of a province-wide service: the hall picker starts at
// 常州's hall and says why; signed out, it starts at the provincial centre
// and says how to do better.
func TestAppointmentStartsAtResidentsCity(t *testing.T) {
	for _, lang := range []string{"zh-Hans", "en"} {
		t.Run(lang, func(t *testing.T) {
			env, _ := testEnv(t, lang)
			route := Route{Screen: AppointmentID, Param: "7"}
			screen := buildAppointment(env, route)
			show(t, screen)
			province := hallName(env, mustHall(t, env, "hall-320000"))
			if s := selectWith(screen, province); s == nil || s.Selected != province {
				t.Fatalf("signed out, the picker starts at %v, want %q", s, province)
			}
			if !showsText(screen, env.T("AppointmentHallProvince")) {
				t.Errorf("signed out, the picker does not say it starts at the provincial centre: %q", labelTexts(screen))
			}

			residentOnPlatform(t, env)
			screen = buildAppointment(env, route)
			show(t, screen)
			changzhou := hallName(env, mustHall(t, env, "hall-320400"))
			if s := selectWith(screen, changzhou); s == nil || s.Selected != changzhou {
				t.Errorf("with a card from 常州, the picker starts at %q, want %q", s.Selected, changzhou)
			}
			city := map[string]string{"zh-Hans": "常州", "en": "Changzhou"}[lang]
			if note := labelWith(screen, city); note == "" {
				t.Errorf("the picker does not say it starts at the resident's city, %s: %q", city, labelTexts(screen))
			}
		})
	}
}

// mustHall reads a hall.
func mustHall(t *testing.T, env *Env, id string) offline.ServiceHall {
	t.Helper()
	h, err := env.Store.ServiceHall(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// TestAppointmentShowsServiceAndCancels: a resident books a visit; the
// list shows the service booked, the hall, and the day with its weekday in
// the user's language; once the platform has booked it, Cancel shows it
// "cancelling…" at once, and after a sync "cancelled" on the screen shown
// (it follows the store), the cancel having
// reached the reference server exactly once and freed the place.
func TestAppointmentShowsServiceAndCancels(t *testing.T) {
	for _, tc := range []struct{ lang, weekday string }{{"zh-Hans", "周"}, {"en", ""}} {
		t.Run(tc.lang, func(t *testing.T) {
			ctx := context.Background()
			env, _ := testEnv(t, tc.lang)
			p, c := residentOnPlatform(t, env)
			route := Route{Screen: AppointmentID, Param: "7"}
			screen := buildAppointment(env, route)
			show(t, screen)
			book := buttonNamed(screen, env.T("AppointmentBook"))
			if book == nil {
				t.Fatal("no Book button")
			}
			book.OnTapped()

			item, err := env.Store.CatalogueItemByID(ctx, 7)
			if err != nil {
				t.Fatal(err)
			}
			day := clocktest.Workday()
			if d := visitDay(env, day); !strings.Contains(d, env.T("Weekday"+weekdayOf(t, day))) {
				t.Errorf("the day %s is shown as %q, without its weekday", day, d)
			}
			screen = buildAppointment(env, route)
			show(t, screen)
			when := visitWhen(env, day, "09:00")
			row := labelWith(screen, when)
			if row == "" || !showsText(screen, item.Name) || !strings.Contains(row, env.T("RequestPending")) {
				t.Fatalf("the booking does not show its service %q and %q, pending: %q", item.Name, when, labelTexts(screen))
			}
			if tc.lang == "en" && !strings.HasPrefix(when, env.T("Weekday"+weekdayOf(t, day))+" ") {
				t.Errorf("the time reads %q, not beginning with its weekday", when)
			}

			eng := offline.NewSyncEngine(env.Store, c, offline.SyncOptions{})
			if err := eng.Sync(ctx); err != nil {
				t.Fatal(err)
			}
			screen = buildAppointment(env, route)
			show(t, screen)
			if row := labelWith(screen, when); !strings.Contains(row, env.T("RequestDone")) {
				t.Fatalf("after a sync the booking is not received: %q", row)
			}
			cancel := buttonNamed(screen, env.T("AppointmentCancel"))
			if cancel == nil {
				t.Fatalf("no %q button: the booking cannot be cancelled", env.T("AppointmentCancel"))
			}
			cancel.OnTapped()
			screen = buildAppointment(env, route)
			show(t, screen)
			if row := labelWith(screen, when); !strings.Contains(row, env.T("AppointmentCancelling")) {
				t.Errorf("just cancelled, the booking reads %q, want %q", row, env.T("AppointmentCancelling"))
			}
			for range 2 {
				if err := eng.Sync(ctx); err != nil {
					t.Fatal(err)
				}
			}
			// The screen shown follows the store: no need to open it again.
			for deadline := time.Now().Add(2 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
				drainUI(env)
				if strings.Contains(labelWith(screen, when), env.T("AppointmentCancelled")) {
					break
				}
			}
			if row := labelWith(screen, when); !strings.Contains(row, env.T("AppointmentCancelled")) {
				t.Errorf("after a sync, the booking shown reads %q, want %q", row, env.T("AppointmentCancelled"))
			}
			if buttonNamed(screen, env.T("AppointmentCancel")) != nil {
				t.Error("a cancelled booking still offers Cancel")
			}
			if applied, err := p.Applied(ctx, platform.AppointmentCancels); err != nil || len(applied) != 1 {
				t.Errorf("the platform applied %d cancels (%v), want 1", len(applied), err)
			}
		})
	}
}

// weekdayOf is the number (0 Sunday) of a date's weekday, as the Weekday
// messages are numbered.
func weekdayOf(t *testing.T, date string) string {
	t.Helper()
	d, err := time.Parse(time.DateOnly, date)
	if err != nil {
		t.Fatal(err)
	}
	return strconv.Itoa(int(d.Weekday()))
}

// TestWithdrawNeverSentFromScreen: a booking made offline and never sent
// is cancelled on the screen at once, and never reaches the platform.
func TestWithdrawNeverSentFromScreen(t *testing.T) {
	ctx := context.Background()
	env, _ := testEnv(t, "en")
	if _, err := env.Store.BookAppointment(ctx, platform.AppointmentRequest{HallID: "hall-320400", ItemID: 7,
		Date: clocktest.Workday(), Time: "10:00"}); err != nil {
		t.Fatal(err)
	}
	route := Route{Screen: AppointmentID}
	screen := buildAppointment(env, route)
	show(t, screen)
	cancel := buttonNamed(screen, env.T("AppointmentCancel"))
	if cancel == nil {
		t.Fatal("a booking waiting to be sent cannot be cancelled")
	}
	cancel.OnTapped()
	screen = buildAppointment(env, route)
	show(t, screen)
	if row := labelWith(screen, visitWhen(env, clocktest.Workday(), "10:00")); !strings.Contains(row, env.T("AppointmentWithdrawn")) {
		t.Errorf("withdrawn, the booking reads %q", row)
	}
	if pending, _, err := env.Store.OutboxCounts(ctx); pending != 0 || err != nil {
		t.Errorf("%d requests still wait to be sent (%v)", pending, err)
	}
}

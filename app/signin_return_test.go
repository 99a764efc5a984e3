package app

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"jiangsupass/screens"
	"jiangsupass/screens/widgets"
)

// TestBookingSignInComesBack is a foreign visitor's booking: on an
// attraction's page they tap Buy tickets; signed out, the booking offers a
// sign-in; they sign in with a British number typed with spaces on a
// reference server on loopback, and are back on the same booking, not on
// the 苏服码, with the sign-in gone from the history, their number shown
// masked, and the booking going on to its next step.
func TestBookingSignInComesBack(t *testing.T) {
	ctx := context.Background()
	s, w, p, ui := platformShell(t)
	if err := syncOnce(t, s.syncer); err != nil {
		t.Fatal(err)
	}

	s.Go(screens.Route{Screen: screens.AttractionID, Param: "5a-010"})
	if !tapText(w.Content(), s.loc.T("AttractionBuyTickets")) || s.Current().Screen != screens.BookingID {
		t.Fatalf("Buy tickets went to %+v", s.Current())
	}
	booking := s.Current()
	if !strings.Contains(textOf(w.Content()), "Step 1 of") {
		t.Fatalf("the booking's first step is not shown: %s", textOf(w.Content()))
	}
	if !tapText(w.Content(), s.loc.T("SignInAction")) {
		t.Fatalf("the booking of real-name tickets offers no sign-in while signed out: %s", textOf(w.Content()))
	}
	if s.Current().Screen != screens.SignInID {
		t.Fatalf("Sign in went to %+v", s.Current())
	}
	entries := signInEntries(t, w)
	test.Type(entries[0], "+44 7700 900123")
	if !tapText(w.Content(), s.loc.T("SignInSendCode")) {
		t.Fatal("no button to send a code")
	}
	code := p.Code("+44 7700 900123")
	if code == "" {
		t.Fatalf("the platform sent no code to +44 7700 900123: %s", textOf(w.Content()))
	}
	test.Type(entries[1], code)
	if !tapText(w.Content(), s.loc.T("SignInAction")) {
		t.Fatal("no sign-in button")
	}
	drain(ui)
	if got, _ := url.ParseQuery(s.Current().Param); s.Current().Screen != screens.BookingID || got.Get("a") != "5a-010" ||
		got.Get("step") != "date" {
		t.Fatalf("after sign-in the app shows %+v, want the booking %+v at its first step", s.Current(), booking)
	}
	if len(s.history) != 3 {
		t.Errorf("history after the sign-in: %+v, want Home, the attraction, the booking", s.history)
	}
	if hasText(w.Content(), s.loc.T("SignInAction")) || hasText(w.Content(), s.loc.T("BookingSignInStart")) {
		t.Errorf("back on the booking, it still offers a sign-in: %s", textOf(w.Content()))
	}
	se, err := s.store.Session(ctx)
	if err != nil || se.Profile.Phone != "+44 ••• 0123" {
		t.Errorf("session after sign-in: %+v, %v", se.Profile, err)
	}
	var day *widget.Button
	walk(w.Content(), nil, func(v visit) {
		if b, ok := v.obj.(*widget.Button); ok && day == nil && !b.Disabled() && strings.Contains(b.Text, "left") {
			day = b
		}
	})
	if day == nil {
		t.Fatalf("no day to choose on the booking: %s", textOf(w.Content()))
	}
	test.Tap(day)
	if st, _ := url.ParseQuery(s.Current().Param); s.Current().Screen != screens.BookingID || st.Get("step") != "slot" || st.Get("a") != "5a-010" {
		t.Errorf("choosing a day went to %+v", s.Current())
	}
	s.Back()
	s.Back()
	if s.Current().Screen != screens.AttractionID {
		t.Errorf("Back from the booking went to %+v, not the attraction", s.Current())
	}
}

// TestSignInFromMeGoesToServiceCode: signing in of one's own accord, with
// a mainland number, goes to the 苏服码 as before.
func TestSignInFromMeGoesToServiceCode(t *testing.T) {
	s, w, p, ui := platformShell(t)
	entries := signInFields(t, s, w)
	test.Type(entries[0], "+86 138 0000 0001")
	tapText(w.Content(), s.loc.T("SignInSendCode"))
	test.Type(entries[1], p.Code("13800000001"))
	tapText(w.Content(), s.loc.T("SignInAction"))
	drain(ui)
	if s.Current().Screen != screens.ServiceCodeID {
		t.Fatalf("after a sign-in from Me the app shows %+v, want the 苏服码", s.Current())
	}
}

// platformShell is an English phone-sized shell over a real store whose
// syncer links it to a reference server on loopback; what the syncer
// hands the UI goroutine waits in ui until the test drains it.
func platformShell(t *testing.T) (*Shell, fyne.Window, *testPlatform, chan func()) {
	t.Helper()
	p := startTestPlatform(t)
	s, w := newTestShell(t, prefs{lang: "en", theme: ThemeLight}, LayoutPhone, fyne.NewSize(390, 844))
	s.syncer = newSyncer(s.store, p.URL, "test", "en")
	t.Cleanup(s.syncer.stop)
	ui := make(chan func(), 10000)
	s.syncer.do = func(f func()) { ui <- f }
	return s, w, p, ui
}

// signInEntries are the sign-in screen's phone and code fields.
func signInEntries(t *testing.T, w fyne.Window) []*widgets.Entry {
	t.Helper()
	var entries []*widgets.Entry
	walk(w.Content(), nil, func(v visit) {
		if e, ok := v.obj.(*widgets.Entry); ok {
			entries = append(entries, e)
		}
	})
	if len(entries) != 2 {
		t.Fatalf("%d fields on the sign-in screen, want phone and code", len(entries))
	}
	return entries
}

// textOf is every visible text under o, for a failure's message.
func textOf(o fyne.CanvasObject) string {
	var out string
	for _, t := range texts(o) {
		out += t.Text + " | "
	}
	return out
}

// TestDetourGoesBack: a detour (a route with a Return) that goes on to its
// Return leaves the history, the asker's entry taking the route it went
// to; going anywhere else from it, or to the asker from a plain route,
// adds to the history as ever.
func TestDetourGoesBack(t *testing.T) {
	s, _ := newTestShell(t, prefs{lang: "en", theme: ThemeLight}, LayoutPhone, fyne.NewSize(390, 844))
	asked := screens.Route{Screen: screens.BookingID, Param: "a=5a-010"}
	back := screens.Route{Screen: screens.BookingID, Param: "a=5a-010&step=date"}
	s.Go(asked)
	s.Go(screens.Route{Screen: screens.SignInID, Return: &back})
	s.Go(back)
	if len(s.history) != 2 || !s.Current().Is(back) {
		t.Fatalf("after the detour: %+v", s.history)
	}
	s.Go(screens.Route{Screen: screens.SignInID, Return: &back})
	s.Go(screens.Route{Screen: screens.ServiceCodeID})
	if len(s.history) != 4 || s.Current().Screen != screens.ServiceCodeID {
		t.Fatalf("a detour going elsewhere: %+v", s.history)
	}
	s.Go(screens.Route{Screen: screens.SignInID})
	s.Go(back)
	if len(s.history) != 6 {
		t.Fatalf("a plain sign-in going to the booking: %+v", s.history)
	}
}

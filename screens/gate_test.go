package screens

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"jiangsupass/clock"
	"jiangsupass/codes"
	"jiangsupass/codes/codestest"
	"jiangsupass/offline"
	"jiangsupass/platform"
	"jiangsupass/screens/widgets"
)

// testTicket is an e-ticket of attraction for count visitors, valid from
// an hour before now for a day, as the platform issues one: its Ref is
// the order's ID.
func testTicket(t *testing.T, now time.Time, order, attraction string, count string) *codestest.Holder {
	t.Helper()
	return codestest.NewHolder(t, codes.Credential{Kind: codes.KindTicket, NotBefore: now.Add(-time.Hour).Unix(),
		Expires: now.Add(24 * time.Hour).Unix(), Holder: "李*", Ref: order,
		Extra: map[string]string{"attraction": attraction, "date": clock.Date(now), "slot": "09:00-18:00", "count": count}},
		now.Add(-2*time.Hour))
}

// gateEnv is a test Env at the east gate of the Confucius Temple, with
// the demo trust list saved and a verifier of its own.
func gateEnv(t *testing.T, lang string) (*Env, func(time.Duration)) {
	t.Helper()
	env, _, clk := testEnvClock(t, lang)
	env.Kiosk = true
	env.Verifier = codes.NewVerifier()
	env.Gate = &Gate{GatePost: offline.GatePost{AttractionID: "5a-002", Gate: "east"}, Exits: true}
	if _, err := env.Store.SaveSignedTrustList(context.Background(), 3, codestest.TrustList(t, 3, env.Now())); err != nil {
		t.Fatal(err)
	}
	return env, clk.Add
}

// scan checks code on Verify as the scanner would, and returns what the
// screen then shows.
func scan(t *testing.T, env *Env, screen fyne.CanvasObject, code string) string {
	t.Helper()
	entry := find[*widgets.ScanEntry](screen)[0]
	entry.SetText(code)
	test.Tap(labelled(t, screen, env.T("VerifyAction")))
	drainUI(env)
	return shownTexts(screen)
}

// TestGateAdmitsATicketOnceOffline: at a gate with no network, a valid
// e-ticket of its area is admitted for the visitors it names and recorded
// once in the outbox; shown again later (a new code, a new step) it is
// refused with when and where it was admitted; a ticket of another area
// is refused; the exit button counts one out.
func TestGateAdmitsATicketOnceOffline(t *testing.T) {
	env, advance := gateEnv(t, "en")
	ctx := context.Background()
	screen := buildVerify(env, Route{Screen: VerifyID})
	show(t, screen)
	drainUI(env)
	if s := shownTexts(screen); !strings.Contains(s, "Gate east") || !strings.Contains(s, "admitted 0 (tickets: 0)") {
		t.Fatalf("the gate's panel:\n%s", s)
	}

	ticket := testTicket(t, env.Now(), "o-2001", "5a-002", "2")
	admittedAt := env.Now()
	s := scan(t, env, screen, ticket.Show(t, env.Now()))
	if !strings.Contains(s, "Admit 2 visitors") || !strings.Contains(s, "o-2001") {
		t.Fatalf("a valid ticket of this area:\n%s", s)
	}
	if !strings.Contains(s, "admitted 2 (tickets: 1)") || !strings.Contains(s, "1 record is waiting") {
		t.Errorf("the panel after one admission:\n%s", s)
	}

	advance(2 * time.Minute) // a new time step: the verifier takes the code again
	s = scan(t, env, screen, ticket.Show(t, env.Now()))
	want := "This ticket was already admitted at gate east at " + clock.In(admittedAt).Format("15:04")
	if !strings.Contains(s, "Do not admit") || !strings.Contains(s, want) || strings.Contains(s, "Admit 2 visitors") {
		t.Errorf("the same ticket again: want %q\n%s", want, s)
	}

	other := testTicket(t, env.Now(), "o-2002", "5a-004", "1")
	s = scan(t, env, screen, other.Show(t, env.Now()))
	if !strings.Contains(s, "Do not admit") || !strings.Contains(s, "not for this gate's scenic area") {
		t.Errorf("a ticket of another area:\n%s", s)
	}

	test.Tap(labelled(t, screen, env.T("GateExit")))
	drainUI(env)
	items, err := env.Store.Outbox(ctx, offline.OutboxPending)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, it := range items {
		kinds[it.Kind]++
	}
	if kinds[platform.Admissions] != 1 || kinds[platform.Exits] != 1 || len(items) != 2 {
		t.Errorf("the outbox holds %v, want one admission and one exit", kinds)
	}
	if s := shownTexts(screen); !strings.Contains(s, "counted out 1") {
		t.Errorf("the panel after an exit:\n%s", s)
	}

	// Built again (the gate restarted its screen): still refused.
	advance(2 * time.Minute)
	screen = buildVerify(env, Route{Screen: VerifyID})
	show(t, screen)
	if s := scan(t, env, screen, ticket.Show(t, env.Now())); !strings.Contains(s, "Do not admit") {
		t.Errorf("the same ticket on a new Verify:\n%s", s)
	}
}

// TestVerifyAwayFromAGateAdmitsNothing: Verify where the app is no gate
// shows a ticket valid and records nothing.
func TestVerifyAwayFromAGateAdmitsNothing(t *testing.T) {
	env, _ := gateEnv(t, "en")
	env.Gate = nil
	screen := buildVerify(env, Route{Screen: VerifyID})
	show(t, screen)
	ticket := testTicket(t, env.Now(), "o-3001", "5a-002", "2")
	s := scan(t, env, screen, ticket.Show(t, env.Now()))
	if !strings.Contains(s, "Valid") || strings.Contains(s, "Admit") || strings.Contains(s, "Gate east") {
		t.Errorf("Verify away from a gate:\n%s", s)
	}
	if items, _ := env.Store.Outbox(context.Background(), ""); len(items) != 0 {
		t.Errorf("Verify away from a gate queued %d requests", len(items))
	}
}

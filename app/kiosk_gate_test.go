package app

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"jiangsupass/clock"
	"jiangsupass/clock/clocktest"
	"jiangsupass/kiosk"
	"jiangsupass/platform"
	"jiangsupass/platform/server"
	"jiangsupass/platform/server/servertest"
)

// gateLines are a gate kiosk's [gate] table; the server and token are
// set once the test's platform runs.
const gateLines = `[gate]
attraction = "5a-002"
id = "east"
server = "http://127.0.0.1:1"
token_file = "gate.token"
exits = true`

// eventually polls cond every 20 ms for up to 15 s.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for end := time.Now().Add(15 * time.Second); time.Now().Before(end); time.Sleep(20 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("waited 15 s for %s", what)
}

// windowText is every text drawn under o, joined by spaces: a wrapped
// label's lines read as its sentence.
func windowText(o fyne.CanvasObject) string { return strings.Join(textsOf(o), " ") }

// gateKiosk is a gate kiosk at the Confucius Temple's east gate at 10:30
// on the tests' day, syncing with its area token from a reference server
// on loopback, and a resident's phone that booked two tickets of the slot
// that holds now.
type gateKiosk struct {
	kt    *kioskTest
	p     *servertest.Platform
	phone *platform.Client
	order platform.Order
	code  func() string // the e-ticket's code the phone shows now
}

// startGateKiosk starts a gate kiosk in a window of size; lines are more
// of its kiosk file.
func startGateKiosk(t *testing.T, size fyne.Size, lines ...string) gateKiosk {
	t.Helper()
	ctx := context.Background()
	kt := newKioskTest(t, kiosk.RoleGate, size, nil, append(lines, gateLines)...)
	kt.clock.Set(clocktest.At(t, clocktest.Days(0), "10:30"))
	p := servertest.Start(t, server.Options{Now: kt.now}, nil)
	kt.k.cfg.Gate.Server, kt.k.cfg.Gate.Token = p.URL, p.AreaToken(t, "5a-002", "east")
	kt.s.syncer = newSyncer(kt.s.store, p.URL, "test", "en")
	kt.s.syncer.do = func(func()) {} // the screens under test do not wait for a sync
	t.Cleanup(kt.s.syncer.stop)
	startGate(kt.s.syncer, kt.k.cfg)

	phone := platform.NewClient(p.URL, platform.Options{Timeout: 5 * time.Second})
	number := server.DemoAccounts[0].Phone
	if _, err := phone.RequestCode(ctx, number); err != nil {
		t.Fatal(err)
	}
	if _, err := phone.SignIn(ctx, number, p.Code(number)); err != nil {
		t.Fatal(err)
	}
	var slot string
	eventually(t, "the gate's first sync (slots and trust list)", func() bool {
		slots, _ := kt.s.store.TicketSlots(ctx, "5a-002", clock.Date(kt.now()))
		for _, s := range slots {
			start, _ := clock.At(s.Date, s.Start)
			end, _ := clock.At(s.Date, s.End)
			if !start.After(kt.now()) && end.After(kt.now()) {
				slot = s.ID
			}
		}
		tl, _ := kt.s.store.TrustList(ctx)
		return slot != "" && tl != nil
	})
	order, show, err := servertest.TicketHolder(ctx, phone, slot, "5a-002-adult", 2)
	if err != nil {
		t.Fatal(err)
	}
	return gateKiosk{kt: kt, p: p, phone: phone, order: order, code: func() string {
		c, err := show(kt.now())
		if err != nil {
			t.Fatal(err)
		}
		return c
	}}
}

// openStaffView gives the staff PIN on the kiosk's Staff view button and
// returns the view.
func (g gateKiosk) openStaffView(t *testing.T, open string) fyne.CanvasObject {
	t.Helper()
	g.kt.k.askStaffPIN()
	for _, r := range testPIN {
		if !tapText(g.kt.overlay(), string(r)) {
			t.Fatalf("no key %q on the PIN pad", r)
		}
	}
	if !tapText(g.kt.overlay(), open) {
		t.Fatal("no button to open the staff view")
	}
	return g.kt.overlay()
}

// TestGateKioskJourney: a gate kiosk on a real store, syncing from the
// reference server on loopback with its area token. A resident's e-ticket
// for two, scanned at the gate, is admitted and reaches the platform,
// which counts two visitors; the same ticket scanned again is refused at
// the gate. Behind the staff PIN, the staff view shows the two in the
// area and pauses a coming slot's sales at the platform.
func TestGateKioskJourney(t *testing.T) {
	ctx := context.Background()
	g := startGateKiosk(t, fyne.NewSize(1280, 800))
	kt, p, phone, order, code := g.kt, g.p, g.phone, g.order, g.code
	if kt.s.store.Memory() || kt.s.gate == nil {
		t.Fatalf("a gate's store in memory %v, gate %v: want a file and the gate", kt.s.store.Memory(), kt.s.gate)
	}

	kt.scan(code())
	if s := windowText(kt.w.Content()); !strings.Contains(s, "Admit 2 visitors") || !strings.Contains(s, order.ID) {
		t.Fatalf("the gate on a valid ticket:\n%s", s)
	}
	entries := func() int {
		r, err := phone.Crowd(ctx)
		if err != nil {
			return -1
		}
		for _, a := range r.Areas {
			if a.ID == "5a-002" {
				return a.EntriesToday
			}
		}
		return -1
	}
	eventually(t, "the platform to count the admission", func() bool { return entries() == 2 })

	kt.clock.Add(time.Minute) // a new code of the same ticket
	kt.scan(code())
	if s := windowText(kt.w.Content()); !strings.Contains(s, "Do not admit") || !strings.Contains(s, "already admitted at gate east") {
		t.Fatalf("the same ticket again:\n%s", s)
	}
	time.Sleep(100 * time.Millisecond)
	if n := entries(); n != 2 {
		t.Errorf("the platform counts %d entries after the ticket was refused, want 2", n)
	}
	if applied, _ := p.Applied(ctx, platform.Admissions); len(applied) != 1 {
		t.Errorf("the platform applied %d admissions, want 1", len(applied))
	}

	// The staff view, behind the staff PIN.
	view := g.openStaffView(t, "Open")
	if s := windowText(view); !strings.Contains(s, "In the area now: 2 of 60,000") || !strings.Contains(s, "Bookings per slot") {
		t.Fatalf("the staff view:\n%s", s)
	}
	if !tapText(view, "Pause sales") {
		t.Fatal("no slot to pause")
	}
	area := platform.NewClient(p.URL, platform.Options{})
	if err := area.SetAreaToken(area.Origin(), kt.k.cfg.Gate.Token); err != nil {
		t.Fatal(err)
	}
	d, err := area.AreaDashboard(ctx, "5a-002")
	if err != nil {
		t.Fatal(err)
	}
	paused := 0
	for _, s := range d.Slots {
		if s.Paused {
			paused++
		}
	}
	if paused != 1 || !strings.Contains(windowText(view), "are paused") {
		t.Errorf("after Pause: %d slots paused at the platform; the view says:\n%s", paused, windowText(view))
	}
	if !tapText(view, "Close") || kt.overlay() != nil {
		t.Error("the staff view did not close")
	}
}

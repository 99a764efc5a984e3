package screens

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"jiangsupass/clock/clocktest"
	"jiangsupass/offline"
	"jiangsupass/platform"
	"jiangsupass/platform/server"
	"jiangsupass/platform/server/servertest"
)

// staffClient is a client of p holding an area token of area's gate.
func staffClient(t *testing.T, p *servertest.Platform, area, gate string) *platform.Client {
	t.Helper()
	c := platform.NewClient(p.URL, platform.Options{Timeout: 5 * time.Second, Retries: -1})
	if err := c.SetAreaToken(c.Origin(), p.AreaToken(t, area, gate)); err != nil {
		t.Fatal(err)
	}
	return c
}

// TestStaffPausesASlotAndIsRefusedForAnotherArea: the staff view of a
// gate shows the area's live count, entries by hour and bookings per
// slot from the platform; Pause stops a coming slot's sales at the
// platform at once; a pause sent with another area's token is refused,
// and the view says so in words the staff can act on; with no platform
// reachable it says that.
func TestStaffPausesASlotAndIsRefusedForAnotherArea(t *testing.T) {
	ctx := context.Background()
	env, _, clk := testEnvClock(t, "en")
	clk.Set(clocktest.At(t, clocktest.Days(0), "10:00"))
	env.Gate = &Gate{GatePost: offline.GatePost{AttractionID: "5a-002", Gate: "east"}}
	p := servertest.Start(t, server.Options{Now: env.Now}, nil)
	api := staffClient(t, p, "5a-002", "east")
	if _, err := api.Admit(ctx, "staff-test-admission", platform.AdmissionRequest{TicketID: "o-1", AttractionID: "5a-002",
		Gate: "east", Visitors: 3, At: env.Now().Format(time.RFC3339)}); err != nil {
		t.Fatal(err)
	}
	closed := false
	view := NewStaffView(env, api, func() { closed = true })
	show(t, view)
	s := shownTexts(view)
	for _, want := range []string{"In the area now: 3 of 60,000 (0%). Entries today: 3.", "Entries by hour", "Bookings per slot",
		"counts as gone"} {
		if !strings.Contains(s, want) {
			t.Errorf("the staff view lacks %q:\n%s", want, s)
		}
	}
	chart := find[*hourChart](view)
	if len(chart) != 1 || chart[0].counts[10] != 3 {
		t.Fatalf("the chart of entries by hour: %d charts, %v", len(chart), chart)
	}

	before, err := api.AreaDashboard(ctx, "5a-002")
	if err != nil {
		t.Fatal(err)
	}
	test.Tap(labelled(t, view, env.T("StaffPause")))
	after, err := api.AreaDashboard(ctx, "5a-002")
	if err != nil {
		t.Fatal(err)
	}
	paused := ""
	for i, sl := range after.Slots {
		if sl.Paused && !before.Slots[i].Paused {
			paused = sl.SlotID
		}
	}
	if paused == "" {
		t.Fatalf("no slot paused at the platform: %+v", after.Slots)
	}
	if s := shownTexts(view); !strings.Contains(s, "are paused: no more tickets are sold") || !strings.Contains(s, env.T("StaffResume")) {
		t.Errorf("after Pause:\n%s", s)
	}

	// Another area's token: the platform refuses, and nothing changes.
	if err := api.SetAreaToken(api.Origin(), p.AreaToken(t, "5a-004", "north")); err != nil {
		t.Fatal(err)
	}
	test.Tap(labelled(t, view, env.T("StaffResume")))
	if s := shownTexts(view); !strings.Contains(s, "was not changed: This gate's token may not manage this scenic area") {
		t.Errorf("a reopen with another area's token:\n%s", s)
	}
	other := NewStaffView(env, api, func() {})
	show(t, other)
	if s := shownTexts(other); !strings.Contains(s, "may not manage this scenic area") || strings.Contains(s, "Bookings per slot") {
		t.Errorf("the view with another area's token:\n%s", s)
	}
	still := staffClient(t, p, "5a-002", "west")
	if d, err := still.AreaDashboard(ctx, "5a-002"); err != nil || !slotPaused(d, paused) {
		t.Errorf("the slot after a refused reopen: %v %v", err, d.Slots)
	}

	// No platform to reach.
	gone := platform.NewClient(closedURL(t), platform.Options{Timeout: time.Second, Retries: -1})
	if err := gone.SetAreaToken(gone.Origin(), "at-x"); err != nil {
		t.Fatal(err)
	}
	offlineView := NewStaffView(env, gone, func() {})
	show(t, offlineView)
	if s := shownTexts(offlineView); !strings.Contains(s, "The platform can't be reached") {
		t.Errorf("the view offline:\n%s", s)
	}
	test.Tap(labelled(t, view, env.T("StaffClose")))
	if !closed {
		t.Error("Close did not close the view")
	}
}

// slotPaused reports whether the dashboard shows slot id paused.
func slotPaused(d platform.AreaDashboard, id string) bool {
	for _, s := range d.Slots {
		if s.SlotID == id {
			return s.Paused
		}
	}
	return false
}

package screens

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/widget"

	"jiangsupass/clock"
	"jiangsupass/clock/clocktest"
	"jiangsupass/offline"
	"jiangsupass/platform"
	"jiangsupass/platform/server"
	"jiangsupass/platform/server/servertest"
)

// TestBookingShowsAPausedSlot: a slot whose sales the area's staff paused
// at the platform is, once synced, shown as paused and cannot be chosen,
// its tickets are not counted among the day's left, and an order the
// platform refused for it says why in words.
func TestBookingShowsAPausedSlot(t *testing.T) {
	ctx := context.Background()
	env, _, clk := testEnvClock(t, "en")
	clk.Set(clocktest.At(t, clocktest.Days(0), "08:00"))
	p := servertest.Start(t, server.Options{Now: env.Now}, nil)
	staff := staffClient(t, p, "5a-002", "east")
	d, err := staff.AreaDashboard(ctx, "5a-002")
	if err != nil || len(d.Slots) == 0 {
		t.Fatalf("dashboard: %v %+v", err, d)
	}
	paused := d.Slots[0]
	if _, err := staff.PauseSlot(ctx, "5a-002", paused.SlotID); err != nil {
		t.Fatal(err)
	}
	c := platform.NewClient(p.URL, platform.Options{Timeout: 5 * time.Second})
	if err := offline.NewSyncEngine(env.Store, c, offline.SyncOptions{}).Sync(ctx); err != nil {
		t.Fatal(err)
	}
	screen := buildBooking(env, BookingRoute(BookingStep{Attraction: "5a-002", Step: "slot", Date: paused.Date}))
	show(t, screen)
	var pausedButton *widget.Button
	for _, b := range find[*widget.Button](screen) {
		if strings.HasPrefix(b.Text, paused.Start+"–"+paused.End) {
			pausedButton = b
		}
	}
	if pausedButton == nil || pausedButton.Text != paused.Start+"–"+paused.End+" · sales paused by the scenic area" || !pausedButton.Disabled() {
		t.Errorf("the paused slot's button: %+v", pausedButton)
	}
	day := buildBooking(env, BookingRoute(BookingStep{Attraction: "5a-002"}))
	show(t, day)
	// The platform opens four slots a day of the same quota: three sell.
	line := env.L.Tf("BookingDateLine", map[string]any{"Day": dayLabel(env, paused.Date), "Left": 3 * paused.Quota})
	found := false
	for _, b := range find[*widget.Button](day) {
		found = found || b.Text == line
	}
	if clock.Date(env.Now()) != paused.Date || !found {
		t.Errorf("today's line does not leave the paused slot's %d tickets out: want %q\n%s", paused.Remaining, line, shownTexts(day))
	}
	if got := rejectionText(env, platform.CodeSlotPaused, "slot paused"); !strings.Contains(got, "paused this slot's sales") {
		t.Errorf("a refused order for a paused slot reads %q", got)
	}
}

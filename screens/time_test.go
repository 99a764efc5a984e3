package screens

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"jiangsupass/clock/clocktest"
	"jiangsupass/idcard"
	"jiangsupass/offline"
	"jiangsupass/platform"
	"jiangsupass/screens/widgets"
)

// zone loads a time zone of the IANA database, or fails the test.
func zone(t *testing.T, name string) *time.Location {
	t.Helper()
	l, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// TestDayNamesInEveryLanguage: dates read "today" and "tomorrow" with the
// day of the week in each language, by the calendar in China, on a device
// whose clock is in Los Angeles.
func TestDayNamesInEveryLanguage(t *testing.T) {
	la := zone(t, "America/Los_Angeles")
	// Thursday 3 December 23:30 in Nanjing is 07:30 the same day in LA;
	// ten minutes past midnight in Nanjing is still Thursday in LA.
	lateThursday := time.Date(2026, 12, 3, 7, 30, 0, 0, la)
	earlyFriday := time.Date(2026, 12, 3, 8, 10, 0, 0, la)
	for _, c := range []struct {
		lang                              string
		yesterday, today, tomorrow, after string
		fridayAfterMidnight               string
	}{
		{"en", "Wed", "Today (Thu)", "Tomorrow (Fri)", "Sat", "Today (Fri)"},
		{"zh-Hans", "周三", "今天（周四）", "明天（周五）", "周六", "今天（周五）"},
		{"zh-Hant", "週三", "今天（週四）", "明天（週五）", "週六", "今天（週五）"},
		{"ja", "水曜", "今日（木曜）", "明日（金曜）", "土曜", "今日（金曜）"},
		{"ko", "수요일", "오늘 (목요일)", "내일 (금요일)", "토요일", "오늘 (금요일)"},
	} {
		env, _, clk := testEnvClock(t, c.lang)
		clk.Set(lateThursday)
		for date, want := range map[string]string{"2026-12-02": c.yesterday, "2026-12-03": c.today, "2026-12-04": c.tomorrow, "2026-12-05": c.after} {
			if got := dayName(env, date); got != want {
				t.Errorf("%s, Thursday night: %s is %q, want %q", c.lang, date, got, want)
			}
		}
		clk.Set(earlyFriday)
		if got := dayName(env, "2026-12-04"); got != c.fridayAfterMidnight {
			t.Errorf("%s, after midnight in China: Friday is %q, want %q", c.lang, got, c.fridayAfterMidnight)
		}
		if got := dayName(env, "2026-13-01"); got != "" {
			t.Errorf("%s: an impossible date is named %q", c.lang, got)
		}
	}
}

// textsInOrder are the texts of the labels under o, in the order drawn.
func textsInOrder(o fyne.CanvasObject) []string {
	var out []string
	for _, obj := range find[fyne.CanvasObject](o) {
		switch l := obj.(type) {
		case *widgets.WrappedLabel:
			out = append(out, l.Source())
		case *widget.Label:
			out = append(out, l.Text)
		}
	}
	return out
}

// bookableVisitor saves a visitor in the env's store and returns its ID.
func bookableVisitor(t *testing.T, env *Env) string {
	t.Helper()
	v, err := env.Store.SaveVisitor(context.Background(), offline.Visitor{Name: "王小明",
		DocKind: string(idcard.KindResidentID), DocNumber: "320102198503151230"})
	if err != nil {
		t.Fatal(err)
	}
	return v.ID
}

// TestSlotEndsOnTheReviewStep: a visitor reviews an order for today's
// 09:00–11:00 slot at 10:50; at 11:00:30 they submit. Nothing is ordered,
// the first thing the page says is that the slot has ended, and it
// offers today's 11:00–13:00 slot with the tickets and visitors kept.
func TestSlotEndsOnTheReviewStep(t *testing.T) {
	today := clocktest.Days(0)
	env, nav, clk := syncedTicketEnvAt(t, clocktest.At(t, today, "10:50"))
	ctx := context.Background()
	slots, err := env.Store.TicketSlots(ctx, "5a-010", today)
	if err != nil || len(slots) < 2 || slots[0].Start != "09:00" || slots[0].Date != today {
		t.Fatalf("today's slots: %+v, %v", slots, err)
	}
	st := bookingState{attraction: "5a-010", step: "review", date: today, slot: slots[0].ID,
		counts: map[string]int{"5a-010-adult": 1}, visitors: []string{bookableVisitor(t, env)}}
	review := buildBooking(env, Route{Screen: BookingID, Param: st.param()})
	show(t, review)
	if showsText(review, env.T("BookingSlotEndedTitle")) {
		t.Fatal("a running slot is said to have ended")
	}
	clk.Set(clocktest.At(t, today, "11:00").Add(30 * time.Second))
	test.Tap(labelled(t, review, env.T("BookingSubmit")))
	if items, _ := env.Store.Outbox(ctx, ""); len(items) != 0 {
		t.Fatalf("an order for an ended slot was queued: %+v", items)
	}
	if got := textsInOrder(review); len(got) == 0 || got[0] != "This entry slot has ended" {
		t.Fatalf("the page does not begin with the news: %q", got)
	}
	if want := today + " " + relDay("Today", today) + " 09:00–11:00 is over (Beijing time) and can no longer be booked. Nothing has been ordered."; !showsText(review, want) {
		t.Errorf("the notice does not name the slot (%q): %q", want, textsInOrder(review))
	}
	for _, b := range find[*widget.Button](review) {
		if b.Text == env.T("BookingSubmit") {
			t.Error("the ended slot can still be submitted")
		}
	}
	if want := "The next slot with tickets left: " + relDay("Today", today) + " 11:00–13:00, 200 left."; !showsText(review, want) {
		t.Errorf("no later slot offered (%q): %q", want, textsInOrder(review))
	}
	test.Tap(labelled(t, review, "Take this slot"))
	next := parseBookingState(nav.last().Param)
	if next.step != "review" || next.slot != slots[1].ID || next.counts["5a-010-adult"] != 1 || len(next.visitors) != 1 {
		t.Fatalf("the later slot leads to %+v", next)
	}
	again := buildBooking(env, nav.last())
	show(t, again)
	if showsText(again, env.T("BookingSlotEndedTitle")) {
		t.Error("the later slot is said to have ended")
	}
	test.Tap(labelled(t, again, env.T("BookingSubmit")))
	if items, _ := env.Store.Outbox(ctx, offline.OutboxPending); len(items) != 1 {
		t.Errorf("the later slot was not ordered: %+v", items)
	}
}

// relDay is how the English screens name a date that is today or
// tomorrow: "Today (Thu)", with the weekday from Go's calendar.
func relDay(word, date string) string {
	d, _ := time.Parse(time.DateOnly, date)
	return word + " (" + d.Weekday().String()[:3] + ")"
}

// TestBookingAt2359: at 23:59 in China, on a device in Los Angeles, today
// has no slot left to book and tomorrow is offered by name.
func TestBookingAt2359(t *testing.T) {
	today, tomorrow := clocktest.Days(0), clocktest.Days(1)
	env, _, _ := syncedTicketEnvAt(t, clocktest.At(t, today, "23:59").In(zone(t, "America/Los_Angeles")))
	o := buildBooking(env, Route{Screen: BookingID, Param: bookingState{attraction: "5a-010"}.param()})
	show(t, o)
	var todays, tomorrows *widget.Button
	for _, b := range find[*widget.Button](o) {
		switch {
		case strings.HasPrefix(b.Text, relDay("Today", today)+" · "):
			todays = b
		case strings.HasPrefix(b.Text, relDay("Tomorrow", tomorrow)+" · "):
			tomorrows = b
		}
	}
	if todays == nil || !todays.Disabled() || todays.Text != relDay("Today", today)+" · over" {
		t.Errorf("today at 23:59: %+v", todays)
	}
	if tomorrows == nil || tomorrows.Disabled() || tomorrows.Text != relDay("Tomorrow", tomorrow)+" · 800 left" { // four slots of 200
		t.Errorf("tomorrow at 23:59: %+v", tomorrows)
	}
	if !showsText(o, "All times are Beijing time (UTC+8).") {
		t.Error("the dates do not say they are Beijing time")
	}
}

// TestTransportPlansInChinaTime: a device in New York at 20:00 on 3
// December, which is 09:00 on the 4th in Nanjing, shows departures after
// 09:00, plans from 09:00, and compiles the 4th's timetable.
func TestTransportPlansInChinaTime(t *testing.T) {
	env, _, clk := testEnvClock(t, "en")
	clk.Set(time.Date(2026, 12, 3, 20, 0, 0, 0, zone(t, "America/New_York")))
	station := buildStation(env, Route{Screen: StationID, Param: "nj-12"})
	show(t, station)
	if !showsText(station, "Next departures after 09:00 (estimated)") {
		t.Errorf("the station's departures: %q", labelTexts(station))
	}
	if !showsText(station, "All times are Beijing time (UTC+8).") {
		t.Error("the station does not say its times are Beijing time")
	}
	planner := buildPlanner(env, Route{Screen: PlannerID, Param: "from=station:nj-12&to=station:nj-65"})
	show(t, planner)
	openPlannerForm(t, planner)
	var at string
	for _, e := range find[*widgets.Entry](planner) {
		if e.PlaceHolder == "HH:MM" {
			at = e.Text
		}
	}
	if at != "09:00" {
		t.Errorf("the planner leaves at %q, want 09:00", at)
	}
	for _, text := range labelTexts(planner) {
		if strings.HasPrefix(text, "20:") {
			t.Errorf("a time in New York's clock: %q", text)
		}
	}
	day := env.Transport.(*TransportPlanner).compiledDay()
	if day.Format("2006-01-02") != "2026-12-04" {
		t.Errorf("the timetable compiled is the %s's", day.Format("2006-01-02"))
	}
}

// TestETicketAfterMidnight: a ticket booked at 20:00 for tomorrow's 09:00
// slot, looked at ten minutes after midnight in China (still the day
// before in Los Angeles), is today's: its code is shown and it is listed
// as upcoming.
func TestETicketAfterMidnight(t *testing.T) {
	ctx := context.Background()
	env, nav, clk := testEnvClock(t, "en")
	today, tomorrow := clocktest.Days(0), clocktest.Days(1)
	clk.Set(clocktest.At(t, today, "20:00"))
	url, sent := checkInPlatform(t, env)
	c := linkPlatform(env, url)
	signInStore(t, env, c, sent)
	if err := offline.NewSyncEngine(env.Store, c, offline.SyncOptions{}).Sync(ctx); err != nil {
		t.Fatal(err)
	}
	slots, err := env.Store.TicketSlots(ctx, "5a-010", tomorrow)
	if err != nil || len(slots) == 0 || slots[0].Date != tomorrow || slots[0].Start != "09:00" {
		t.Fatalf("tomorrow's slots: %+v, %v", slots, err)
	}
	o, err := env.Store.BookTickets(ctx, slots[0], []platform.OrderVisitor{{Name: "王小明",
		DocKind: string(idcard.KindResidentID), DocNumber: "320102198503151230", ProductID: "5a-010-adult"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := offline.NewSyncEngine(env.Store, c, offline.SyncOptions{}).Sync(ctx); err != nil {
		t.Fatal(err)
	}
	clk.Set(clocktest.At(t, tomorrow, "00:10").In(zone(t, "America/Los_Angeles")))
	page := buildETicket(env, Route{Screen: ETicketID, Param: strconv.FormatInt(o.LocalID, 10)})
	show(t, page)
	if !showsText(page, tomorrow+" "+relDay("Today", tomorrow)) {
		t.Errorf("the ticket's date after midnight: %q", labelTexts(page))
	}
	if !showsText(page, "09:00–11:00 (Beijing time)") {
		t.Errorf("the slot does not say it is Beijing time: %q", labelTexts(page))
	}
	if len(find[*widgets.CountdownBar](page)) != 1 {
		t.Error("the e-ticket's code is not shown after midnight")
	}
	list := buildTickets(env, Route{Screen: TicketsID})
	show(t, list)
	texts := textsInOrder(list)
	up, past := -1, -1
	for i, s := range texts {
		switch s {
		case env.T("TicketsUpcoming"):
			up = i
		case env.T("TicketsPast"):
			past = i
		}
	}
	if up < 0 || past >= 0 {
		t.Errorf("after midnight the ticket is not listed as upcoming: %q", texts)
	}
	_ = nav
}

// TestAppointmentThatPassedWhileQueued: a visit booked offline at 08:50
// for 09:00 reaches the platform at 09:05; the platform turns it down, and
// the list says why in the user's language, not in the platform's words.
func TestAppointmentThatPassedWhileQueued(t *testing.T) {
	ctx := context.Background()
	env, _, clk := testEnvClock(t, "zh-Hans")
	day := clocktest.Workday()
	clk.Set(clocktest.At(t, day, "08:50"))
	url, sent := checkInPlatform(t, env)
	c := linkPlatform(env, url)
	signInStore(t, env, c, sent)
	if _, err := env.Store.BookAppointment(ctx, platform.AppointmentRequest{HallID: "hall-320100", ItemID: 7, Date: day, Time: "09:00"}); err != nil {
		t.Fatal(err)
	}
	clk.Set(clocktest.At(t, day, "09:05"))
	if err := offline.NewSyncEngine(env.Store, c, offline.SyncOptions{}).Sync(ctx); err != nil {
		t.Fatal(err)
	}
	screen := buildAppointment(env, Route{Screen: AppointmentID})
	show(t, screen)
	want := "未被受理 · 请求送达平台时这个时间已经过去，请预约更晚的时间。"
	found := false
	for _, text := range labelTexts(screen) {
		found = found || strings.HasSuffix(text, " 09:00 · "+want)
	}
	if !found {
		t.Errorf("the refusal is not explained (%q): %q", want, labelTexts(screen))
	}
}

package server

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"testing"
	"time"

	"jiangsupass/clock"
	"jiangsupass/platform"
)

// tomorrowsSlot is an area's first slot tomorrow, which has not ended
// whatever the hour.
func (b *crowdBench) tomorrowsSlot(t *testing.T, area string) platform.TicketSlot {
	t.Helper()
	var sl platform.TicketSlot
	raw, err := b.s.Get(context.Background(), platform.TicketSlots,
		area+"-"+clock.Date(b.clk.Now().AddDate(0, 0, 1))+"-0900")
	if err != nil || json.Unmarshal(raw, &sl) != nil {
		t.Fatalf("tomorrow's first slot of %s: %v", area, err)
	}
	return sl
}

// TestStaffPauseIsScopedToTheArea pauses a slot with a staff token of its
// area: the order for it is refused 409 slot_paused at once, and the slot
// syncs as paused; no token, a resident's session and another area's
// token are refused (401, 401, 403) and change nothing; resuming sells
// again.
func TestStaffPauseIsScopedToTheArea(t *testing.T) {
	b := newCrowdBench(t)
	api := loadContract(t)
	ctx := context.Background()
	const area = "5a-004"
	slot := b.tomorrowsSlot(t, area)
	resident := signedInAs(t, b.hs.URL, b.codes, 1)
	path := "/v1/areas/" + area + "/slots/" + slot.ID + "/pause"
	for _, c := range []struct {
		name, token string
		status      int
	}{
		{"no token", "", http.StatusUnauthorized},
		{"a resident's session", resident.Tokens().AccessToken, http.StatusUnauthorized},
		{"another area's staff", b.issue(t, "5a-001", ""), http.StatusForbidden},
		{"another area's gate", b.issue(t, "5a-001", "east"), http.StatusForbidden},
	} {
		status, body := b.call(t, http.MethodPost, path, c.token, nil)
		if status != c.status {
			t.Errorf("%s: %d %s, want %d", c.name, status, body, c.status)
		}
		api.checkAnswer(t, "POST", "/v1/areas/{attraction}/slots/{slot}/pause", status, body)
	}
	if sl := b.tomorrowsSlot(t, area); sl.Paused {
		t.Fatal("a refused pause paused the slot")
	}

	staff := b.client(t, b.issue(t, area, ""))
	got, err := staff.PauseSlot(ctx, area, slot.ID)
	if err != nil || !got.Paused || got.SlotID != slot.ID || got.Remaining != slot.Remaining {
		t.Fatalf("pause: %+v, %v", got, err)
	}
	product := area + "-adult"
	res, err := resident.Mutate(ctx, platform.Orders, "order-paused-1", orderBody(slot, visitorsOf(product, 1, 2), nil))
	var pe *platform.Error
	if !errors.As(err, &pe) || pe.Status != http.StatusConflict || pe.Code != platform.CodeSlotPaused {
		t.Errorf("an order for the paused slot: %+v, %v; want 409 slot_paused", res, err)
	}
	api.checkAnswer(t, "POST", "/v1/orders", res.Status, res.Body)
	page, err := platform.NewClient(b.hs.URL, platform.Options{}).Lookup(ctx, platform.TicketSlots, []string{slot.ID})
	var synced platform.TicketSlot
	if err != nil || len(page.Upserts) != 1 || json.Unmarshal(page.Upserts[0], &synced) != nil || !synced.Paused {
		t.Errorf("the slot as devices sync it: %+v, %v", synced, err)
	}
	if again, err := staff.PauseSlot(ctx, area, slot.ID); err != nil || !again.Paused {
		t.Errorf("pausing again: %+v, %v", again, err)
	}

	if got, err := staff.ResumeSlot(ctx, area, slot.ID); err != nil || got.Paused {
		t.Fatalf("resume: %+v, %v", got, err)
	}
	if _, err := resident.Mutate(ctx, platform.Orders, "order-resumed-1", orderBody(slot, visitorsOf(product, 1, 2), nil)); err != nil {
		t.Errorf("an order once resumed: %v", err)
	}
	if sl := b.tomorrowsSlot(t, area); sl.Remaining != slot.Remaining-2 || sl.Paused {
		t.Errorf("the slot after one order of 2: %+v", sl)
	}
}

// TestStaffActionsAreRateLimited lets 20 pauses and resumes a minute
// through with one token, answers the 21st 429 with Retry-After, and
// takes them again once the minute has passed.
func TestStaffActionsAreRateLimited(t *testing.T) {
	b := newCrowdBench(t)
	api := loadContract(t)
	const area = "5a-004"
	slot := b.tomorrowsSlot(t, area)
	token := b.issue(t, area, "")
	for i := range staffBurst {
		action := []string{"pause", "resume"}[i%2]
		if status, body := b.call(t, http.MethodPost, "/v1/areas/"+area+"/slots/"+slot.ID+"/"+action, token, nil); status != http.StatusOK {
			t.Fatalf("action %d: %d %s", i+1, status, body)
		}
		b.clk.Add(time.Second)
	}
	req, _ := http.NewRequest(http.MethodPost, b.hs.URL+"/v1/areas/"+area+"/slots/"+slot.ID+"/pause", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := b.hs.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	wait, _ := strconv.Atoi(resp.Header.Get("Retry-After"))
	if resp.StatusCode != http.StatusTooManyRequests || wait != 40 {
		t.Errorf("the 21st action in 20 s: %d, Retry-After %q; want 429 and 40", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	if status, _ := b.call(t, http.MethodPost, "/v1/areas/"+area+"/slots/"+slot.ID+"/pause", b.issue(t, area, "gate-1"), nil); status != http.StatusOK {
		t.Errorf("another token of the area: %d, want 200 (the limit is per token)", status)
	}
	b.clk.Add(40 * time.Second)
	status, body := b.call(t, http.MethodPost, "/v1/areas/"+area+"/slots/"+slot.ID+"/pause", token, nil)
	if status != http.StatusOK {
		t.Errorf("once the first action is a minute old: %d %s", status, body)
	}
	api.checkAnswer(t, "POST", "/v1/areas/{attraction}/slots/{slot}/pause", status, body)
}

// TestStaffDashboard reads an area's dashboard: the live count, today's
// entries by China's hour, today's and tomorrow's slots with their
// bookings, and a ticket two gates admitted.
func TestStaffDashboard(t *testing.T) {
	b := newCrowdBench(t) // 14:05
	ctx := context.Background()
	const area = "5a-018"
	east, west := b.client(t, b.issue(t, area, "east")), b.client(t, b.issue(t, area, "west"))
	b.clk.Add(-2 * time.Hour) // 12:05
	b.admitN(t, east, area, "east", 7, "noon")
	b.clk.Add(2 * time.Hour) // 14:05
	b.admitN(t, east, area, "east", 3, "two")
	if _, err := east.Admit(ctx, "ticket-x-east", b.admission(area, "east", "o-x", 2)); err != nil {
		t.Fatal(err)
	}
	b.clk.Add(time.Minute)
	twice, err := west.Admit(ctx, "ticket-x-west", b.admission(area, "west", "o-x", 2))
	if err != nil || !twice.Flagged || twice.FirstGate != "east" {
		t.Fatalf("the ticket again at another gate: %+v, %v", twice, err)
	}
	d, err := b.client(t, b.issue(t, area, "")).AreaDashboard(ctx, area)
	if err != nil {
		t.Fatal(err)
	}
	if d.Crowd.InPark != 12 || d.Crowd.EntriesToday != 12 || len(d.EntriesByHour) != 24 || d.EntriesByHour[12] != 7 || d.EntriesByHour[14] != 5 {
		t.Errorf("count %+v, by hour %v", d.Crowd, d.EntriesByHour)
	}
	if len(d.Flagged) != 1 || d.Flagged[0].TicketID != "o-x" || d.Flagged[0].FirstGate != "east" || d.Flagged[0].Gate != "west" {
		t.Errorf("flagged %+v", d.Flagged)
	}
	if len(d.Slots) != 8 || d.Slots[0].Date != clock.Date(b.clk.Now()) || d.Slots[7].Date != clock.Date(b.clk.Now().AddDate(0, 0, 1)) {
		t.Errorf("slots %+v, want today's four and tomorrow's four", d.Slots)
	}
	if _, err := b.client(t, b.issue(t, "5a-001", "")).AreaDashboard(ctx, area); err == nil {
		t.Error("another area's staff read the dashboard")
	}
}

package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"testing"
	"time"

	"jiangsupass/clock"
	"jiangsupass/clock/clocktest"
	"jiangsupass/platform"
)

// slotAt is the first attraction's slot (by ID) on date starting at start.
func slotAt(t *testing.T, s *Server, date, start string) platform.TicketSlot {
	t.Helper()
	items, err := s.Items(context.Background(), platform.TicketSlots)
	if err != nil {
		t.Fatal(err)
	}
	var best platform.TicketSlot
	for _, it := range items {
		var sl platform.TicketSlot
		if err := json.Unmarshal(it.Body, &sl); err != nil {
			t.Fatal(err)
		}
		if sl.Date == date && sl.Start == start && (best.ID == "" || sl.ID < best.ID) {
			best = sl
		}
	}
	if best.ID == "" {
		t.Fatalf("no slot on %s at %s", date, start)
	}
	return best
}

// remaining is what a slot has left now.
func remaining(t *testing.T, s *Server, slotID string) int64 {
	t.Helper()
	b, err := s.Get(context.Background(), platform.TicketSlots, slotID)
	if err != nil {
		t.Fatal(err)
	}
	var sl platform.TicketSlot
	if err := json.Unmarshal(b, &sl); err != nil {
		t.Fatal(err)
	}
	return sl.Remaining
}

// taken counts what the server has stored for a kind of mutation and, for
// orders, the documents held for a day (ticket_holders rows).
func taken(t *testing.T, s *Server, kind string) (applied, holders int) {
	t.Helper()
	ctx := context.Background()
	list, err := s.Applied(ctx, kind)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM ticket_holders").Scan(&holders); err != nil {
		t.Fatal(err)
	}
	return len(list), holders
}

// sendTwice posts body to the collection's path with key and checks the
// answer's status and error code, its shape against the contract, and that
// the same key again gets the same answer.
func sendTwice(t *testing.T, c *platform.Client, api *apiContract, coll, path, key string, body []byte, status int, code string) platform.MutationResult {
	t.Helper()
	ctx := context.Background()
	res, err := c.Mutate(ctx, coll, key, body)
	if res.Status != status || codeOf(err) != code {
		t.Fatalf("%s: answered %d %q (%v), want %d %q", body, res.Status, codeOf(err), err, status, code)
	}
	api.checkAnswer(t, http.MethodPost, path, res.Status, res.Body)
	again, _ := c.Mutate(ctx, coll, key, body)
	if again.Status != res.Status || string(again.Body) != string(res.Body) {
		t.Errorf("the key again: %d %s, first %d %s", again.Status, again.Body, res.Status, res.Body)
	}
	return res
}

// codeOf is the error code of a mutation's answer, "" for none.
func codeOf(err error) string {
	var pe *platform.Error
	if errors.As(err, &pe) {
		return pe.Code
	}
	return ""
}

// TestOrderForEndedSlot: a slot can be bought until it ends, in China
// time. The server is seeded at 23:59 of the tests' today (so it sells
// today's slots and the next six days'); an order for a slot that has
// ended is refused 409 slot_ended and takes nothing (no quota, no order,
// no document held), and a repeat of its key gets the same answer.
func TestOrderForEndedSlot(t *testing.T) {
	api := loadContract(t)
	today, tomorrow := clocktest.Days(0), clocktest.Days(1)
	clk := clocktest.NewSettable(clocktest.At(t, today, "23:59"))
	s, hs, codesByPhone := openTest(t, Options{Now: clk.Now})
	c := signedInClient(t, hs.URL, codesByPhone)
	for i, tc := range []struct {
		name        string
		now         string // the server's time of day on the tests' today, China time
		date, start string // the slot
		status      int
		code        string
	}{
		{"23:59, today's 15:00–17:00", "23:59", today, "15:00", http.StatusConflict, platform.CodeSlotEnded},
		{"23:59, today's 09:00–11:00", "23:59", today, "09:00", http.StatusConflict, platform.CodeSlotEnded},
		{"17:00 sharp, today's 15:00–17:00", "17:00", today, "15:00", http.StatusConflict, platform.CodeSlotEnded},
		{"16:59, today's 15:00–17:00 while it runs", "16:59", today, "15:00", http.StatusCreated, ""},
		{"23:59, tomorrow's 09:00–11:00", "23:59", tomorrow, "09:00", http.StatusCreated, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			clk.Set(clocktest.At(t, today, tc.now))
			slot := slotAt(t, s, tc.date, tc.start)
			product := slot.AttractionID + "-adult"
			body, _ := json.Marshal(platform.OrderRequest{SlotID: slot.ID, ProductID: product, Quantity: 2,
				Visitors: []platform.OrderVisitor{
					{Name: "游客", DocKind: "id_card", DocNumber: testID(600 + 2*i), ProductID: product},
					{Name: "游客", DocKind: "id_card", DocNumber: testID(601 + 2*i), ProductID: product}}})
			left := remaining(t, s, slot.ID)
			orders, holders := taken(t, s, platform.Orders)

			key := fmt.Sprintf("ended-slot-%d", i)
			sendTwice(t, c, api, platform.Orders, "/v1/orders", key, body, tc.status, tc.code)

			wantTaken := 0
			if tc.status == http.StatusCreated {
				wantTaken = 2
			}
			if got := left - remaining(t, s, slot.ID); got != int64(wantTaken) {
				t.Errorf("%d tickets taken from the quota, want %d", got, wantTaken)
			}
			o2, h2 := taken(t, s, platform.Orders)
			if o2-orders != wantTaken/2 || h2-holders != wantTaken {
				t.Errorf("%d orders and %d documents stored, want %d and %d", o2-orders, h2-holders, wantTaken/2, wantTaken)
			}
		})
	}
}

// TestAppointmentTimes: a visit is booked only for a time still to come
// (else 422 in_the_past) at which the hall takes visits, Monday to Friday
// every half hour 09:00–11:30 and 13:30–16:30 China time (else 422
// outside_hours); an unreadable date or time is 400 and an unknown hall
// 404 whatever the time. A refusal stores nothing, and the same key again
// gets the same answer.
func TestAppointmentTimes(t *testing.T) {
	api := loadContract(t)
	now := clocktest.Now()
	s, hs, codesByPhone := openTest(t, Options{Now: clocktest.Fixed()})
	c := signedInClient(t, hs.URL, codesByPhone)

	today, workday := clocktest.Days(0), clocktest.Workday()
	var saturday, sunday string
	for n := 1; saturday == ""; n++ {
		if d, _ := clock.ParseDate(clocktest.Days(n)); d.Weekday() == time.Saturday {
			saturday, sunday = clocktest.Days(n), clocktest.Days(n+1)
		}
	}
	thisMinute := clock.In(now).Format("15:04") // at or before now
	earlier := "00:00"                          // before now, unless now is in today's first minute
	if m := clock.In(now).Add(-time.Minute); clock.Date(m) == today {
		earlier = m.Format("15:04")
	}
	const hall = "hall-320100"
	for i, tc := range []struct {
		name, hall, date, time string
		status                 int
		code                   string
	}{
		{"yesterday 10:00", hall, clocktest.Days(-1), "10:00", http.StatusUnprocessableEntity, platform.CodeInThePast},
		{"earlier today", hall, today, earlier, http.StatusUnprocessableEntity, platform.CodeInThePast},
		{"now", hall, today, thisMinute, http.StatusUnprocessableEntity, platform.CodeInThePast},
		{"Saturday 10:00", hall, saturday, "10:00", http.StatusUnprocessableEntity, platform.CodeOutsideHours},
		{"Sunday 10:00", hall, sunday, "10:00", http.StatusUnprocessableEntity, platform.CodeOutsideHours},
		{"workday 08:30, before opening", hall, workday, "08:30", http.StatusUnprocessableEntity, platform.CodeOutsideHours},
		{"workday 12:00, lunch", hall, workday, "12:00", http.StatusUnprocessableEntity, platform.CodeOutsideHours},
		{"workday 13:00, lunch", hall, workday, "13:00", http.StatusUnprocessableEntity, platform.CodeOutsideHours},
		{"workday 16:45, after the last visit", hall, workday, "16:45", http.StatusUnprocessableEntity, platform.CodeOutsideHours},
		{"workday 17:00, closed", hall, workday, "17:00", http.StatusUnprocessableEntity, platform.CodeOutsideHours},
		{"workday 09:15, not on the half hour", hall, workday, "09:15", http.StatusUnprocessableEntity, platform.CodeOutsideHours},
		{"a date that does not exist", hall, "2027-02-30", "10:00", http.StatusBadRequest, platform.CodeBadRequest},
		{"a time that cannot be read", hall, workday, "9am", http.StatusBadRequest, platform.CodeBadRequest},
		{"no such hall, in the past", "hall-000000", clocktest.Days(-1), "10:00", http.StatusNotFound, platform.CodeNotFound},
		{"next workday 09:00", hall, workday, "09:00", http.StatusCreated, ""},
		{"next workday 16:30, the last visit", hall, workday, "16:30", http.StatusCreated, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body, _ := json.Marshal(platform.AppointmentRequest{HallID: tc.hall, ItemID: 7, Date: tc.date, Time: tc.time})
			before, _ := taken(t, s, platform.Appointments)
			key := fmt.Sprintf("appointment-%d", i)
			res := sendTwice(t, c, api, platform.Appointments, "/v1/appointments", key, body, tc.status, tc.code)
			want := 0
			if tc.status == http.StatusCreated {
				want = 1
				var a platform.Appointment
				if err := json.Unmarshal(res.Body, &a); err != nil || a.Date != tc.date || a.Time != tc.time || a.Status != "booked" {
					t.Errorf("booked %+v (%v)", a, err)
				}
			}
			if after, _ := taken(t, s, platform.Appointments); after-before != want {
				t.Errorf("%d appointments stored, want %d", after-before, want)
			}
		})
	}
}

package offline

import (
	"context"
	"errors"
	"testing"
	"time"

	"jiangsupass/clock/clocktest"
	"jiangsupass/idcard"
	"jiangsupass/platform"
)

// TestBookingAtOneMinuteToMidnight: at 23:59 in China, on a clock given in
// Los Angeles (08:59 the same day there), the store refuses today's last
// slot before anything is stored, and books tomorrow's first, which the
// platform then confirms.
func TestBookingAtOneMinuteToMidnight(t *testing.T) {
	ctx := context.Background()
	la, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		t.Fatal(err)
	}
	today, tomorrow := clocktest.Days(0), clocktest.Days(1)
	clk := clocktest.NewSettable(clocktest.At(t, today, "23:59").In(la))
	s, _, c := signInPersonalOn(t, clk.Now)
	if err := NewSyncEngine(s, c, fastSync()).Sync(ctx); err != nil {
		t.Fatal(err)
	}
	slotAt := func(date, start string) platform.TicketSlot {
		t.Helper()
		slots, err := s.TicketSlots(ctx, "5a-010", date)
		if err != nil {
			t.Fatal(err)
		}
		for _, sl := range slots {
			if sl.Date == date && sl.Start == start {
				return sl
			}
		}
		t.Fatalf("no slot %s %s among %+v", date, start, slots)
		return platform.TicketSlot{}
	}
	visitor := []platform.OrderVisitor{{Name: "王小明", DocKind: string(idcard.KindResidentID),
		DocNumber: "320102198503151230", ProductID: "5a-010-adult"}}

	late := slotAt(today, "15:00")
	if !SlotEnded(late, clk.Now()) {
		t.Fatal("today's 15:00–17:00 slot has not ended at 23:59")
	}
	if _, err := s.BookTickets(ctx, late, visitor); !errors.Is(err, ErrSlotEnded) {
		t.Fatalf("today's last slot at 23:59: %v", err)
	}
	if items, _ := s.Outbox(ctx, ""); len(items) != 0 {
		t.Fatalf("a refused order reached the outbox: %+v", items)
	}
	if got := slotAt(today, "15:00"); got.Remaining != late.Remaining {
		t.Fatalf("a refused order took tickets: %d → %d", late.Remaining, got.Remaining)
	}

	first := slotAt(tomorrow, "09:00")
	o, err := s.BookTickets(ctx, first, visitor)
	if err != nil {
		t.Fatalf("tomorrow's first slot at 23:59: %v", err)
	}
	clk.Add(2 * time.Minute) // delivered after midnight
	if err := NewSyncEngine(s, c, fastSync()).Sync(ctx); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.TicketOrder(ctx, o.LocalID); got.Status != "confirmed" || got.Ticket == nil {
		t.Fatalf("tomorrow's order after midnight: %+v", got)
	}
}

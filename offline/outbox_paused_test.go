package offline

import (
	"context"
	"errors"
	"testing"

	"jiangsupass/platform"
	"jiangsupass/platform/server"
)

// TestPausedSlotSellsNothingOffline: once a sync has brought the news that
// the scenic area's staff paused a slot, an order for it is refused on the
// device with ErrSlotPaused, and nothing is taken from the slot or queued
// for the platform; resumed, it sells again.
func TestPausedSlotSellsNothingOffline(t *testing.T) {
	ctx := context.Background()
	ps := startPlatform(t, server.Options{})
	s, _, err := Open(ctx, seededCopy(t), Options{Anchors: testAnchors, Now: liveClock})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	client := testClient(ps.HTTP.URL, nil)
	sync := func() {
		t.Helper()
		if err := NewSyncEngine(s, client, fastSync()).Sync(ctx); err != nil && problemOf(err) != ProblemSignIn {
			t.Fatal(err)
		}
	}
	sync()
	slot := slotIDsOf(t, s, []string{"5a-010"})[0]
	before := remaining(t, s, slot)
	if _, err := ps.Patch(ctx, platform.TicketSlots, slot, []byte(`{"paused":true}`)); err != nil {
		t.Fatal(err)
	}
	sync()
	req := platform.OrderRequest{SlotID: slot, ProductID: "5a-010-adult", Quantity: 1, Visitors: passportVisitors(1, "5a-010-adult")}
	if _, err := s.PlaceOrder(ctx, req); !errors.Is(err, ErrSlotPaused) {
		t.Fatalf("an order for a paused slot: %v, want ErrSlotPaused", err)
	}
	if got := remaining(t, s, slot); got != before {
		t.Errorf("the refused order took tickets: %d left, was %d", got, before)
	}
	if st, _ := s.SyncStatus(ctx); st.Pending != 0 {
		t.Errorf("the refused order left %d requests to send", st.Pending)
	}

	if _, err := ps.Patch(ctx, platform.TicketSlots, slot, []byte(`{"paused":false}`)); err != nil {
		t.Fatal(err)
	}
	sync()
	if _, err := s.PlaceOrder(ctx, req); err != nil {
		t.Fatalf("an order once the slot is on sale again: %v", err)
	}
	req.Quantity = 100000
	if _, err := s.PlaceOrder(ctx, req); !errors.Is(err, ErrSoldOut) {
		t.Errorf("an order beyond what is left: %v, want ErrSoldOut", err)
	}
}

package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"jiangsupass/clock/clocktest"
	"jiangsupass/codes"
	"jiangsupass/idcard"
	"jiangsupass/platform"
)

// testID makes a valid Nanjing identity number from a serial.
func testID(serial int) string {
	first := fmt.Sprintf("32010219850315%03d", serial%1000)
	c, _ := idcard.CheckDigit(first)
	return first + string(c)
}

// signedInClient signs a demo resident in.
func signedInClient(t *testing.T, hs string, codesByPhone map[string]string) *platform.Client {
	t.Helper()
	return signedInAs(t, hs, codesByPhone, 1)
}

// lastSlot is a slot of the last day the server sells, so that it has not
// begun; its quota is set to quota.
func lastSlot(t *testing.T, s *Server, quota int) platform.TicketSlot {
	t.Helper()
	ctx := context.Background()
	items, err := s.Items(ctx, platform.TicketSlots)
	if err != nil {
		t.Fatal(err)
	}
	var best platform.TicketSlot
	for _, b := range items {
		var sl platform.TicketSlot
		if err := json.Unmarshal(b.Body, &sl); err != nil {
			t.Fatal(err)
		}
		if best.ID == "" || sl.Date+sl.Start+sl.ID > best.Date+best.Start+best.ID {
			best = sl
		}
	}
	if _, err := s.Patch(ctx, platform.TicketSlots, best.ID, fmt.Appendf(nil, `{"quota":%d,"remaining":%d}`, quota, quota)); err != nil {
		t.Fatal(err)
	}
	best.Quota, best.Remaining = int64(quota), int64(quota)
	return best
}

// TestOrdersNeverOversell sends 200 real-name orders at once from three
// accounts against a slot with a quota of 50 (the accounts may hold 60
// between them): exactly 50 are confirmed, the rest refused as full or
// over an account's limit, and a repeated Idempotency-Key returns the
// same order.
func TestOrdersNeverOversell(t *testing.T) {
	ctx := context.Background()
	s, hs, codesByPhone := openTest(t, Options{Now: clocktest.Fixed()})
	clients := []*platform.Client{signedInAs(t, hs.URL, codesByPhone, 0), signedInAs(t, hs.URL, codesByPhone, 1), signedInAs(t, hs.URL, codesByPhone, 2)}
	slot := lastSlot(t, s, 50)
	product := slot.AttractionID + "-adult"
	const orders = 200
	var mu sync.Mutex
	confirmed, full, limited := map[string]string{}, 0, 0
	var wg sync.WaitGroup
	for i := range orders {
		wg.Add(1)
		go func() {
			defer wg.Done()
			body, _ := json.Marshal(platform.OrderRequest{SlotID: slot.ID, ProductID: product, Quantity: 1,
				Visitors: []platform.OrderVisitor{{Name: "游客", DocKind: "id_card", DocNumber: testID(i), ProductID: product}}})
			res, err := clients[i%len(clients)].Mutate(ctx, platform.Orders, fmt.Sprintf("concurrent-%04d", i), body)
			mu.Lock()
			defer mu.Unlock()
			var pe *platform.Error
			switch {
			case err == nil && res.Status == http.StatusCreated:
				confirmed[fmt.Sprintf("concurrent-%04d", i)] = string(res.Body)
			case errors.As(err, &pe) && pe.Code == platform.CodeSlotFull:
				full++
			case errors.As(err, &pe) && pe.Code == platform.CodeTicketLimit:
				limited++
			default:
				t.Errorf("order %d: %d %v", i, res.Status, err)
			}
		}()
	}
	wg.Wait()
	b, _ := s.Get(ctx, platform.TicketSlots, slot.ID)
	var after platform.TicketSlot
	_ = json.Unmarshal(b, &after)
	applied, _ := s.Applied(ctx, platform.Orders)
	t.Logf("%d orders: %d confirmed, %d refused as full, %d over an account's limit; remaining %d; %d orders stored",
		orders, len(confirmed), full, limited, after.Remaining, len(applied))
	if len(confirmed) != 50 || full+limited != orders-50 || after.Remaining != 0 || len(applied) != 50 {
		t.Fatalf("oversold or undersold: %d confirmed, %d full, %d limited, remaining %d, %d stored", len(confirmed), full, limited, after.Remaining, len(applied))
	}
	for key, first := range confirmed {
		var i int
		fmt.Sscanf(key, "concurrent-%04d", &i)
		body, _ := json.Marshal(platform.OrderRequest{SlotID: slot.ID, ProductID: product, Quantity: 1,
			Visitors: []platform.OrderVisitor{{Name: "游客", DocKind: "id_card", DocNumber: testID(i), ProductID: product}}})
		again, err := clients[i%len(clients)].Mutate(ctx, platform.Orders, key, body)
		if err != nil || string(again.Body) != first {
			t.Fatalf("repeat of %s: %v\n%s\nfirst %s", key, err, again.Body, first)
		}
		break
	}
	if applied, _ := s.Applied(ctx, platform.Orders); len(applied) != 50 {
		t.Fatalf("a repeated key made another order: %d", len(applied))
	}
}

// TestRealNameRules refuses a document booked twice for a day and a bad
// document, changing nothing, and issues a ticket that verifies only in
// its slot; a refund gives the ticket back.
func TestRealNameRules(t *testing.T) {
	ctx := context.Background()
	s, hs, codesByPhone := openTest(t, Options{Now: clocktest.Fixed()})
	c := signedInClient(t, hs.URL, codesByPhone)
	slot := lastSlot(t, s, 10)
	product := slot.AttractionID + "-adult"
	dev, err := codes.NewDevice()
	if err != nil {
		t.Fatal(err)
	}
	order := func(key, doc string) (platform.Order, error) {
		body, _ := json.Marshal(platform.OrderRequest{SlotID: slot.ID, ProductID: product, Quantity: 1, DeviceKey: dev.PublicKey(),
			Visitors: []platform.OrderVisitor{{Name: "王小明", DocKind: "id_card", DocNumber: doc, ProductID: product}}})
		res, err := c.Mutate(ctx, platform.Orders, key, body)
		var o platform.Order
		if err == nil {
			err = json.Unmarshal(res.Body, &o)
		}
		return o, err
	}
	o, err := order("real-name-1", testID(1))
	if err != nil {
		t.Fatal(err)
	}
	if o.Visitors[0].Name != "王*明" || o.Visitors[0].DocNumber != "3201**********"+testID(1)[14:] || len(o.Ticket) == 0 {
		t.Fatalf("order %+v", o)
	}
	var pe *platform.Error
	if _, err := order("real-name-2", testID(1)); !errors.As(err, &pe) || pe.Code != platform.CodeAlreadyBooked {
		t.Fatalf("the same document again: %v", err)
	}
	bad := testID(2)[:17] + "0"
	if bad == testID(2) {
		bad = testID(2)[:17] + "1"
	}
	if _, err := order("real-name-3", bad); !errors.As(err, &pe) || pe.Code != platform.CodeBadRequest {
		t.Fatalf("a bad check digit: %v", err)
	}
	b, _ := s.Get(ctx, platform.TicketSlots, slot.ID)
	var after platform.TicketSlot
	_ = json.Unmarshal(b, &after)
	if after.Remaining != 9 {
		t.Fatalf("remaining %d after one good order and two refusals", after.Remaining)
	}
	// The ticket verifies inside its slot and not outside it.
	signed, err := c.TrustList(ctx)
	if err != nil {
		t.Fatal(err)
	}
	trust, err := codes.OpenTrustList(signed.Signed, codes.DemoAnchors())
	if err != nil {
		t.Fatal(err)
	}
	start, end, _ := slotBounds(&slot)
	for _, tc := range []struct {
		at   time.Time
		want codes.Reason
	}{{start.Add(time.Minute), codes.ReasonNone}, {start.Add(-time.Minute), codes.ReasonNotYetValid}, {end.Add(time.Second), codes.ReasonExpired}} {
		code, err := dev.Present(o.Ticket, tc.at)
		if err != nil {
			t.Fatal(err)
		}
		res, err := codes.Check(code, trust, tc.at)
		if got := codes.ReasonOf(err); got != tc.want {
			t.Fatalf("at %s: reason %q, want %q (%v)", tc.at, got, tc.want, err)
		}
		if err == nil && (res.Credential.Extra["date"] != slot.Date || res.Credential.Ref != o.ID) {
			t.Fatalf("ticket says %+v", res.Credential)
		}
	}
	// A refund frees the document and the ticket.
	rb, _ := json.Marshal(platform.RefundRequest{OrderID: o.ID})
	res, err := c.Mutate(ctx, platform.Refunds, "refund-1", rb)
	if err != nil || json.Unmarshal(res.Body, &o) != nil || o.Status != "refunded" {
		t.Fatalf("refund: %v %s", err, res.Body)
	}
	if _, err := order("real-name-4", testID(1)); err != nil {
		t.Fatalf("the document after a refund: %v", err)
	}
	// The refunded ticket is on the next trust list, and a gate with that
	// list refuses it inside its slot.
	after2, err := c.TrustList(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if after2.Seq <= signed.Seq {
		t.Fatalf("trust list sequence %d after a refund, %d before", after2.Seq, signed.Seq)
	}
	trust, err = codes.OpenTrustList(after2.Signed, codes.DemoAnchors())
	if err != nil {
		t.Fatal(err)
	}
	code, err := dev.Present(o.Ticket, start.Add(time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := codes.Check(code, trust, start.Add(time.Minute)); codes.ReasonOf(err) != codes.ReasonRevoked {
		t.Fatalf("a refunded ticket inside its slot: %v, want revoked", err)
	}
}

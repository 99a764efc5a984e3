package offline

import (
	"context"
	"errors"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"jiangsupass/clock"
	"jiangsupass/codes"
	"jiangsupass/idcard"
	"jiangsupass/platform"
)

// lastSlotOf is the replica's latest slot of an attraction: it has not
// begun.
func lastSlotOf(t *testing.T, s *Store, attraction string) platform.TicketSlot {
	t.Helper()
	slots, err := s.TicketSlots(context.Background(), attraction, "")
	if err != nil || len(slots) == 0 {
		t.Fatalf("slots of %s: %d, %v", attraction, len(slots), err)
	}
	return slots[len(slots)-1]
}

// TestTicketOrderWaitsOffline books with the platform down: the order waits
// in the outbox as pending. With the platform up again at the same address,
// one sync delivers it: exactly one order exists on the server, the app
// shows it confirmed with its e-ticket, and the ticket's QR code, read by
// zbarimg, verifies with no network inside its slot and fails outside it.
func TestTicketOrderWaitsOffline(t *testing.T) {
	ctx := context.Background()
	s, ps, c := signInPersonal(t)
	if err := NewSyncEngine(s, c, fastSync()).Sync(ctx); err != nil {
		t.Fatal(err)
	}
	slot := lastSlotOf(t, s, "5a-010")
	products, err := s.TicketProducts(ctx, "5a-010")
	if err != nil || len(products) < 2 {
		t.Fatalf("products %v, %v", products, err)
	}
	if !products[0].Generated {
		t.Error("the reference server's prices are not labelled generated")
	}
	addr := ps.HTTP.Listener.Addr().String()
	ps.HTTP.Close() // the platform goes down

	visitors := []platform.OrderVisitor{
		{Name: "王小明", DocKind: string(idcard.KindResidentID), DocNumber: "320102198503151230", ProductID: products[0].ID},
		{Name: "Anna Smith", DocKind: string(idcard.KindPassport), DocNumber: "c01x00t47", ProductID: products[1].ID},
	}
	bad := append([]platform.OrderVisitor(nil), visitors...)
	bad[0].DocNumber = "320102198503151231"
	if _, err := s.BookTickets(ctx, slot, bad); !errors.Is(err, idcard.ErrCheckDigit) {
		t.Fatalf("a bad check digit: %v", err)
	}
	if n, _, _ := s.OutboxCounts(ctx); n != 0 {
		t.Fatalf("a refused booking left %d requests", n)
	}
	o, err := s.BookTickets(ctx, slot, visitors)
	if err != nil {
		t.Fatal(err)
	}
	if o.Status != "pending" || o.TotalCents != products[0].PriceCents+products[1].PriceCents || o.Visitors[0].Name != "王*明" {
		t.Fatalf("booked %+v", o)
	}
	if err := NewSyncEngine(s, c, fastSync()).Sync(ctx); err == nil {
		t.Fatal("a sync with the platform down succeeded")
	}
	got, _ := s.TicketOrder(ctx, o.LocalID)
	pending, _ := s.Outbox(ctx, OutboxPending)
	if got.Status != "pending" || len(pending) != 1 || pending[0].Kind != platform.Orders {
		t.Fatalf("with the platform down: order %s, outbox %+v", got.Status, pending)
	}
	if _, err := s.PresentTicket(ctx, o.LocalID, liveClock()); !errors.Is(err, ErrNotFound) {
		t.Fatalf("a pending order showed a ticket: %v", err)
	}
	// Waiting, the order's names and document numbers are sealed: none is
	// in any file of the data directory, yet the request still reads.
	secrets := map[string][]byte{}
	for _, v := range visitors {
		secrets[v.Name] = []byte(v.Name)
		secrets[v.DocNumber] = []byte(v.DocNumber)
	}
	dir := filepath.Dir(s.Path())
	searchDir(t, dir, secrets, 2)
	if !strings.Contains(string(pending[0].Body), visitors[0].DocNumber) {
		t.Fatalf("the waiting request reads %s", pending[0].Body)
	}

	// The platform comes back at the same address.
	l, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	hs := &http.Server{Handler: ps.Server.Handler()}
	go func() { _ = hs.Serve(l) }()
	defer hs.Close()
	if err := NewSyncEngine(s, c, fastSync()).Sync(ctx); err != nil {
		t.Fatal(err)
	}
	if err := NewSyncEngine(s, c, fastSync()).Sync(ctx); err != nil {
		t.Fatal(err)
	}
	applied, _ := ps.Server.Applied(ctx, platform.Orders)
	got, _ = s.TicketOrder(ctx, o.LocalID)
	t.Logf("after the platform is back: %d order(s) on the server, the app shows %q", len(applied), got.Status)
	if len(applied) != 1 || got.Status != "confirmed" || got.ServerID != applied[0].ID || got.Ticket == nil {
		t.Fatalf("server orders %+v; app order %+v", applied, got)
	}
	// The platform confirmed the order, so it read the full numbers (it
	// checks each one); the answered request keeps none of them.
	searchDir(t, dir, secrets, 2)

	// The QR code at the gate, read by an independent decoder.
	zbar, err := exec.LookPath("zbarimg")
	if err != nil {
		t.Fatal("zbarimg is missing: run `make deps` (Debian package zbar-tools)")
	}
	trust, err := s.TrustList(ctx)
	if err != nil {
		t.Fatal(err)
	}
	start, end := got.SlotStart(), got.SlotEnd()
	for _, tc := range []struct {
		name string
		at   time.Time
		want codes.Reason
	}{
		{"in the slot", start.Add(30 * time.Minute), codes.ReasonNone},
		{"before the slot", start.Add(-10 * time.Minute), codes.ReasonNotYetValid},
		{"after the slot", end.Add(time.Minute), codes.ReasonExpired},
	} {
		shown, err := s.PresentTicket(ctx, o.LocalID, tc.at)
		if err != nil {
			t.Fatal(err)
		}
		png, err := codes.QRPNG(shown.Text, 512)
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), "ticket.png")
		if err := os.WriteFile(path, png, 0o600); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(zbar, "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", path).Output()
		if err != nil {
			t.Fatalf("zbarimg: %v", err)
		}
		read := strings.TrimSuffix(string(out), "\n")
		if read != shown.Text || !strings.HasPrefix(read, "JST1:") {
			t.Fatalf("zbarimg read %q", read)
		}
		res, err := codes.Check(read, trust, tc.at)
		if codes.ReasonOf(err) != tc.want {
			t.Fatalf("%s: %v, want reason %v", tc.name, err, tc.want)
		}
		if err == nil && (res.Credential.Extra["date"] != slot.Date || res.Credential.Extra["slot"] != slot.Start+"-"+slot.End ||
			!strings.Contains(res.Credential.Holder, "王*明")) {
			t.Fatalf("the ticket says %+v", res.Credential)
		}
		t.Logf("%s (%s): %v", tc.name, clock.In(tc.at).Format("2006-01-02 15:04"), codes.ReasonOf(err))
	}

	// A refund before the slot goes through the outbox; after its start,
	// by the store's clock, none is taken.
	live := s.now
	s.now = func() time.Time { return start.Add(time.Minute) }
	err = s.RequestRefund(ctx, o.LocalID)
	s.now = live
	if !errors.Is(err, ErrNotRefundable) {
		t.Fatalf("a refund after the start: %v", err)
	}
	if err := s.RequestRefund(ctx, o.LocalID); err != nil {
		t.Fatal(err)
	}
	if err := NewSyncEngine(s, c, fastSync()).Sync(ctx); err != nil {
		t.Fatal(err)
	}
	if got, _ = s.TicketOrder(ctx, o.LocalID); got.RefundState != "refunded" || lastSlotOf(t, s, "5a-010").Remaining != slot.Remaining {
		t.Fatalf("after the refund: %+v, slot %+v", got, lastSlotOf(t, s, "5a-010"))
	}
}

// TestSavedVisitors keeps checked visitors sealed and refuses a bad one.
func TestSavedVisitors(t *testing.T) {
	ctx := context.Background()
	s, _, _ := signInPersonal(t)
	if _, err := s.SaveVisitor(ctx, Visitor{Name: "李四", DocKind: "id_card", DocNumber: "329999198503151231"}); !errors.Is(err, idcard.ErrRegion) {
		t.Fatalf("an unknown Jiangsu division: %v", err)
	}
	v, err := s.SaveVisitor(ctx, Visitor{Name: "李四", DocKind: "id_card", DocNumber: "320102850315123"})
	if err != nil || v.DocNumber != "320102198503151230" {
		t.Fatalf("saved %+v, %v", v, err)
	}
	if _, err := s.SaveVisitor(ctx, Visitor{Name: "李四", DocKind: "id_card", DocNumber: "320102198503151230"}); err != nil {
		t.Fatal(err)
	}
	list, _ := s.Visitors(ctx)
	if len(list) != 1 {
		t.Fatalf("the same document twice: %+v", list)
	}
	if err := s.RemoveVisitor(ctx, list[0].ID); err != nil {
		t.Fatal(err)
	}
	if list, _ = s.Visitors(ctx); len(list) != 0 {
		t.Fatalf("after removal: %+v", list)
	}
}

package offline

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"jiangsupass/clock"
	"jiangsupass/codes"
	"jiangsupass/idcard"
	"jiangsupass/platform"
)

// Errors of booking and refunding tickets.
var (
	ErrNoVisitors     = errors.New("offline: a booking needs 1 to 20 visitors")
	ErrDuplicateDoc   = errors.New("offline: the same document twice in one booking")
	ErrNotRefundable  = errors.New("offline: the slot has begun; this ticket can no longer be refunded")
	ErrNotConfirmed   = errors.New("offline: only a confirmed order can be refunded")
	ErrUnknownProduct = errors.New("offline: this ticket is not sold for this slot")
	ErrSlotEnded      = errors.New("offline: this time slot has ended")
)

// TicketOrder is a ticket order with its slot, visitors and e-ticket.
type TicketOrder struct {
	Order
	AttractionID  string
	Date          string // YYYY-MM-DD
	Start, End    string // HH:MM, China time
	TotalCents    int64
	Visitors      []platform.OrderVisitor // masked
	Ticket        []byte                  // the signed e-ticket, once confirmed
	ErrorCode     string                  // the platform's code when it refused the order
	RefundState   string                  // "", pending, refunded, rejected
	RefundMessage string
	CreatedAt     time.Time
	// WaitsForSignIn: made signed out, the order waits for a sign-in
	// that takes it on (SignInOffer) before it is sent.
	WaitsForSignIn bool
}

// SlotStart is when the order's slot begins.
func (o TicketOrder) SlotStart() time.Time { return slotTime(o.Date, o.Start) }

// SlotEnd is when the order's slot ends.
func (o TicketOrder) SlotEnd() time.Time { return slotTime(o.Date, o.End) }

// SlotEnded reports whether a slot has ended at now (China time). A slot
// whose date or times cannot be read counts as ended: it cannot be booked.
func SlotEnded(slot platform.TicketSlot, now time.Time) bool {
	end, err := clock.At(slot.Date, slot.End)
	return err != nil || !now.Before(end)
}

func slotTime(date, hm string) time.Time {
	t, _ := clock.At(date, hm)
	return t
}

// BookTickets records a real-name order for a slot: one ticket per visitor,
// each with its product. The documents are checked first (a bad one
// changes nothing); then, in one transaction, the tickets are taken from
// the slot's remaining quota in the replica, the order is written as
// pending and the request goes into the outbox, bound to this device's key
// so that the platform's e-ticket can be shown offline. A slot that has
// ended by the store's clock is refused with ErrSlotEnded.
func (s *Store) BookTickets(ctx context.Context, slot platform.TicketSlot, visitors []platform.OrderVisitor) (TicketOrder, error) {
	if len(visitors) == 0 || len(visitors) > 20 {
		return TicketOrder{}, ErrNoVisitors
	}
	now := s.now()
	if SlotEnded(slot, now) {
		return TicketOrder{}, fmt.Errorf("book tickets for %s %s–%s: %w", slot.Date, slot.Start, slot.End, ErrSlotEnded)
	}
	products, err := s.TicketProducts(ctx, slot.AttractionID)
	if err != nil {
		return TicketOrder{}, err
	}
	price := map[string]int64{}
	for _, p := range products {
		price[p.ID] = p.PriceCents
	}
	to := TicketOrder{AttractionID: slot.AttractionID, Date: slot.Date, Start: slot.Start, End: slot.End, CreatedAt: now}
	seen := map[string]bool{}
	clean := make([]platform.OrderVisitor, len(visitors))
	for i, v := range visitors {
		d, err := s.CheckDocument(ctx, idcard.Document{Name: v.Name, Kind: idcard.Kind(v.DocKind), Number: v.DocNumber})
		if err != nil {
			return TicketOrder{}, fmt.Errorf("visitor %d: %w", i+1, err)
		}
		if seen[v.DocKind+d.Number] {
			return TicketOrder{}, fmt.Errorf("visitor %d: %w", i+1, ErrDuplicateDoc)
		}
		seen[v.DocKind+d.Number] = true
		cents, ok := price[v.ProductID]
		if !ok {
			return TicketOrder{}, fmt.Errorf("visitor %d: %w", i+1, ErrUnknownProduct)
		}
		to.TotalCents += cents
		clean[i] = platform.OrderVisitor{Name: d.Name, DocKind: v.DocKind, DocNumber: d.Number, ProductID: v.ProductID}
		to.Visitors = append(to.Visitors, platform.OrderVisitor{Name: idcard.MaskName(d.Name), DocKind: v.DocKind,
			DocNumber: idcard.Mask(d.Number), ProductID: v.ProductID})
	}
	dev, err := s.device(ctx, s.personalEpoch())
	if err != nil {
		return TicketOrder{}, fmt.Errorf("book tickets: %w", err)
	}
	req := platform.OrderRequest{SlotID: slot.ID, ProductID: clean[0].ProductID, Quantity: int64(len(clean)),
		Visitors: clean, DeviceKey: dev.PublicKey()}
	masked, _ := json.Marshal(to.Visitors)
	o, err := s.placeOrder(ctx, req, func(tx *sql.Tx, localID int64) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO ticket_orders (local_id, attraction_id, date, start_time, end_time, total_cents, visitors)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, localID, slot.AttractionID, slot.Date, slot.Start, slot.End, to.TotalCents, string(masked))
		return err
	})
	if err != nil {
		return TicketOrder{}, err
	}
	to.Order = o
	return to, nil
}

// settleTicketOrder keeps the e-ticket and the platform's masked visitors
// of a confirmed order.
func settleTicketOrder(ctx context.Context, tx *sql.Tx, outboxID int64, o platform.Order) error {
	if len(o.Ticket) == 0 {
		return nil
	}
	masked, _ := json.Marshal(o.Visitors)
	_, err := tx.ExecContext(ctx, `UPDATE ticket_orders SET ticket = ?, visitors = CASE WHEN ? = 'null' THEN visitors ELSE ? END
		WHERE local_id = (SELECT local_id FROM orders WHERE outbox_id = ?)`, o.Ticket, string(masked), string(masked), outboxID)
	return err
}

// RequestRefund asks for a confirmed order's refund through the outbox.
// The rule of the generated products: a full refund until the slot
// begins (by the store's clock), none after.
func (s *Store) RequestRefund(ctx context.Context, localID int64) error {
	o, err := s.TicketOrder(ctx, localID)
	if err != nil {
		return err
	}
	if o.Status != "confirmed" || o.ServerID == "" || o.RefundState == "pending" || o.RefundState == "refunded" {
		return ErrNotConfirmed
	}
	if !s.now().Before(o.SlotStart()) {
		return ErrNotRefundable
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		id, err := s.enqueue(ctx, tx, platform.Refunds, platform.RefundRequest{OrderID: o.ServerID},
			[]RowRef{{platform.TicketSlots, o.SlotID}})
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, "UPDATE ticket_orders SET refund_state = 'pending', refund_outbox_id = ?, refund_message = '' WHERE local_id = ?", id, localID)
		return err
	})
}

// settleRefund records the platform's answer to a refund.
func settleRefund(ctx context.Context, tx *sql.Tx, outboxID int64, refusal *platform.Error) error {
	state, msg := "refunded", ""
	if refusal != nil {
		state, msg = "rejected", refusal.Message
	}
	_, err := tx.ExecContext(ctx, "UPDATE ticket_orders SET refund_state = ?, refund_message = ? WHERE refund_outbox_id = ?", state, msg, outboxID)
	return err
}

const ticketOrderColumns = `o.local_id, o.outbox_id, o.slot_id, o.product_id, o.quantity, o.status, o.server_id, o.message,
	o.created_at, t.attraction_id, t.date, t.start_time, t.end_time, t.total_cents, t.visitors, coalesce(t.ticket, x''),
	t.refund_state, t.refund_message, coalesce(x.error_code, ''), coalesce(x.state = 'pending' AND x.owner = '', 0)`

// ticketOrdersFrom joins what a ticket order is shown with, and keeps
// those the person using the device may see (ticketOrdersSeen's two
// arguments): made signed out, or by the signed-in resident; another
// resident's wait unseen.
const ticketOrdersFrom = ` FROM orders o JOIN ticket_orders t USING (local_id) LEFT JOIN outbox x ON x.id = o.outbox_id
	WHERE (coalesce(x.owner, '') = '' OR (x.owner = ? AND x.origin IN ('', ?)))`

// ticketOrdersSeen is the resident signed in and their server, for
// ticketOrdersFrom ("" and "" when no one is).
func (s *Store) ticketOrdersSeen(ctx context.Context) ([]any, error) {
	sess, err := s.Session(ctx)
	switch {
	case err == nil:
		return []any{sess.Profile.UserID, sess.Origin}, nil
	case errors.Is(err, ErrSignedOut) || errors.Is(err, errSealed):
		return []any{"", ""}, nil
	}
	return nil, fmt.Errorf("ticket orders: %w", err)
}

func scanTicketOrder(sc scanner) (TicketOrder, error) {
	var o TicketOrder
	var created, visitors string
	err := sc.Scan(&o.LocalID, &o.OutboxID, &o.SlotID, &o.ProductID, &o.Quantity, &o.Status, &o.ServerID, &o.Message,
		&created, &o.AttractionID, &o.Date, &o.Start, &o.End, &o.TotalCents, &visitors, &o.Ticket, &o.RefundState, &o.RefundMessage, &o.ErrorCode, &o.WaitsForSignIn)
	if err != nil {
		return o, err
	}
	o.CreatedAt, _ = parseTime(created)
	if len(o.Ticket) == 0 {
		o.Ticket = nil
	}
	return o, json.Unmarshal([]byte(visitors), &o.Visitors)
}

// TicketOrders returns the ticket orders that the person using the
// device may see (made signed out, or by the resident signed in), soonest
// slot first.
func (s *Store) TicketOrders(ctx context.Context) ([]TicketOrder, error) {
	seen, err := s.ticketOrdersSeen(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, "SELECT "+ticketOrderColumns+ticketOrdersFrom+
		" ORDER BY t.date, t.start_time, o.local_id", seen...)
	if err != nil {
		return nil, fmt.Errorf("ticket orders: %w", err)
	}
	defer rows.Close()
	var out []TicketOrder
	for rows.Next() {
		o, err := scanTicketOrder(rows)
		if err != nil {
			return nil, fmt.Errorf("ticket orders: %w", err)
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// TicketOrder returns one ticket order by its local ID, when the person
// using the device may see it (see TicketOrders).
func (s *Store) TicketOrder(ctx context.Context, localID int64) (TicketOrder, error) {
	seen, err := s.ticketOrdersSeen(ctx)
	if err != nil {
		return TicketOrder{}, err
	}
	o, err := scanTicketOrder(s.db.QueryRowContext(ctx, "SELECT "+ticketOrderColumns+ticketOrdersFrom+
		" AND o.local_id = ?", append(seen, localID)...))
	if errors.Is(err, sql.ErrNoRows) {
		return o, fmt.Errorf("ticket order %d: %w", localID, ErrNotFound)
	}
	return o, err
}

// PresentTicket makes the e-ticket's code for time now with no network:
// this device wraps the platform's signed ticket with now's time step.
// ErrNotFound means the order has no e-ticket yet (not confirmed).
func (s *Store) PresentTicket(ctx context.Context, localID int64, now time.Time) (ShownCode, error) {
	o, err := s.TicketOrder(ctx, localID)
	if err != nil {
		return ShownCode{}, err
	}
	if o.Ticket == nil {
		return ShownCode{}, fmt.Errorf("e-ticket of order %d: %w", localID, ErrNotFound)
	}
	raw, err := s.DeviceKey(ctx)
	if err != nil {
		return ShownCode{}, err
	}
	dev, err := codes.DeviceFromBytes(raw)
	if err != nil {
		return ShownCode{}, fmt.Errorf("present ticket: %w", err)
	}
	text, err := dev.Present(o.Ticket, now)
	if err != nil {
		return ShownCode{}, fmt.Errorf("present ticket: %w", err)
	}
	c, _ := codes.ReadCredential(o.Ticket)
	return ShownCode{Text: text, Credential: c, Step: codes.Step(now)}, nil
}

package offline

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"jiangsupass/platform"
)

// ErrSoldOut is returned by PlaceOrder when the replica already shows too
// few tickets left in the slot.
var ErrSoldOut = errors.New("offline: not enough tickets left in this slot")

// ErrSlotPaused is returned by PlaceOrder when the scenic area's staff
// have paused the slot's sales, as the replica last heard.
var ErrSlotPaused = errors.New("offline: the scenic area has paused this slot's sales")

// Order is a ticket order as the app knows it.
type Order struct {
	LocalID   int64
	OutboxID  int64
	SlotID    string
	ProductID string
	Quantity  int64
	Status    string // pending, confirmed, rejected
	ServerID  string // the platform's order ID once confirmed
	Message   string // why the platform rejected it
}

// PlaceOrder records a ticket order: in one transaction it takes the
// tickets from the slot's remaining quota in the replica (shown at once,
// as pending), writes the order and puts the request in the outbox. The
// sync engine delivers it; a pull leaves the slot alone meanwhile.
func (s *Store) PlaceOrder(ctx context.Context, req platform.OrderRequest) (Order, error) {
	return s.placeOrder(ctx, req, nil)
}

// placeOrder does the work of PlaceOrder; more, when not nil, writes what
// else the order needs in the same transaction.
func (s *Store) placeOrder(ctx context.Context, req platform.OrderRequest, more func(tx *sql.Tx, localID int64) error) (Order, error) {
	if req.Quantity < 1 {
		return Order{}, errors.New("place order: quantity must be at least 1")
	}
	o := Order{SlotID: req.SlotID, ProductID: req.ProductID, Quantity: req.Quantity, Status: "pending"}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		r, err := tx.ExecContext(ctx, "UPDATE ticket_slots SET remaining = remaining - ? WHERE id = ? AND remaining >= ? AND paused = 0",
			req.Quantity, req.SlotID, req.Quantity)
		if err != nil {
			return err
		}
		if n, _ := r.RowsAffected(); n == 0 {
			return whyNotSold(ctx, tx, req.SlotID)
		}
		if o.OutboxID, err = s.enqueue(ctx, tx, platform.Orders, req,
			[]RowRef{{platform.TicketSlots, req.SlotID}}); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO orders (outbox_id, slot_id, product_id, quantity, status, created_at)
			VALUES (?, ?, ?, ?, 'pending', ?)`, o.OutboxID, req.SlotID, req.ProductID, req.Quantity, formatTime(s.now()))
		if err != nil {
			return err
		}
		if o.LocalID, err = res.LastInsertId(); err != nil || more == nil {
			return err
		}
		return more(tx, o.LocalID)
	})
	if err != nil {
		return Order{}, fmt.Errorf("place order: %w", err)
	}
	return o, nil
}

// whyNotSold is why slot id sold nothing: its sales are paused, or too few
// tickets are left (or the replica has no such slot).
func whyNotSold(ctx context.Context, tx *sql.Tx, id string) error {
	var paused bool
	err := tx.QueryRowContext(ctx, "SELECT paused FROM ticket_slots WHERE id = ?", id).Scan(&paused)
	switch {
	case err == nil && paused:
		return ErrSlotPaused
	case err == nil || errors.Is(err, sql.ErrNoRows):
		return ErrSoldOut
	}
	return err
}

// settleOrder updates an order with the platform's answer. A refused
// order's tickets go back to its slot in the replica.
func settleOrder(ctx context.Context, tx *sql.Tx, outboxID int64, res platform.MutationResult, refusal *platform.Error) error {
	if refusal != nil {
		if err := returnTickets(ctx, tx, "outbox_id = ?", outboxID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, "UPDATE orders SET status = 'rejected', message = ? WHERE outbox_id = ?", refusal.Message, outboxID)
		return err
	}
	var o platform.Order
	_ = json.Unmarshal(res.Body, &o) // an answer without an ID still confirms
	if _, err := tx.ExecContext(ctx, "UPDATE orders SET status = 'confirmed', server_id = ? WHERE outbox_id = ?", o.ID, outboxID); err != nil {
		return err
	}
	return settleTicketOrder(ctx, tx, outboxID, o)
}

// Orders returns the ticket orders, newest first.
func (s *Store) Orders(ctx context.Context) ([]Order, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT local_id, outbox_id, slot_id, product_id, quantity, status, server_id, message
		FROM orders ORDER BY local_id DESC`)
	if err != nil {
		return nil, fmt.Errorf("orders: %w", err)
	}
	defer rows.Close()
	var out []Order
	for rows.Next() {
		var o Order
		if err := rows.Scan(&o.LocalID, &o.OutboxID, &o.SlotID, &o.ProductID, &o.Quantity, &o.Status, &o.ServerID, &o.Message); err != nil {
			return nil, fmt.Errorf("orders: %w", err)
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// returnTickets gives the tickets of the orders not yet answered that
// match where (a condition on orders, with its args) back to their slots
// in the replica: the platform never took them. The slots are fetched
// again at the next sync all the same (sync_deferred), which the callers
// see to.
func returnTickets(ctx context.Context, tx *sql.Tx, where string, args ...any) error {
	rows, err := tx.QueryContext(ctx, "SELECT slot_id, sum(quantity) FROM orders WHERE status = 'pending' AND "+where+
		" GROUP BY slot_id", args...)
	if err != nil {
		return err
	}
	type back struct {
		slot string
		n    int64
	}
	var backs []back
	for rows.Next() {
		var b back
		if err := rows.Scan(&b.slot, &b.n); err != nil {
			rows.Close()
			return err
		}
		backs = append(backs, b)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, b := range backs {
		if _, err := tx.ExecContext(ctx, "UPDATE ticket_slots SET remaining = remaining + ? WHERE id = ?", b.n, b.slot); err != nil {
			return err
		}
	}
	return nil
}

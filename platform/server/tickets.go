package server

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"jiangsupass/clock"
	"jiangsupass/codes"
	"jiangsupass/idcard"
	"jiangsupass/platform"
)

func init() { addFeature(registerTickets) }

func registerTickets(s *Server, r *router) {
	r.handle("POST /v1/refunds", s.mutation(platform.Refunds, true, s.applyRefund))
}

// slotBounds are the start and end of a slot, read as China time.
func slotBounds(sl *platform.TicketSlot) (time.Time, time.Time, error) {
	start, err := clock.At(sl.Date, sl.Start)
	if err != nil {
		return time.Time{}, time.Time{}, fmt.Errorf("slot %s start: %w", sl.ID, err)
	}
	end, err := clock.At(sl.Date, sl.End)
	if err != nil {
		return time.Time{}, time.Time{}, fmt.Errorf("slot %s end: %w", sl.ID, err)
	}
	return start, end, nil
}

// applyTicketOrder books tickets, all or nothing. Every check comes
// before the first write: the slot (it exists and has not ended), the
// visitors (one valid document per ticket) and their products, the
// account's own orders (a document once per attraction and day, at most
// maxAccountSlotTickets in the slot), the slot's quota and last the
// e-ticket (signed for the device key before anything is taken). Then
// it takes the tickets from the quota, stores the order and records each
// document for the day under the account. (The idempotency layer also
// undoes what a refused request wrote; see applyOnce.)
func (s *Server) applyTicketOrder(ctx context.Context, tx *sql.Tx, w *writer, u User, key string, body []byte) (int, any, *platform.Error) {
	var req platform.OrderRequest
	if perr := decodeStrict(body, &req); perr != nil {
		return 0, nil, perr
	}
	// The account, then the slot, are locked until the order is stored:
	// no other node sells the slot's last tickets, or the account's, in
	// between.
	if err := s.eng.lock(ctx, tx, "tickets\x00"+u.ID); err != nil {
		return 0, nil, unavailable(err)
	}
	var slot platform.TicketSlot
	ok, err := loadItemLocked(ctx, tx, s.sq.forUpdate, platform.TicketSlots, req.SlotID, &slot)
	if err != nil {
		return 0, nil, unavailable(err)
	}
	if !ok {
		return 0, nil, &platform.Error{Status: http.StatusNotFound, Code: platform.CodeNotFound, Message: "this time slot no longer exists; choose another"}
	}
	start, end, err := slotBounds(&slot)
	if err != nil {
		return 0, nil, unavailable(err)
	}
	now := s.now()
	if perr := onSale(&slot, end, now); perr != nil {
		return 0, nil, perr
	}
	lines, perr := orderLines(ctx, tx, &req, &slot, now)
	if perr != nil {
		return 0, nil, perr
	}
	o := platform.Order{ID: mutationID("o-"), SlotID: req.SlotID, ProductID: req.ProductID, Quantity: req.Quantity, Status: "confirmed",
		CreatedAt: now.UTC().Format(time.RFC3339), AttractionID: slot.AttractionID, Date: slot.Date, Start: slot.Start, End: slot.End}
	for _, p := range lines {
		o.TotalCents += p.PriceCents
	}
	var names []string
	for _, v := range req.Visitors {
		names = append(names, idcard.MaskName(v.Name))
		o.Visitors = append(o.Visitors, platform.OrderVisitor{Name: idcard.MaskName(v.Name), DocKind: v.DocKind,
			DocNumber: idcard.Mask(v.DocNumber), ProductID: v.ProductID})
	}
	if perr := ownDocumentsFree(ctx, tx, u, &slot, req.Visitors); perr != nil {
		return 0, nil, perr
	}
	if perr := s.withinAccountCap(ctx, tx, u, slot.ID, req.Quantity); perr != nil {
		return 0, nil, perr
	}
	if slot.Remaining < req.Quantity {
		return 0, nil, &platform.Error{Status: http.StatusConflict, Code: platform.CodeSlotFull,
			Message: fmt.Sprintf("only %d tickets are left in this slot; choose fewer or another slot", slot.Remaining)}
	}
	if len(req.DeviceKey) > 0 { // the last check: signing refuses a key that is not a P-256 point
		if o.Ticket, perr = s.issueTicket(ctx, &o, strings.Join(names, "、"), req.DeviceKey, start, end); perr != nil {
			return 0, nil, perr
		}
	}

	// Every check has passed: the writes.
	slot.Remaining -= req.Quantity
	b, err := encodeItem(platform.TicketSlots, &slot)
	if err == nil {
		_, err = w.put(ctx, platform.TicketSlots, slot.ID, b)
	}
	if err != nil {
		return 0, nil, unavailable(err)
	}
	stored := o
	stored.ID = "" // the row's key, as rewriteOrder stores it
	if err := s.recordAs(ctx, tx, o.ID, platform.Orders, u, key, stored); err != nil {
		return 0, nil, unavailable(err)
	}
	for _, v := range req.Visitors {
		_, err := tx.ExecContext(ctx, "INSERT INTO ticket_holders (user_id, attraction_id, date, doc_kind, doc_number, order_id) VALUES (?, ?, ?, ?, ?, ?)",
			u.ID, slot.AttractionID, slot.Date, v.DocKind, v.DocNumber, o.ID)
		if err != nil {
			return 0, nil, unavailable(err)
		}
	}
	return http.StatusCreated, o, nil
}

// issueTicket signs the e-ticket: valid from the slot's start to its end,
// naming the order, the attraction, the date and slot, and the masked
// visitors, bound to the device that booked it.
func (s *Server) issueTicket(ctx context.Context, o *platform.Order, holders string, deviceKey []byte, start, end time.Time) ([]byte, *platform.Error) {
	iss, err := s.currentIssuer(ctx, homeIssuer)
	if err != nil {
		return nil, unavailable(err)
	}
	c := codes.Credential{Kind: codes.KindTicket, NotBefore: start.Unix(), Expires: end.Unix(), DeviceKey: deviceKey,
		Holder: holders, Ref: o.ID, Extra: map[string]string{"attraction": o.AttractionID, "date": o.Date,
			"slot": o.Start + "-" + o.End, "count": fmt.Sprint(o.Quantity)}}
	signed, err := iss.Issue(c, s.now())
	if err != nil {
		return nil, badRequest("the device key is not an uncompressed P-256 point: " + err.Error())
	}
	return signed, nil
}

// rewriteOrder stores an order's new state under its ID.
func (s *Server) rewriteOrder(ctx context.Context, tx *sql.Tx, o platform.Order) error {
	id := o.ID
	o.ID = ""
	b, err := json.Marshal(o)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, "UPDATE mutations SET body = ? WHERE id = ? AND kind = ?", string(b), id, platform.Orders)
	return err
}

// applyRefund cancels a confirmed order before its slot begins (the rule of
// every generated product: a full refund until the slot's start, none
// after), gives its tickets back to the slot's quota, frees its visitors'
// documents for the day and revokes its e-ticket, so that a gate refuses
// it once its trust list is current.
func (s *Server) applyRefund(ctx context.Context, tx *sql.Tx, w *writer, u User, _ string, body []byte) (int, any, *platform.Error) {
	var req platform.RefundRequest
	if perr := decodeStrict(body, &req); perr != nil {
		return 0, nil, perr
	}
	if err := s.eng.lock(ctx, tx, "tickets\x00"+u.ID); err != nil {
		return 0, nil, unavailable(err)
	}
	var raw string
	err := tx.QueryRowContext(ctx, "SELECT body FROM mutations WHERE id = ? AND kind = ? AND user_id = ?"+s.sq.forUpdate,
		req.OrderID, platform.Orders, u.ID).Scan(&raw)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil, &platform.Error{Status: http.StatusNotFound, Code: platform.CodeNotFound, Message: "there is no such order of yours"}
	}
	if err != nil {
		return 0, nil, unavailable(err)
	}
	var o platform.Order
	if err := json.Unmarshal([]byte(raw), &o); err != nil {
		return 0, nil, unavailable(err)
	}
	o.ID = req.OrderID
	if o.Status == "refunded" {
		return http.StatusOK, o, nil
	}
	var slot platform.TicketSlot
	ok, err := loadItemLocked(ctx, tx, s.sq.forUpdate, platform.TicketSlots, o.SlotID, &slot)
	if err != nil {
		return 0, nil, unavailable(err)
	}
	if ok {
		start, _, err := slotBounds(&slot)
		if err != nil {
			return 0, nil, unavailable(err)
		}
		if !s.now().Before(start) {
			return 0, nil, &platform.Error{Status: http.StatusConflict, Code: platform.CodeNotRefundable,
				Message: "this slot has begun; tickets are refunded only before their slot starts"}
		}
		slot.Remaining = min(slot.Quota, slot.Remaining+o.Quantity)
		b, err := encodeItem(platform.TicketSlots, &slot)
		if err == nil {
			_, err = w.put(ctx, platform.TicketSlots, slot.ID, b)
		}
		if err != nil {
			return 0, nil, unavailable(err)
		}
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM ticket_holders WHERE order_id = ?", o.ID); err != nil {
		return 0, nil, unavailable(err)
	}
	if len(o.Ticket) > 0 {
		if err := revokeCredential(ctx, tx, o.Ticket, "refunded"); err != nil {
			return 0, nil, unavailable(err)
		}
	}
	o.Status = "refunded"
	if err := s.rewriteOrder(ctx, tx, o); err != nil {
		return 0, nil, unavailable(err)
	}
	return http.StatusOK, o, nil
}

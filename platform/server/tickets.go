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

// ticketSchema holds who holds a ticket for which attraction and day: a
// document books one entry per attraction per day (real-name booking).
const ticketSchema = `
CREATE TABLE IF NOT EXISTS ticket_holders (
	attraction_id TEXT NOT NULL,
	date          TEXT NOT NULL,
	doc_kind      TEXT NOT NULL,
	doc_number    TEXT NOT NULL,
	order_id      TEXT NOT NULL,
	PRIMARY KEY (attraction_id, date, doc_kind, doc_number)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS ticket_holders_by_order ON ticket_holders (order_id);
`

func registerTickets(s *Server, r *router) {
	if _, err := s.db.ExecContext(context.Background(), ticketSchema); err != nil {
		s.log.Printf("tickets unavailable: %v", err)
	}
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

// orderLines checks an order's visitors (or, without visitors, its
// product and quantity) and returns one product per ticket.
func orderLines(ctx context.Context, tx *sql.Tx, req *platform.OrderRequest, sl *platform.TicketSlot, now time.Time) ([]platform.TicketProduct, *platform.Error) {
	if len(req.Visitors) == 0 {
		if req.Quantity < 1 || req.Quantity > 20 {
			return nil, badRequest("quantity must be between 1 and 20")
		}
		req.Visitors = nil
	} else if int64(len(req.Visitors)) != req.Quantity || req.Quantity > 20 || req.Visitors[0].ProductID != req.ProductID {
		return nil, badRequest("a real-name order has 1 to 20 visitors; quantity is their number and product_id the first one's")
	}
	products := map[string]platform.TicketProduct{}
	product := func(id string) (platform.TicketProduct, *platform.Error) {
		if p, ok := products[id]; ok {
			return p, nil
		}
		var p platform.TicketProduct
		ok, err := loadItem(ctx, tx, platform.TicketProducts, id, &p)
		if err != nil {
			return p, unavailable(err)
		}
		if !ok || p.AttractionID != sl.AttractionID {
			return p, &platform.Error{Status: http.StatusNotFound, Code: platform.CodeNotFound, Message: "this ticket is not sold for this slot; choose another"}
		}
		products[id] = p
		return p, nil
	}
	var out []platform.TicketProduct
	if len(req.Visitors) == 0 {
		p, perr := product(req.ProductID)
		for i := int64(0); perr == nil && i < req.Quantity; i++ {
			out = append(out, p)
		}
		return out, perr
	}
	seen := map[string]bool{}
	for i, v := range req.Visitors {
		d, err := idcard.Normalize(idcard.Document{Name: v.Name, Kind: idcard.Kind(v.DocKind), Number: v.DocNumber}, nil, now)
		if err != nil {
			return nil, badRequest(fmt.Sprintf("visitor %d: %v", i+1, err))
		}
		if seen[v.DocKind+" "+d.Number] {
			return nil, badRequest(fmt.Sprintf("visitor %d: the same document twice in one order", i+1))
		}
		seen[v.DocKind+" "+d.Number] = true
		req.Visitors[i].Name, req.Visitors[i].DocNumber = d.Name, d.Number
		p, perr := product(v.ProductID)
		if perr != nil {
			return nil, perr
		}
		out = append(out, p)
	}
	return out, nil
}

// applyTicketOrder books tickets in one transaction: it checks the slot,
// the products and the visitors' documents, takes the tickets from the
// slot's quota (refusing what would oversell it), records each document
// for the day, and issues the e-ticket bound to the device's key.
func (s *Server) applyTicketOrder(ctx context.Context, tx *sql.Tx, w *writer, u User, key string, body []byte) (int, any, *platform.Error) {
	var req platform.OrderRequest
	if perr := decodeStrict(body, &req); perr != nil {
		return 0, nil, perr
	}
	var slot platform.TicketSlot
	ok, err := loadItem(ctx, tx, platform.TicketSlots, req.SlotID, &slot)
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
	if !now.Before(end) { // a slot can be bought until it ends (China time)
		return 0, nil, &platform.Error{Status: http.StatusConflict, Code: platform.CodeSlotEnded, Message: "this time slot has ended; choose a later one"}
	}
	lines, perr := orderLines(ctx, tx, &req, &slot, now)
	if perr != nil {
		return 0, nil, perr
	}
	// A refusal (4xx) commits with its stored answer, so every check comes
	// before the first write.
	for _, v := range req.Visitors {
		var held string
		err := tx.QueryRowContext(ctx, "SELECT order_id FROM ticket_holders WHERE attraction_id = ? AND date = ? AND doc_kind = ? AND doc_number = ?",
			slot.AttractionID, slot.Date, v.DocKind, v.DocNumber).Scan(&held)
		if err == nil {
			return 0, nil, &platform.Error{Status: http.StatusConflict, Code: platform.CodeAlreadyBooked,
				Message: fmt.Sprintf("the document of %s already holds a ticket for this attraction on %s", idcard.MaskName(v.Name), slot.Date)}
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return 0, nil, unavailable(err)
		}
	}
	if slot.Remaining < req.Quantity {
		return 0, nil, &platform.Error{Status: http.StatusConflict, Code: platform.CodeSlotFull,
			Message: fmt.Sprintf("only %d tickets are left in this slot; choose fewer or another slot", slot.Remaining)}
	}
	slot.Remaining -= req.Quantity
	b, err := encodeItem(platform.TicketSlots, &slot)
	if err == nil {
		_, err = w.put(ctx, platform.TicketSlots, slot.ID, b)
	}
	if err != nil {
		return 0, nil, unavailable(err)
	}
	o := platform.Order{SlotID: req.SlotID, ProductID: req.ProductID, Quantity: req.Quantity, Status: "confirmed",
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
	if o.ID, err = s.record(ctx, tx, platform.Orders, "o-", u, key, o); err != nil {
		return 0, nil, unavailable(err)
	}
	for _, v := range req.Visitors {
		_, err := tx.ExecContext(ctx, "INSERT INTO ticket_holders (attraction_id, date, doc_kind, doc_number, order_id) VALUES (?, ?, ?, ?, ?)",
			slot.AttractionID, slot.Date, v.DocKind, v.DocNumber, o.ID)
		if err != nil {
			return 0, nil, unavailable(err)
		}
	}
	if len(req.DeviceKey) > 0 {
		if o.Ticket, perr = s.issueTicket(ctx, &o, strings.Join(names, "、"), req.DeviceKey, start, end); perr != nil {
			return 0, nil, perr
		}
		if err := s.rewriteOrder(ctx, tx, o); err != nil {
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
	var raw string
	err := tx.QueryRowContext(ctx, "SELECT body FROM mutations WHERE id = ? AND kind = ? AND user_id = ?", req.OrderID, platform.Orders, u.ID).Scan(&raw)
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
	ok, err := loadItem(ctx, tx, platform.TicketSlots, o.SlotID, &slot)
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

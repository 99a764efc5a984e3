package server

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/http"
	"time"

	"jiangsupass/idcard"
	"jiangsupass/platform"
)

// Limits of one account's tickets.
const (
	// maxOrderTickets is the most tickets one order books.
	maxOrderTickets = 20
	// maxAccountSlotTickets is the most tickets one account holds in one
	// slot, counting its confirmed orders (a refund gives its tickets back).
	maxAccountSlotTickets = 20
)

// orderLines checks a real-name order's visitors and returns one product
// per ticket. Every ticket the platform sells is an entry ticket sold
// real-name (实名制), so an order names exactly one visitor with a valid
// document per ticket: quantity is their number and product_id the first
// one's. The visitors' names and numbers come back normalized in req.
func orderLines(ctx context.Context, tx *sql.Tx, req *platform.OrderRequest, sl *platform.TicketSlot, now time.Time) ([]platform.TicketProduct, *platform.Error) {
	if len(req.Visitors) == 0 {
		return nil, badRequest("tickets are sold real-name: name one visitor with a valid document for each ticket")
	}
	if int64(len(req.Visitors)) != req.Quantity || req.Quantity > maxOrderTickets || req.Visitors[0].ProductID != req.ProductID {
		return nil, badRequest(fmt.Sprintf("an order has 1 to %d visitors, one per ticket; quantity is their number and product_id the first one's", maxOrderTickets))
	}
	products := map[string]platform.TicketProduct{}
	seen := map[string]bool{}
	out := make([]platform.TicketProduct, 0, len(req.Visitors))
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
		p, ok := products[v.ProductID]
		if !ok {
			found, err := loadItem(ctx, tx, platform.TicketProducts, v.ProductID, &p)
			if err != nil {
				return nil, unavailable(err)
			}
			if !found || p.AttractionID != sl.AttractionID {
				return nil, &platform.Error{Status: http.StatusNotFound, Code: platform.CodeNotFound, Message: "this ticket is not sold for this slot; choose another"}
			}
			products[v.ProductID] = p
		}
		out = append(out, p)
	}
	return out, nil
}

// ownDocumentsFree refuses an order naming a document that one of the
// account's own confirmed orders already holds for the attraction on the
// slot's day (409 already_booked). Other accounts' tickets are not looked
// at: the answer must not tell anyone whether a document number holds a
// ticket somewhere.
func ownDocumentsFree(ctx context.Context, tx *sql.Tx, u User, sl *platform.TicketSlot, visitors []platform.OrderVisitor) *platform.Error {
	for _, v := range visitors {
		var held string
		err := tx.QueryRowContext(ctx, `SELECT order_id FROM ticket_holders
			WHERE user_id = ? AND attraction_id = ? AND date = ? AND doc_kind = ? AND doc_number = ?`,
			u.ID, sl.AttractionID, sl.Date, v.DocKind, v.DocNumber).Scan(&held)
		if err == nil {
			return &platform.Error{Status: http.StatusConflict, Code: platform.CodeAlreadyBooked,
				Message: fmt.Sprintf("your order %s already holds a ticket for %s at this attraction on %s", held, idcard.MaskName(v.Name), sl.Date)}
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return unavailable(err)
		}
	}
	return nil
}

// withinAccountCap refuses an order that would give the account more
// than maxAccountSlotTickets tickets in the slot (409 ticket_limit).
func (s *Server) withinAccountCap(ctx context.Context, tx *sql.Tx, u User, slotID string, quantity int64) *platform.Error {
	var held int64
	err := tx.QueryRowContext(ctx, s.sq.accountSlotTickets, u.ID, platform.Orders, slotID).Scan(&held)
	if err != nil {
		return unavailable(err)
	}
	if held+quantity > maxAccountSlotTickets {
		return &platform.Error{Status: http.StatusConflict, Code: platform.CodeTicketLimit,
			Message: fmt.Sprintf("an account holds at most %d tickets in one slot; you hold %d already", maxAccountSlotTickets, held)}
	}
	return nil
}

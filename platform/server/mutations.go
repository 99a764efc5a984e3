package server

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"jiangsupass/platform"
)

func init() { addFeature(registerMutations) }

func registerMutations(s *Server, r *router) {
	r.handle("POST /v1/orders", s.mutation("orders", true, s.applyOrder))
	r.handle("POST /v1/appointments", s.mutation("appointments", true, s.applyAppointment))
	r.handle("POST /v1/feedback", s.mutation("feedback", false, s.applyFeedback))
	r.handle("POST /v1/card/loss", s.mutation("card_loss", true, s.applyCardLoss))
	r.handle("GET /v1/me/orders", s.personal(s.myOrders))
}

// loadItem reads a live item of a collection into v.
func loadItem(ctx context.Context, tx *sql.Tx, coll, id string, v any) (bool, error) {
	var body string
	err := tx.QueryRowContext(ctx, "SELECT body FROM items WHERE collection = ? AND id = ? AND deleted = 0", coll, id).Scan(&body)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return true, json.Unmarshal([]byte(body), v)
}

// record stores an applied mutation and returns its new ID.
func (s *Server) record(ctx context.Context, tx *sql.Tx, kind, prefix string, u User, key string, v any) (string, error) {
	id := prefix + newToken()[:16]
	b, err := json.Marshal(v)
	if err != nil {
		return "", err
	}
	_, err = tx.ExecContext(ctx, "INSERT INTO mutations (id, kind, user_id, idem_key, body, created_at) VALUES (?, ?, ?, ?, ?, ?)",
		id, kind, u.ID, key, string(b), stamp(s.now()))
	return id, err
}

// unavailable wraps a database failure as a 503 that rolls back.
func unavailable(err error) *platform.Error {
	return &platform.Error{Status: http.StatusServiceUnavailable, Code: platform.CodeUnavailable, Message: err.Error()}
}

// applyOrder books tickets and takes them from the slot's quota.
func (s *Server) applyOrder(ctx context.Context, tx *sql.Tx, w *writer, u User, key string, body []byte) (int, any, *platform.Error) {
	var req platform.OrderRequest
	if perr := decodeStrict(body, &req); perr != nil {
		return 0, nil, perr
	}
	if req.Quantity < 1 || req.Quantity > 20 {
		return 0, nil, badRequest("quantity must be between 1 and 20")
	}
	var slot platform.TicketSlot
	ok, err := loadItem(ctx, tx, platform.TicketSlots, req.SlotID, &slot)
	if err != nil {
		return 0, nil, unavailable(err)
	}
	if !ok {
		return 0, nil, &platform.Error{Status: http.StatusNotFound, Code: platform.CodeNotFound, Message: "this time slot no longer exists; choose another"}
	}
	var product platform.TicketProduct
	ok, err = loadItem(ctx, tx, platform.TicketProducts, req.ProductID, &product)
	if err != nil {
		return 0, nil, unavailable(err)
	}
	if !ok || product.AttractionID != slot.AttractionID {
		return 0, nil, &platform.Error{Status: http.StatusNotFound, Code: platform.CodeNotFound, Message: "this ticket is not sold for this slot; choose another"}
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
		CreatedAt: s.now().UTC().Format(time.RFC3339)}
	if o.ID, err = s.record(ctx, tx, platform.Orders, "o-", u, key, o); err != nil {
		return 0, nil, unavailable(err)
	}
	return http.StatusCreated, o, nil
}

// applyAppointment books a visit to a service hall.
func (s *Server) applyAppointment(ctx context.Context, tx *sql.Tx, _ *writer, u User, key string, body []byte) (int, any, *platform.Error) {
	var req platform.AppointmentRequest
	if perr := decodeStrict(body, &req); perr != nil {
		return 0, nil, perr
	}
	if _, err := time.Parse("2006-01-02 15:04", req.Date+" "+req.Time); err != nil {
		return 0, nil, badRequest("date must be YYYY-MM-DD and time HH:MM")
	}
	var hall platform.ServiceHall
	if ok, err := loadItem(ctx, tx, platform.ServiceHalls, req.HallID, &hall); err != nil {
		return 0, nil, unavailable(err)
	} else if !ok {
		return 0, nil, &platform.Error{Status: http.StatusNotFound, Code: platform.CodeNotFound, Message: "this service hall does not exist; choose another"}
	}
	var item platform.ServiceItem
	if ok, err := loadItem(ctx, tx, platform.ServiceItems, strconv.FormatInt(req.ItemID, 10), &item); err != nil {
		return 0, nil, unavailable(err)
	} else if !ok {
		return 0, nil, &platform.Error{Status: http.StatusNotFound, Code: platform.CodeNotFound, Message: "this service item does not exist; choose another"}
	}
	a := platform.Appointment{HallID: req.HallID, ItemID: req.ItemID, Date: req.Date, Time: req.Time, Status: "booked"}
	var err error
	if a.ID, err = s.record(ctx, tx, platform.Appointments, "a-", u, key, a); err != nil {
		return 0, nil, unavailable(err)
	}
	return http.StatusCreated, a, nil
}

// applyFeedback takes a message for the 12345 hotline.
func (s *Server) applyFeedback(ctx context.Context, tx *sql.Tx, _ *writer, u User, key string, body []byte) (int, any, *platform.Error) {
	var req platform.FeedbackRequest
	if perr := decodeStrict(body, &req); perr != nil {
		return 0, nil, perr
	}
	if req.Category == "" || req.Text == "" {
		return 0, nil, badRequest("category and text must not be empty")
	}
	rcpt := platform.FeedbackReceipt{Status: "received"}
	var err error
	if rcpt.ID, err = s.record(ctx, tx, platform.Feedback, "f-", u, key, req); err != nil {
		return 0, nil, unavailable(err)
	}
	return http.StatusCreated, rcpt, nil
}

// applyCardLoss suspends the resident's social-security card.
func (s *Server) applyCardLoss(ctx context.Context, tx *sql.Tx, _ *writer, u User, key string, body []byte) (int, any, *platform.Error) {
	var req platform.CardLossRequest
	if perr := decodeStrict(body, &req); perr != nil {
		return 0, nil, perr
	}
	rcpt := platform.CardLossReceipt{Status: "suspended"}
	var err error
	if rcpt.ID, err = s.record(ctx, tx, platform.CardLoss, "c-", u, key, req); err != nil {
		return 0, nil, unavailable(err)
	}
	return http.StatusOK, rcpt, nil
}

func (s *Server) myOrders(w http.ResponseWriter, r *http.Request, u User) {
	rows, err := s.db.QueryContext(r.Context(), "SELECT id, body FROM mutations WHERE user_id = ? AND kind = 'orders' ORDER BY created_at, id", u.ID)
	if err != nil {
		writeError(w, http.StatusServiceUnavailable, platform.CodeUnavailable, "the orders cannot be read now; try again")
		return
	}
	defer rows.Close()
	list := platform.OrderList{Orders: []platform.Order{}}
	for rows.Next() {
		var id, body string
		var o platform.Order
		if err := rows.Scan(&id, &body); err == nil && json.Unmarshal([]byte(body), &o) == nil {
			o.ID = id
			list.Orders = append(list.Orders, o)
		}
	}
	writeJSON(w, http.StatusOK, list)
}

// Applied is a mutation the server has applied, for tests and tools.
type Applied struct {
	ID, Kind, UserID, Key string
}

// Applied lists the mutations of a kind the server has applied, oldest
// first.
func (s *Server) Applied(ctx context.Context, kind string) ([]Applied, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT id, kind, user_id, idem_key FROM mutations WHERE kind = ? ORDER BY created_at, id", kind)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Applied
	for rows.Next() {
		var a Applied
		if err := rows.Scan(&a.ID, &a.Kind, &a.UserID, &a.Key); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

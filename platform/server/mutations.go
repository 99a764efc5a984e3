package server

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"time"

	"jiangsupass/clock"
	"jiangsupass/platform"
)

func init() { addFeature(registerMutations) }

func registerMutations(s *Server, r *router) {
	r.handle("POST /v1/orders", s.mutation("orders", true, s.applyTicketOrder))
	r.handle("POST /v1/appointments", s.mutation("appointments", true, s.applyAppointment))
	r.handle("POST /v1/feedback", s.withCaller(s.mutation("feedback", false, s.applyFeedback)))
	r.handle("POST /v1/card/loss", s.mutation("card_loss", true, s.applyCardLoss))
	r.handle("GET /v1/me/orders", s.personal(s.myOrders))
}

// loadItem reads a live item of a collection into v.
func loadItem(ctx context.Context, tx *sql.Tx, coll, id string, v any) (bool, error) {
	return loadItemLocked(ctx, tx, "", coll, id, v)
}

// loadItemLocked reads a live item of a collection into v, with a lock
// clause (dialect.forUpdate) when the transaction is to change it.
func loadItemLocked(ctx context.Context, tx *sql.Tx, lock, coll, id string, v any) (bool, error) {
	var body string
	err := tx.QueryRowContext(ctx, "SELECT body FROM items WHERE collection = ? AND id = ? AND deleted = 0"+lock, coll, id).Scan(&body)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return true, json.Unmarshal([]byte(body), v)
}

// mutationID makes the ID of a new applied mutation: the prefix and 16
// random hex digits.
func mutationID(prefix string) string {
	b := make([]byte, 8)
	_, _ = rand.Read(b) // never fails (crypto/rand)
	return prefix + hex.EncodeToString(b)
}

// record stores an applied mutation and returns its new ID.
func (s *Server) record(ctx context.Context, tx *sql.Tx, kind, prefix string, u User, key string, v any) (string, error) {
	id := mutationID(prefix)
	return id, s.recordAs(ctx, tx, id, kind, u, key, v)
}

// recordAs stores an applied mutation under an ID made by mutationID.
func (s *Server) recordAs(ctx context.Context, tx *sql.Tx, id, kind string, u User, key string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, "INSERT INTO mutations (id, kind, user_id, idem_key, body, created_at) VALUES (?, ?, ?, ?, ?, ?)",
		id, kind, u.ID, key, string(b), stamp(s.now()))
	return err
}

// unavailable wraps a database failure as a 503 that rolls back.
func unavailable(err error) *platform.Error {
	return &platform.Error{Status: http.StatusServiceUnavailable, Code: platform.CodeUnavailable, Message: err.Error()}
}

// applyAppointment books a visit to a service hall at a time still to come
// at which the hall takes visits (platform.HallTimes, China time) and
// still has a place (platform.HallSlotVisits). Every check comes before the
// one write.
func (s *Server) applyAppointment(ctx context.Context, tx *sql.Tx, _ *writer, u User, key string, body []byte) (int, any, *platform.Error) {
	var req platform.AppointmentRequest
	if perr := decodeStrict(body, &req); perr != nil {
		return 0, nil, perr
	}
	at, err := clock.At(req.Date, req.Time)
	if err != nil {
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
	if perr := s.checkAppointmentTime(req.Date, req.Time, at); perr != nil {
		return 0, nil, perr
	}
	// The hall's time is locked while its visits are counted and one is
	// added, so that two nodes cannot both take its last place.
	if err := s.eng.lock(ctx, tx, "hall\x00"+req.HallID+"\x00"+req.Date+"\x00"+req.Time); err != nil {
		return 0, nil, unavailable(err)
	}
	if taken, err := s.hallSlotTaken(ctx, tx, req.HallID, req.Date, req.Time); err != nil {
		return 0, nil, unavailable(err)
	} else if taken >= platform.HallSlotVisits {
		return 0, nil, &platform.Error{Status: http.StatusConflict, Code: platform.CodeSlotFull,
			Message: "this hall is fully booked at this time; choose another time"}
	}
	a := platform.Appointment{HallID: req.HallID, ItemID: req.ItemID, Date: req.Date, Time: req.Time, Status: platform.AppointmentBooked}
	if a.ID, err = s.record(ctx, tx, platform.Appointments, "a-", u, key, a); err != nil {
		return 0, nil, unavailable(err)
	}
	return http.StatusCreated, a, nil
}

// checkAppointmentTime refuses a visit that would begin at or before the
// server's now, or at a time the hall takes none.
func (s *Server) checkAppointmentTime(date, hm string, at time.Time) *platform.Error {
	if !at.After(s.now()) {
		return &platform.Error{Status: http.StatusUnprocessableEntity, Code: platform.CodeInThePast,
			Message: "this time has passed; choose a later one"}
	}
	if !platform.HallOpenAt(date, hm) {
		return &platform.Error{Status: http.StatusUnprocessableEntity, Code: platform.CodeOutsideHours,
			Message: "the hall takes appointments Monday to Friday, 09:00–11:30 and 13:30–16:30 (Beijing time); choose one of those times"}
	}
	return nil
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

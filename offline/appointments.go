package offline

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"jiangsupass/clock"
	"jiangsupass/platform"
)

// Statuses of a request the resident made, as the outbox knows them.
const (
	RequestPending  = "pending"  // waiting to be delivered
	RequestDone     = "done"     // the platform accepted it
	RequestRejected = "rejected" // the platform refused it
)

// Appointment is a visit to a service hall the resident booked.
type Appointment struct {
	LocalID, OutboxID int64
	HallID            string
	ItemID            int64
	Date, Time        string // YYYY-MM-DD, HH:MM
	Status            string // RequestPending, RequestDone or RequestRejected
	ServerID          string // the platform's ID once booked
	Message           string // why the platform refused it
	ErrorCode         string // the platform's code when it refused it (platform.Code*)
	CreatedAt         time.Time
}

// ErrBadRequest is returned (wrapped) for a request with invalid fields;
// nothing is stored.
var ErrBadRequest = errors.New("offline: invalid request")

// Refusals of an appointment that cannot happen; nothing is stored.
var (
	ErrAppointmentPast = errors.New("offline: this time has passed; choose a later one")
	ErrHallClosed      = errors.New("offline: the hall takes no appointments at this time")
)

// BookAppointment records an appointment and puts the request in the
// outbox in one transaction; the sync engine delivers it (signed in). A
// time that has passed by the store's clock (China time) is refused with
// ErrAppointmentPast, and one outside the halls' hours (platform.HallTimes)
// with ErrHallClosed.
func (s *Store) BookAppointment(ctx context.Context, req platform.AppointmentRequest) (Appointment, error) {
	at, err := clock.At(req.Date, req.Time)
	if err != nil || req.HallID == "" || req.ItemID <= 0 {
		return Appointment{}, fmt.Errorf("book appointment: %w: hall, item, date (YYYY-MM-DD) and time (HH:MM) are needed", ErrBadRequest)
	}
	if !at.After(s.now()) {
		return Appointment{}, fmt.Errorf("book appointment at %s %s: %w", req.Date, req.Time, ErrAppointmentPast)
	}
	if !platform.HallOpenAt(req.Date, req.Time) {
		return Appointment{}, fmt.Errorf("book appointment at %s %s: %w", req.Date, req.Time, ErrHallClosed)
	}
	a := Appointment{HallID: req.HallID, ItemID: req.ItemID, Date: req.Date, Time: req.Time, Status: RequestPending,
		CreatedAt: s.now().UTC()}
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		if a.OutboxID, err = s.enqueue(ctx, tx, platform.Appointments, req, nil); err != nil {
			return err
		}
		r, err := tx.ExecContext(ctx, `INSERT INTO appointments (outbox_id, hall_id, item_id, date, time, created_at)
			VALUES (?, ?, ?, ?, ?, ?)`, a.OutboxID, req.HallID, req.ItemID, req.Date, req.Time, formatTime(a.CreatedAt))
		if err != nil {
			return err
		}
		a.LocalID, err = r.LastInsertId()
		return err
	})
	if err != nil {
		return Appointment{}, fmt.Errorf("book appointment: %w", err)
	}
	return a, nil
}

// requestStatus reads an outbox row's state and result as a request's
// status, the platform's ID of what it made, and its refusal.
func requestStatus(state, result, lastError string) (status, serverID, message string) {
	switch state {
	case OutboxSent:
		var r struct {
			ID string `json:"id"`
		}
		_ = json.Unmarshal([]byte(result), &r) // an answer without an ID still accepts
		return RequestDone, r.ID, ""
	case OutboxFailed, OutboxDismissed:
		return RequestRejected, "", lastError
	}
	return RequestPending, "", ""
}

// Appointments returns the resident's appointments, newest first.
func (s *Store) Appointments(ctx context.Context) ([]Appointment, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT a.local_id, a.outbox_id, a.hall_id, a.item_id, a.date, a.time, a.created_at,
		o.state, coalesce(o.result, ''), o.last_error, o.error_code FROM appointments a JOIN outbox o ON o.id = a.outbox_id ORDER BY a.local_id DESC`)
	if err != nil {
		return nil, fmt.Errorf("appointments: %w", err)
	}
	defer rows.Close()
	var out []Appointment
	for rows.Next() {
		var a Appointment
		var created, state, result, lastErr string
		if err := rows.Scan(&a.LocalID, &a.OutboxID, &a.HallID, &a.ItemID, &a.Date, &a.Time, &created, &state, &result, &lastErr, &a.ErrorCode); err != nil {
			return nil, fmt.Errorf("appointments: %w", err)
		}
		a.Status, a.ServerID, a.Message = requestStatus(state, result, lastErr)
		if a.CreatedAt, err = parseTime(created); err != nil {
			return nil, fmt.Errorf("appointments: %w", err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

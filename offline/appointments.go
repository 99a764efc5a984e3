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
	// RequestWithdrawn is a request the user withdrew before it was sent.
	RequestWithdrawn = "withdrawn"
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
	// Cancel is what became of the resident's cancel: CancelNone,
	// CancelPending, CancelDone or CancelRefused (with the platform's
	// CancelCode and CancelMessage).
	Cancel                    string
	CancelCode, CancelMessage string
}

// At is when the visit begins.
func (a Appointment) At() time.Time {
	t, _ := clock.At(a.Date, a.Time) // checked when it was booked
	return t
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

// appointmentColumns are an appointment's columns with its booking's and
// its cancel's outbox rows (a for appointments, o the booking, c the cancel).
const appointmentColumns = `a.local_id, a.outbox_id, a.hall_id, a.item_id, a.date, a.time, a.created_at,
	o.state, coalesce(o.result, ''), o.last_error, o.error_code, a.cancel_wanted,
	coalesce(c.state, ''), coalesce(c.error_code, ''), coalesce(c.last_error, '')`

// appointmentFrom joins the tables of appointmentColumns.
const appointmentFrom = ` FROM appointments a JOIN outbox o ON o.id = a.outbox_id LEFT JOIN outbox c ON c.id = a.cancel_outbox_id`

// scanAppointment reads a row of appointmentColumns.
func scanAppointment(sc scanner) (Appointment, error) {
	var a Appointment
	var created, state, result, lastErr, cState, cCode, cErr string
	var wanted bool
	if err := sc.Scan(&a.LocalID, &a.OutboxID, &a.HallID, &a.ItemID, &a.Date, &a.Time, &created, &state, &result, &lastErr,
		&a.ErrorCode, &wanted, &cState, &cCode, &cErr); err != nil {
		return a, err
	}
	a.Status, a.ServerID, a.Message = requestStatus(state, result, lastErr)
	if state == OutboxDismissed && a.ErrorCode == outboxWithdrawn {
		a.Status, a.Message, a.ErrorCode = RequestWithdrawn, "", ""
	}
	switch {
	case cState == OutboxPending:
		a.Cancel = CancelPending
	case cState == OutboxSent || (cState != "" && cCode == platform.CodeAlreadyCancelled):
		a.Cancel = CancelDone
	case cState != "":
		a.Cancel, a.CancelCode, a.CancelMessage = CancelRefused, cCode, cErr
	case wanted && a.Status == RequestWithdrawn:
		a.Cancel = CancelDone
	case wanted && a.Status == RequestPending:
		a.Cancel = CancelPending
	}
	var err error
	a.CreatedAt, err = parseTime(created)
	return a, err
}

// appointmentIn reads one appointment inside tx.
func appointmentIn(ctx context.Context, tx *sql.Tx, localID int64) (Appointment, error) {
	a, err := scanAppointment(tx.QueryRowContext(ctx, "SELECT "+appointmentColumns+appointmentFrom+" WHERE a.local_id = ?", localID))
	if errors.Is(err, sql.ErrNoRows) {
		return a, fmt.Errorf("appointment %d: %w", localID, ErrNotFound)
	}
	return a, err
}

// Appointments returns the resident's appointments, newest first.
func (s *Store) Appointments(ctx context.Context) ([]Appointment, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT "+appointmentColumns+appointmentFrom+" ORDER BY a.local_id DESC")
	if err != nil {
		return nil, fmt.Errorf("appointments: %w", err)
	}
	defer rows.Close()
	var out []Appointment
	for rows.Next() {
		a, err := scanAppointment(rows)
		if err != nil {
			return nil, fmt.Errorf("appointments: %w", err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

package offline

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"jiangsupass/clock"
	"jiangsupass/platform"
)

// A gate (a kiosk with role "gate", or a staff phone) checks e-tickets
// offline and records each ticket it admits and each exit it counts. Both
// are requests in the outbox, written in the same transaction as the
// gate's own row of them, and delivered once with their idempotency key
// and the gate's area token, as orders are. The gate's rows stay after the
// requests are sent: they are how it refuses, with no network, a ticket it
// has already let in.

// GatePost is where a gate stands: the scenic area it admits to and its
// own name there, as the platform issued its area token for.
type GatePost struct {
	AttractionID string
	Gate         string
}

// Admission is a ticket a gate let in.
type Admission struct {
	GatePost
	TicketID string
	Visitors int
	At       time.Time
}

// ErrAlreadyAdmitted is a ticket this gate has already let in; the error
// is an *AlreadyAdmittedError, which says when and where.
var ErrAlreadyAdmitted = errors.New("offline: this ticket was already admitted")

// AlreadyAdmittedError is a ticket this device has already admitted: First
// is that admission.
type AlreadyAdmittedError struct{ First Admission }

func (e *AlreadyAdmittedError) Error() string {
	return fmt.Sprintf("ticket %s of %s was already admitted at gate %s at %s", e.First.TicketID, e.First.AttractionID,
		e.First.Gate, clock.In(e.First.At).Format(time.RFC3339))
}

// Is makes errors.Is(err, ErrAlreadyAdmitted) hold.
func (e *AlreadyAdmittedError) Is(target error) bool { return target == ErrAlreadyAdmitted }

// ErrBadGateRecord is an admission or exit the platform would refuse: an
// empty or over-long ID, or a number of visitors out of range.
var ErrBadGateRecord = errors.New("offline: not a gate record the platform takes")

// checkGateRecord refuses what the platform would refuse (platform's
// bounds), before anything is written.
func checkGateRecord(p GatePost, visitors int, ids ...string) error {
	for _, id := range append([]string{p.AttractionID, p.Gate}, ids...) {
		if id == "" || len(id) > platform.MaxIDLen || strings.TrimSpace(id) != id {
			return fmt.Errorf("%w: id %q", ErrBadGateRecord, id)
		}
	}
	if visitors < 1 || visitors > platform.MaxGateVisitors {
		return fmt.Errorf("%w: %d visitors, want 1 to %d", ErrBadGateRecord, visitors, platform.MaxGateVisitors)
	}
	return nil
}

// Admit records that the gate at p let the holders of ticket in, at the
// store's now: the gate's row and the request to the platform, in one
// transaction. A ticket this device has admitted before (at this gate or
// another it served as) is refused with an *AlreadyAdmittedError and
// nothing is written.
func (s *Store) Admit(ctx context.Context, p GatePost, ticket string, visitors int) (Admission, error) {
	if err := checkGateRecord(p, visitors, ticket); err != nil {
		return Admission{}, err
	}
	a := Admission{GatePost: p, TicketID: ticket, Visitors: visitors, At: s.now()}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		first, err := admissionOf(ctx, tx, p.AttractionID, ticket)
		switch {
		case err == nil:
			return &AlreadyAdmittedError{First: first}
		case !errors.Is(err, ErrNotFound):
			return err
		}
		id, err := s.enqueue(ctx, tx, platform.Admissions, platform.AdmissionRequest{TicketID: ticket,
			AttractionID: p.AttractionID, Gate: p.Gate, Visitors: visitors, At: wireTime(a.At)}, nil)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO gate_admissions (attraction_id, ticket_id, gate, visitors, at, outbox_id)
			VALUES (?, ?, ?, ?, ?, ?)`, p.AttractionID, ticket, p.Gate, visitors, formatTime(a.At), id)
		return err
	})
	if err != nil {
		return Admission{}, fmt.Errorf("admit ticket %s: %w", ticket, err)
	}
	return a, nil
}

// admissionOf reads this device's admission of a ticket, or ErrNotFound.
func admissionOf(ctx context.Context, q querier, attraction, ticket string) (Admission, error) {
	a := Admission{GatePost: GatePost{AttractionID: attraction}, TicketID: ticket}
	var at string
	err := q.QueryRowContext(ctx, "SELECT gate, visitors, at FROM gate_admissions WHERE attraction_id = ? AND ticket_id = ?",
		attraction, ticket).Scan(&a.Gate, &a.Visitors, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return Admission{}, ErrNotFound
	}
	if err == nil {
		a.At, err = parseTime(at)
	}
	return a, err
}

// RecordExit records visitors leaving through the gate at p (its exit
// button), at the store's now: the gate's row and the request, in one
// transaction.
func (s *Store) RecordExit(ctx context.Context, p GatePost, visitors int) error {
	if err := checkGateRecord(p, visitors); err != nil {
		return err
	}
	now := s.now()
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		id, err := s.enqueue(ctx, tx, platform.Exits, platform.ExitRequest{AttractionID: p.AttractionID, Gate: p.Gate,
			Visitors: visitors, At: wireTime(now)}, nil)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO gate_exits (attraction_id, gate, visitors, at, outbox_id) VALUES (?, ?, ?, ?, ?)`,
			p.AttractionID, p.Gate, visitors, formatTime(now), id)
		return err
	})
	if err != nil {
		return fmt.Errorf("record exit: %w", err)
	}
	return nil
}

// wireTime is an instant as the platform's requests carry it: RFC 3339,
// in China time.
func wireTime(t time.Time) string { return clock.In(t).Format(time.RFC3339) }

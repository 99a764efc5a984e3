package offline

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"jiangsupass/platform"
)

// A resident cancels a visit they booked (CancelAppointment):
//   - a booking the platform has answered is cancelled there, through the
//     outbox (platform.AppointmentCancels): "cancelling…", then "cancelled";
//   - a booking never sent is withdrawn: it leaves the outbox and never
//     reaches the platform; "cancelled" at once;
//   - a booking sent whose answer has not come (an attempt failed, it may
//     have reached the platform) stays in the outbox and is cancelled at
//     the platform as soon as the platform has booked it; "cancelling…".
// A booking withdrawn while the sync engine was already sending it is
// treated as the last case when the platform's answer comes (see
// answerAfterWithdrawal): nothing the platform booked is left behind.

// States of a cancel, as Appointment.Cancel gives them.
const (
	CancelNone    = ""           // not cancelled
	CancelPending = "cancelling" // on its way to the platform
	CancelDone    = "cancelled"  // cancelled: at the platform, or withdrawn before it was sent
	CancelRefused = "refused"    // the platform refused to cancel (see CancelCode); the visit stands
)

// outboxWithdrawn is the error_code of a booking's outbox row that the
// resident withdrew before it was sent (its state is OutboxDismissed).
const outboxWithdrawn = "withdrawn"

// Refusals of a cancel the app can tell at once; nothing is changed.
var (
	ErrCancelPast = errors.New("offline: this visit's time has come; it can no longer be cancelled")
	ErrCancelNot  = errors.New("offline: this appointment cannot be cancelled (refused, or cancelled already)")
)

// CancelAppointment cancels the appointment localID (see above) and says
// what became of it: CancelDone when it was withdrawn before it was sent,
// CancelPending when the cancel waits for the platform. A visit whose time
// has come by the store's clock (China time) is refused with
// ErrCancelPast; one refused by the platform, or cancelled already, with
// ErrCancelNot.
func (s *Store) CancelAppointment(ctx context.Context, localID int64) (string, error) {
	outcome := ""
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := appointmentIn(ctx, tx, localID)
		if err != nil {
			return err
		}
		if a.Status == RequestRejected || a.Cancel == CancelPending || a.Cancel == CancelDone {
			return ErrCancelNot
		}
		if !s.now().Before(a.At()) {
			return ErrCancelPast
		}
		if a.Status == RequestDone {
			outcome = CancelPending
			return s.queueCancel(ctx, tx, localID, a.ServerID)
		}
		outcome = CancelPending
		var attempts int
		if err := tx.QueryRowContext(ctx, "SELECT attempts FROM outbox WHERE id = ?", a.OutboxID).Scan(&attempts); err != nil {
			return err
		}
		if attempts == 0 {
			r, err := tx.ExecContext(ctx, `UPDATE outbox SET state = ?, error_code = ?, last_error = 'withdrawn before it was sent',
				body = ?, sealed = NULL, done_at = ? WHERE id = ? AND state = ?`,
				OutboxDismissed, outboxWithdrawn, emptyBody, formatTime(s.now()), a.OutboxID, OutboxPending)
			if err != nil {
				return err
			}
			if n, _ := r.RowsAffected(); n == 1 {
				outcome = CancelDone
			}
		}
		s.queue.markChanged(tx, ChangeRequests)
		_, err = tx.ExecContext(ctx, "UPDATE appointments SET cancel_wanted = 1 WHERE local_id = ?", localID)
		return err
	})
	if err != nil {
		return "", fmt.Errorf("cancel appointment %d: %w", localID, err)
	}
	return outcome, nil
}

// queueCancel puts the cancel of the platform's appointment serverID in
// the outbox, for the appointment localID, inside tx.
func (s *Store) queueCancel(ctx context.Context, tx *sql.Tx, localID int64, serverID string) error {
	if serverID == "" {
		return fmt.Errorf("%w: the platform gave the booking no ID", ErrCancelNot)
	}
	id, err := s.enqueue(ctx, tx, platform.AppointmentCancels, platform.AppointmentCancel{ID: serverID}, nil)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, "UPDATE appointments SET cancel_wanted = 1, cancel_outbox_id = ? WHERE local_id = ?", id, localID)
	return err
}

// settleAppointment, in the transaction that records the platform's
// answer to a booking, cancels the visit at the platform if the resident
// cancelled it while the answer was awaited.
func (s *Store) settleAppointment(ctx context.Context, tx *sql.Tx, it OutboxItem, res platform.MutationResult, refusal *platform.Error) error {
	if refusal != nil {
		return nil
	}
	var localID int64
	var wanted bool
	err := tx.QueryRowContext(ctx, "SELECT local_id, cancel_wanted FROM appointments WHERE outbox_id = ? AND cancel_outbox_id IS NULL",
		it.ID).Scan(&localID, &wanted)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && !wanted) {
		return nil
	}
	if err != nil {
		return err
	}
	var booked platform.Appointment
	_ = json.Unmarshal(res.Body, &booked) // an answer without an ID leaves nothing to cancel
	if booked.ID == "" {
		return nil
	}
	return s.queueCancel(ctx, tx, localID, booked.ID)
}

// answerAfterWithdrawal, in the transaction of settleOutbox, takes the
// platform's answer to a booking the resident withdrew while it was being
// sent: the booking is recorded as sent after all, and cancelled at the
// platform. It does nothing for any other request that was settled
// already.
func (s *Store) answerAfterWithdrawal(ctx context.Context, tx *sql.Tx, it OutboxItem, res platform.MutationResult, refusal *platform.Error) error {
	if it.Kind != platform.Appointments || refusal != nil {
		return nil
	}
	r, err := tx.ExecContext(ctx, `UPDATE outbox SET state = ?, error_code = '', last_error = '', result = ?, done_at = ?
		WHERE id = ? AND state = ? AND error_code = ?`, OutboxSent, nullIfEmpty(string(res.Body)), formatTime(s.now()),
		it.ID, OutboxDismissed, outboxWithdrawn)
	if err != nil {
		return err
	}
	if n, _ := r.RowsAffected(); n == 0 {
		return nil
	}
	s.queue.markChanged(tx, ChangeRequests)
	return s.settleAppointment(ctx, tx, it, res, nil)
}

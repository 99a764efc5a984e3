package offline

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"

	"jiangsupass/platform"
)

// Outbox states.
const (
	OutboxPending   = "pending"   // waiting to be delivered
	OutboxSent      = "sent"      // the platform applied it
	OutboxFailed    = "failed"    // the platform refused it; the user must act
	OutboxDismissed = "dismissed" // a failed request the user has seen
)

// OutboxItem is a request of the user's on its way to the platform: an
// order, an appointment, feedback, a card-loss report.
type OutboxItem struct {
	ID          int64
	Kind        string          // platform.Orders, platform.Appointments, ...
	Key         string          // the Idempotency-Key it is sent with
	Body        json.RawMessage // the request; for a sealed one, nil when it does not open (see Unreadable), and {} once answered
	State       string
	Attempts    int
	NextAttempt time.Time
	LastError   string // the last failure, in English, for logs
	ErrorCode   string // the platform's code when it refused the request
	Result      json.RawMessage
	CreatedAt   time.Time
	Unreadable  bool   // a sealed request whose key is gone
	Origin      string // the server it is for (platform.Origin); "" for the first one it reaches
	Owner       string // the platform's ID of the resident who made it signed in; "" for none
}

// RowRef names a synced row that a request changes locally; a pull leaves
// the row alone while the request is pending.
type RowRef struct {
	Collection, ID string
}

// enqueue writes a request into the outbox inside tx, the transaction
// that also writes its local effect, and returns its ID.
func (s *Store) enqueue(ctx context.Context, tx *sql.Tx, kind string, body any, touches []RowRef) (int64, error) {
	if _, ok := platform.MutationPath[kind]; !ok {
		return 0, fmt.Errorf("outbox: unknown request kind %q", kind)
	}
	b, err := json.Marshal(body)
	if err != nil {
		return 0, fmt.Errorf("outbox: %w", err)
	}
	key := newKey()
	stored, sealed, err := s.sealOutboxBody(key, b)
	if err != nil {
		return 0, fmt.Errorf("outbox: %w", err)
	}
	origin, owner, err := s.requestBinding(ctx, tx)
	if err != nil {
		return 0, fmt.Errorf("outbox: %w", err)
	}
	now := formatTime(s.now())
	res, err := tx.ExecContext(ctx, `INSERT INTO outbox (kind, idem_key, body, sealed, next_attempt_at, created_at, origin, owner)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, kind, key, stored, sealed, now, now, origin, owner)
	if err != nil {
		return 0, fmt.Errorf("outbox: %w", err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, fmt.Errorf("outbox: %w", err)
	}
	s.queue.markQueued(tx)
	for _, r := range touches {
		if _, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO outbox_rows (outbox_id, collection, item_id) VALUES (?, ?, ?)",
			id, r.Collection, r.ID); err != nil {
			return 0, fmt.Errorf("outbox: %w", err)
		}
	}
	return id, nil
}

// newKey makes an idempotency key: 128 random bits.
func newKey() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b) // crypto/rand never fails
	return hex.EncodeToString(b)
}

// Enqueue records a request with no local effect beyond the outbox row
// itself (feedback, a card-loss report), which the UI shows as pending.
func (s *Store) Enqueue(ctx context.Context, kind string, body any) (int64, error) {
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		id, err = s.enqueue(ctx, tx, kind, body, nil)
		return err
	})
	return id, err
}

// inTx runs f in a write transaction.
func (s *Store) inTx(ctx context.Context, f func(tx *sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	committed := false
	defer func() {
		if !committed {
			_ = tx.Rollback()
		}
		s.queue.ended(tx, committed)
	}()
	if err := f(tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	committed = true
	return nil
}

const outboxColumns = `id, kind, idem_key, body, sealed, state, attempts, next_attempt_at, last_error, error_code,
	coalesce(result, ''), created_at, origin, owner`

func (s *Store) scanOutbox(sc scanner) (OutboxItem, error) {
	var it OutboxItem
	var body, result, next, created string
	var sealed []byte
	if err := sc.Scan(&it.ID, &it.Kind, &it.Key, &body, &sealed, &it.State, &it.Attempts, &next, &it.LastError,
		&it.ErrorCode, &result, &created, &it.Origin, &it.Owner); err != nil {
		return OutboxItem{}, err
	}
	var err error
	it.Body, err = s.openOutboxBody(it.Key, body, sealed)
	it.Unreadable = err != nil
	if result != "" {
		it.Result = json.RawMessage(result)
	}
	if it.NextAttempt, err = parseTime(next); err == nil {
		it.CreatedAt, err = parseTime(created)
	}
	return it, err
}

// Outbox returns the requests in a state ("" = every state), oldest first.
func (s *Store) Outbox(ctx context.Context, state string) ([]OutboxItem, error) {
	q := "SELECT " + outboxColumns + " FROM outbox"
	var args []any
	if state != "" {
		q += " WHERE state = ?"
		args = append(args, state)
	}
	rows, err := s.db.QueryContext(ctx, q+" ORDER BY id", args...)
	if err != nil {
		return nil, fmt.Errorf("outbox: %w", err)
	}
	defer rows.Close()
	var out []OutboxItem
	for rows.Next() {
		it, err := s.scanOutbox(rows)
		if err != nil {
			return nil, fmt.Errorf("outbox: %w", err)
		}
		out = append(out, it)
	}
	return out, rows.Err()
}

// OutboxCounts returns how many requests are pending for the current
// server (see UseServer; every pending one when there is none) and how
// many the platform refused (and the user has not dismissed). Requests
// for other servers are counted by WaitingElsewhere.
func (s *Store) OutboxCounts(ctx context.Context) (pending, failed int, err error) {
	cur := s.currentOrigin()
	err = s.db.QueryRowContext(ctx, `SELECT coalesce(sum(state = 'pending' AND (?1 = '' OR origin IN ('', ?1))), 0),
		coalesce(sum(state = 'failed'), 0) FROM outbox`, cur).Scan(&pending, &failed)
	if err != nil {
		err = fmt.Errorf("outbox: %w", err)
	}
	return pending, failed, err
}

// DismissFailed marks the refused requests as seen.
func (s *Store) DismissFailed(ctx context.Context) error {
	_, err := s.db.ExecContext(ctx, "UPDATE outbox SET state = 'dismissed' WHERE state = 'failed'")
	if err != nil {
		return fmt.Errorf("outbox: %w", err)
	}
	s.noteChange(ChangeRequests)
	return nil
}

// dueOutbox returns the pending requests, oldest first.
func (s *Store) dueOutbox(ctx context.Context) ([]OutboxItem, error) {
	return s.Outbox(ctx, OutboxPending)
}

// settleOutbox records the platform's answer to a request: sent with its
// result, or failed with the platform's code and message; the request's
// body, no longer needed, is dropped. The rows it changed locally are
// queued to be fetched again, and its local effect (an order's status; an
// anonymous message's text, deleted) is updated, all in one transaction.
func (s *Store) settleOutbox(ctx context.Context, it OutboxItem, res platform.MutationResult, refusal *platform.Error) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		state, code, msg := OutboxSent, "", ""
		if refusal != nil {
			state, code, msg = OutboxFailed, refusal.Code, refusal.Message
		}
		r, err := tx.ExecContext(ctx, `UPDATE outbox SET state = ?, error_code = ?, last_error = ?, result = ?, done_at = ?,
			attempts = attempts + 1, body = ?, sealed = NULL WHERE id = ? AND state = 'pending'`, state, code, msg,
			nullIfEmpty(string(res.Body)), formatTime(s.now()), emptyBody, it.ID)
		if err != nil {
			return err
		}
		if n, _ := r.RowsAffected(); n == 0 {
			return s.answerAfterWithdrawal(ctx, tx, it, res, refusal) // settled already, or withdrawn on its way
		}
		s.queue.markChanged(tx, ChangeRequests)
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO sync_deferred (collection, item_id)
			SELECT collection, item_id FROM outbox_rows WHERE outbox_id = ?`, it.ID); err != nil {
			return err
		}
		switch it.Kind {
		case platform.Orders:
			return settleOrder(ctx, tx, it.ID, res, refusal)
		case platform.Refunds:
			return settleRefund(ctx, tx, it.ID, refusal)
		case platform.Feedback:
			return settleFeedback(ctx, tx, it)
		case platform.Appointments:
			return s.settleAppointment(ctx, tx, it, res, refusal)
		}
		return nil
	})
	if err == nil && it.Kind == platform.Feedback && it.Owner == "" {
		// Anonymous feedback answered: with no one signed in, the key
		// may have nothing left to open.
		err = s.dropUnusedKey(ctx)
	}
	return err
}

// postponeOutbox records a failed attempt that may succeed later.
func (s *Store) postponeOutbox(ctx context.Context, id int64, next time.Time, why string) error {
	_, err := s.db.ExecContext(ctx, "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ? AND state = 'pending'",
		formatTime(next), why, id)
	return err
}

// noteOutbox records why a request waits without counting an attempt
// (the user is not signed in).
func (s *Store) noteOutbox(ctx context.Context, id int64, why string) error {
	_, err := s.db.ExecContext(ctx, "UPDATE outbox SET last_error = ? WHERE id = ? AND state = 'pending'", why, id)
	return err
}

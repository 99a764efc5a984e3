package offline

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"jiangsupass/platform"
)

// Feedback to the 12345 hotline belongs to whoever sent it. Its text and
// contact are sealed, in the outbox and in the list of messages sent, like
// every personal record. A resident's own messages are listed to them
// only, and go from the device at sign-out. Feedback sent signed out
// (anonymous) is kept only until the platform has answered: then its text
// and contact are deleted, and the receipt number stays.

// Feedback is a message sent to the 12345 hotline.
type Feedback struct {
	LocalID, OutboxID        int64
	Category, Text, Contact  string // Text and Contact are "" once an anonymous message is answered
	Status, ServerID, Reason string // Status is RequestPending, RequestDone or RequestRejected; ServerID is the receipt number
	Origin                   string // the server it is for (platform.Origin)
	CreatedAt                time.Time
}

// feedbackText is what is sealed of a message.
type feedbackText struct {
	Text    string `json:"text"`
	Contact string `json:"contact"`
}

// feedbackSealName binds a sealed message to its request.
func feedbackSealName(outboxID int64) string { return fmt.Sprintf("feedback %d", outboxID) }

// SendFeedback records a message for the 12345 hotline and puts it in the
// outbox in one transaction. Category and text must not be empty.
func (s *Store) SendFeedback(ctx context.Context, req platform.FeedbackRequest) (Feedback, error) {
	req.Category, req.Text, req.Contact = strings.TrimSpace(req.Category), strings.TrimSpace(req.Text), strings.TrimSpace(req.Contact)
	if req.Category == "" || req.Text == "" {
		return Feedback{}, fmt.Errorf("send feedback: %w: category and text are needed", ErrBadRequest)
	}
	f := Feedback{Category: req.Category, Text: req.Text, Contact: req.Contact, Status: RequestPending, CreatedAt: s.now().UTC()}
	plain, err := json.Marshal(feedbackText{Text: req.Text, Contact: req.Contact})
	if err != nil {
		return Feedback{}, fmt.Errorf("send feedback: %w", err)
	}
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		if f.OutboxID, err = s.enqueue(ctx, tx, platform.Feedback, req, nil); err != nil {
			return err
		}
		aead, err := s.personalAEAD(true)
		if err != nil {
			return err
		}
		sealed, err := seal(aead, feedbackSealName(f.OutboxID), plain)
		if err != nil {
			return err
		}
		r, err := tx.ExecContext(ctx, `INSERT INTO feedback (outbox_id, category, body, contact, sealed, created_at)
			VALUES (?, ?, '', '', ?, ?)`, f.OutboxID, f.Category, sealed, formatTime(f.CreatedAt))
		if err != nil {
			return err
		}
		f.LocalID, err = r.LastInsertId()
		if err == nil {
			err = tx.QueryRowContext(ctx, "SELECT origin FROM outbox WHERE id = ?", f.OutboxID).Scan(&f.Origin)
		}
		return err
	})
	if err != nil {
		return Feedback{}, fmt.Errorf("send feedback: %w", err)
	}
	return f, nil
}

// FeedbackSent returns the messages sent to the 12345 hotline that the
// person using the device may see, newest first: the signed-in resident's
// own and the anonymous ones.
func (s *Store) FeedbackSent(ctx context.Context) ([]Feedback, error) {
	var user, origin string
	sess, err := s.Session(ctx)
	switch {
	case err == nil:
		user, origin = sess.Profile.UserID, sess.Origin
	case !errors.Is(err, ErrSignedOut) && !errors.Is(err, errSealed):
		return nil, fmt.Errorf("feedback: %w", err)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT f.local_id, f.outbox_id, f.category, f.body, f.contact, f.sealed, f.created_at,
		o.state, coalesce(o.result, ''), o.last_error, o.origin FROM feedback f JOIN outbox o ON o.id = f.outbox_id
		WHERE o.owner = '' OR (o.owner = ? AND o.origin IN ('', ?)) ORDER BY f.local_id DESC`, user, origin)
	if err != nil {
		return nil, fmt.Errorf("feedback: %w", err)
	}
	defer rows.Close()
	var out []Feedback
	for rows.Next() {
		var f Feedback
		var created, state, result, lastErr string
		var sealed []byte
		if err := rows.Scan(&f.LocalID, &f.OutboxID, &f.Category, &f.Text, &f.Contact, &sealed, &created, &state, &result,
			&lastErr, &f.Origin); err != nil {
			return nil, fmt.Errorf("feedback: %w", err)
		}
		if sealed != nil {
			t := s.openFeedback(f.OutboxID, sealed)
			f.Text, f.Contact = t.Text, t.Contact
		}
		f.Status, f.ServerID, f.Reason = requestStatus(state, result, lastErr)
		if f.CreatedAt, err = parseTime(created); err != nil {
			return nil, fmt.Errorf("feedback: %w", err)
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// openFeedback opens a sealed message; one that no longer opens (its key
// is gone) reads as empty.
func (s *Store) openFeedback(outboxID int64, sealed []byte) feedbackText {
	var t feedbackText
	aead, err := s.personalAEAD(false)
	if err != nil {
		return t
	}
	if plain, err := unseal(aead, feedbackSealName(outboxID), sealed); err == nil {
		_ = json.Unmarshal(plain, &t) // sealed by SendFeedback: valid JSON
	}
	return t
}

// settleFeedback, in the transaction that records the platform's answer
// to a message, deletes the text and contact of an anonymous one.
func settleFeedback(ctx context.Context, tx *sql.Tx, it OutboxItem) error {
	if it.Owner != "" {
		return nil
	}
	_, err := tx.ExecContext(ctx, "UPDATE feedback SET body = '', contact = '', sealed = NULL WHERE outbox_id = ?", it.ID)
	return err
}

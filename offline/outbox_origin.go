package offline

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"jiangsupass/platform"
)

// A request is made for one platform server, its origin (platform.Origin),
// and, when a resident made it signed in, for that resident (owner, the
// platform's user ID): it is delivered to that server only, and a personal
// one only under that resident's session. When the app is pointed at
// another server, the requests made for the old one wait for it ("waiting
// for <server>") and the user may discard them. A request made while no
// server was set (or before requests recorded their server) goes to the
// first server the app talks to.

// schemaOutboxOrigin records the server and the resident of each request,
// and seals the text and contact of 12345 feedback (feedback.sealed; the
// clear columns stay empty). Feedback already answered keeps no text.
const schemaOutboxOrigin = `
ALTER TABLE outbox ADD COLUMN origin TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN owner TEXT NOT NULL DEFAULT '';
CREATE INDEX outbox_by_origin ON outbox (state, origin);
ALTER TABLE feedback ADD COLUMN sealed BLOB;
UPDATE feedback SET body = '', contact = '' WHERE outbox_id IN (SELECT id FROM outbox WHERE state <> 'pending');
`

// metaLegacyOrigin holds the origin of the server saved in Settings when
// migration 11 ran: the server that the session and the requests of an
// earlier build were, in all likelihood, made with.
const metaLegacyOrigin = "legacy_server_origin"

// settingLegacyAPI is the setting in which builds before migration 11 kept
// the server's address (app/sync.go keeps it there still).
const settingLegacyAPI = "api_url"

// migrateOutboxOrigin adds the columns, and binds the requests of an
// earlier build to the server then saved in Settings (none when there was
// none, or it is not a server's address: those go to the first server the
// app talks to), which it records for the session (see UseServer).
func migrateOutboxOrigin(ctx context.Context, tx *sql.Tx) error {
	if err := execSQL(schemaOutboxOrigin)(ctx, tx); err != nil {
		return err
	}
	var saved string
	err := tx.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = ?", settingLegacyAPI).Scan(&saved)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	origin, err := platform.Origin(saved)
	if err != nil || strings.TrimSpace(saved) == "" {
		return nil
	}
	if _, err := tx.ExecContext(ctx, "UPDATE outbox SET origin = ? WHERE origin = ''", origin); err != nil {
		return err
	}
	return setMeta(ctx, tx, metaLegacyOrigin, origin)
}

// currentOrigin is the origin of the server the app talks to ("" for
// none), as UseServer last set it.
func (s *Store) currentOrigin() string {
	s.vault.mu.Lock()
	defer s.vault.mu.Unlock()
	return s.vault.origin
}

// UseServer tells the store which platform server the app talks to from
// now on (its address, or "" for none); new requests are made for it, and
// those made for no server so far become its. A resident signed in on
// another server is signed out on this device (their requests not yet
// sent stay for that server). With no server nothing is signed out:
// nothing is sent anywhere. A session from an earlier build, which did
// not record its server, is taken as the server then saved in Settings
// (migration 11); with none saved it is signed out, since its server is
// not known.
func (s *Store) UseServer(ctx context.Context, rawURL string) error {
	origin := ""
	if strings.TrimSpace(rawURL) != "" {
		var err error
		if origin, err = platform.Origin(rawURL); err != nil {
			return fmt.Errorf("use server: %w", err)
		}
	}
	s.vault.mu.Lock()
	s.vault.origin = origin
	s.vault.mu.Unlock()
	if origin != "" {
		if err := s.bindRequests(ctx, origin); err != nil {
			return err
		}
	}
	epoch := s.personalEpoch()
	sess, err := s.Session(ctx)
	switch {
	case errors.Is(err, ErrSignedOut) || errors.Is(err, errSealed):
		return nil
	case err != nil:
		return fmt.Errorf("use server: %w", err)
	}
	if sess.Origin == "" {
		legacy, _, err := getMeta(ctx, s.db, metaLegacyOrigin)
		if err != nil {
			return fmt.Errorf("use server: %w", err)
		}
		if legacy == "" {
			return s.leaveServer(ctx)
		}
		sess.Origin = legacy
		if err := s.putPersonalIn(ctx, epoch, recSession, sess); err != nil && !errors.Is(err, ErrSignedOut) {
			return fmt.Errorf("use server: %w", err)
		}
	}
	if origin != "" && sess.Origin != origin {
		return s.leaveServer(ctx)
	}
	return nil
}

// ServerChange is what pointing the app at another server does on this
// device (see UseServer).
type ServerChange struct {
	SignsOut bool   // a resident signed in on another server is signed out
	Old      string // the server whose requests not yet sent stay for it
	Waiting  int    // how many requests stay for Old
}

// ServerChange says what UseServer(rawURL) would do, so that the user is
// told before. Nothing happens (the zero value) when the address is the
// same server, or none, or no one is signed in and nothing waits.
func (s *Store) ServerChange(ctx context.Context, rawURL string) (ServerChange, error) {
	var ch ServerChange
	if strings.TrimSpace(rawURL) == "" {
		return ch, nil
	}
	origin, err := platform.Origin(rawURL)
	if err != nil {
		return ch, fmt.Errorf("change server: %w", err)
	}
	ch.Old = s.currentOrigin()
	sess, err := s.Session(ctx)
	switch {
	case err == nil && sess.Origin != "" && sess.Origin != origin:
		ch.SignsOut, ch.Old = true, sess.Origin
	case err != nil && !errors.Is(err, ErrSignedOut) && !errors.Is(err, errSealed):
		return ServerChange{}, fmt.Errorf("change server: %w", err)
	}
	if ch.Old == "" || ch.Old == origin {
		return ServerChange{}, nil
	}
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM outbox WHERE state = 'pending' AND origin = ?", ch.Old).
		Scan(&ch.Waiting); err != nil {
		return ServerChange{}, fmt.Errorf("change server: %w", err)
	}
	if !ch.SignsOut && ch.Waiting == 0 {
		return ServerChange{}, nil
	}
	return ch, nil
}

// bindRequests makes the requests waiting for no particular server
// requests for origin.
func (s *Store) bindRequests(ctx context.Context, origin string) error {
	if _, err := s.db.ExecContext(ctx, "UPDATE outbox SET origin = ? WHERE origin = '' AND state = 'pending'", origin); err != nil {
		return fmt.Errorf("outbox: %w", err)
	}
	return nil
}

// requestBinding is the server and the resident a new request is made
// for: the signed-in resident's server and user ID, or, signed out, the
// current server and nobody.
func (s *Store) requestBinding(ctx context.Context, q querier) (origin, owner string, err error) {
	var sess Session
	err = s.getPersonalIn(ctx, q, recSession, &sess)
	switch {
	case errors.Is(err, ErrNotFound) || errors.Is(err, ErrSignedOut) || errors.Is(err, errSealed):
		return s.currentOrigin(), "", nil
	case err != nil:
		return "", "", err
	case sess.Origin == "":
		return s.currentOrigin(), sess.Profile.UserID, nil
	}
	return sess.Origin, sess.Profile.UserID, nil
}

// routing is what a request waits for before it may be delivered.
type routing int

const (
	sendNow       routing = iota // it may be delivered now
	waitsSignIn                  // a sign-in: its resident's, or, made signed out, one that takes it on
	waitsForOther                // another server, or another resident
)

// route says whether a request may be delivered to the server at origin
// under the session of user (signedIn: someone is signed in there): it
// was made for that server (or for none), and it was made by that
// resident, or signed out when it is not personal (anonymous feedback). A
// personal request made signed out waits for a sign-in that takes it on
// (SignInOffer.Finish); it never goes under whoever happens to be signed
// in. One that no longer opens is never sent, only settled as failed
// there, so it waits for no resident.
func (it OutboxItem) route(origin, user string, signedIn bool) routing {
	switch {
	case it.Origin != "" && it.Origin != origin:
		return waitsForOther
	case it.Unreadable:
		return sendNow
	case !platform.MutationNeedsSignIn[it.Kind] && it.Owner == "":
		return sendNow
	case !signedIn:
		return waitsSignIn
	case it.Owner == user:
		return sendNow
	case it.Owner == "":
		return waitsSignIn // made signed out: only a sign-in takes it on
	}
	return waitsForOther
}

// dueFor returns the pending requests that may be delivered to the server
// at origin now (see route), oldest first: the others wait for a sign-in,
// or their own server or resident.
func (s *Store) dueFor(ctx context.Context, origin string) ([]OutboxItem, error) {
	due, _, err := s.sortDue(ctx, origin)
	return due, err
}

// sortDue is dueFor, with the requests that wait for a sign-in there.
func (s *Store) sortDue(ctx context.Context, origin string) (due, signIn []OutboxItem, err error) {
	items, err := s.dueOutbox(ctx)
	if err != nil {
		return nil, nil, err
	}
	user, signedIn := "", false
	if sess, err := s.Session(ctx); err == nil && sess.Origin == origin {
		user, signedIn = sess.Profile.UserID, true
	}
	for _, it := range items {
		switch it.route(origin, user, signedIn) {
		case sendNow:
			due = append(due, it)
		case waitsSignIn:
			signIn = append(signIn, it)
		}
	}
	return due, signIn, nil
}

// ServerRequests is how many requests wait for a server the app no longer
// talks to.
type ServerRequests struct {
	Origin string // the server's origin, as platform.Origin gives it
	Count  int
}

// WaitingElsewhere lists the servers, other than the current one, that
// requests not yet sent were made for, with how many wait for each. With
// no current server it lists none: every request waits alike.
func (s *Store) WaitingElsewhere(ctx context.Context) ([]ServerRequests, error) {
	cur := s.currentOrigin()
	if cur == "" {
		return nil, nil
	}
	rows, err := s.db.QueryContext(ctx, `SELECT origin, count(*) FROM outbox
		WHERE state = 'pending' AND origin NOT IN ('', ?) GROUP BY origin ORDER BY origin`, cur)
	if err != nil {
		return nil, fmt.Errorf("outbox: %w", err)
	}
	defer rows.Close()
	var out []ServerRequests
	for rows.Next() {
		var r ServerRequests
		if err := rows.Scan(&r.Origin, &r.Count); err != nil {
			return nil, fmt.Errorf("outbox: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// ErrCurrentServer is returned by DiscardWaiting for the server the app
// talks to: its requests are on their way, not waiting.
var ErrCurrentServer = errors.New("offline: these requests are for the server in use")

// DiscardWaiting deletes the requests not yet sent that wait for another
// server than the current one, with their local effects (a pending order,
// appointment or message); the rows they changed locally are fetched
// again at the next sync.
func (s *Store) DiscardWaiting(ctx context.Context, origin string) error {
	if origin == "" || origin == s.currentOrigin() {
		return ErrCurrentServer
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		s.queue.markChanged(tx, ChangeRequests)
		return deleteRequests(ctx, tx, "state = 'pending' AND origin = ?", origin)
	})
	if err != nil {
		return fmt.Errorf("discard requests for %s: %w", origin, err)
	}
	return nil
}

// deleteRequests deletes, inside tx, the outbox rows that match where
// (a condition on outbox with its args) with what hangs on them: ticket
// details before the orders, orders, appointments and feedback before
// their requests; a refund that will not be sent is no longer shown as
// asked for. The tickets of an order not yet sent go back to its slot in
// the replica, and the synced rows that pending ones changed locally are
// queued to be fetched again.
func deleteRequests(ctx context.Context, tx *sql.Tx, where string, args ...any) error {
	ids := "SELECT id FROM outbox WHERE " + where
	unsent := "SELECT id FROM outbox WHERE state = 'pending' AND id IN (" + ids + ")"
	if err := returnTickets(ctx, tx, "outbox_id IN ("+unsent+")", args...); err != nil {
		return err
	}
	for _, q := range []string{
		`INSERT OR IGNORE INTO sync_deferred (collection, item_id) SELECT collection, item_id FROM outbox_rows
			WHERE outbox_id IN (` + unsent + `)`,
		"UPDATE ticket_orders SET refund_state = '', refund_outbox_id = NULL WHERE refund_state = 'pending' AND refund_outbox_id IN (" + ids + ")",
		"DELETE FROM ticket_orders WHERE local_id IN (SELECT local_id FROM orders WHERE outbox_id IN (" + ids + "))",
		"DELETE FROM orders WHERE outbox_id IN (" + ids + ")",
		"DELETE FROM appointments WHERE outbox_id IN (" + ids + ")",
		"DELETE FROM feedback WHERE outbox_id IN (" + ids + ")",
		"DELETE FROM outbox_rows WHERE outbox_id IN (" + ids + ")",
		"DELETE FROM outbox WHERE " + where,
	} {
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			return err
		}
	}
	return nil
}

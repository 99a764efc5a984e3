package offline

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"jiangsupass/platform"
)

// A sign-in has two steps, so that the person signing in is asked what
// becomes of the requests on the device that are not theirs yet:
// BeginSignIn signs in at the platform and returns an offer (the session,
// the requests made signed out that the resident may take on, and other
// residents' requests waiting for this server) without changing anything
// stored; Finish saves the session and applies the choice in one
// transaction. Cancel leaves everything as it was, signed out: the new
// session is not kept, and the platform is told to end it.
//
// While the question is open the platform client holds no tokens, so the
// sync engine sends nothing under the new account before the answer.

// Fate is what becomes of a group of requests at a sign-in.
type Fate int

// The fates a sign-in may choose.
const (
	// Leave: the requests stay as they are, waiting (for a sign-in that
	// takes them on, or for the resident who made them).
	Leave Fate = iota
	// Adopt: requests made signed out are sent under the account signing
	// in. Only for those.
	Adopt
	// Remove: the requests are deleted, with their local effects; a
	// ticket order's tickets go back to its slot.
	Remove
)

// SignInChoice is what the person signing in chose.
type SignInChoice struct {
	SignedOut Fate // the requests made signed out (SignInOffer.SignedOut)
	Others    Fate // other residents' requests (SignInOffer.Others); Adopt is refused
}

// ErrBadChoice is returned by Finish for a choice it cannot apply:
// another resident's requests cannot be adopted.
var ErrBadChoice = errors.New("offline: another resident's requests cannot be taken on")

// ErrOfferClosed is returned by Finish after Finish or Cancel.
var ErrOfferClosed = errors.New("offline: this sign-in is already finished or cancelled")

// PendingRequest describes a request not yet sent, so that a person can
// tell which it is: its kind, what it is for and when.
type PendingRequest struct {
	OutboxID  int64
	Kind      string // platform.Orders, platform.Appointments, ...
	Subject   string // an order's attraction ID, an appointment's hall ID; "" otherwise
	Date      string // the slot's or appointment's date, YYYY-MM-DD (China time); "" otherwise
	Time      string // its start, HH:MM; "" otherwise
	Tickets   int64  // an order's tickets; 0 otherwise
	CreatedAt time.Time
}

// SignInOffer is a sign-in accepted by the platform and not yet kept on
// the device: see BeginSignIn.
type SignInOffer struct {
	// Session is the session that Finish saves.
	Session Session
	// SignedOut are the requests made signed out on this device for this
	// server, which the resident may take on (Adopt) or remove.
	SignedOut []PendingRequest
	// Others are other residents' requests waiting for this server, which
	// may wait for them (Leave) or be removed.
	Others []PendingRequest
	// SignedOutVisitors are the visitors saved signed out (for a booking
	// in progress, say): they follow the choice for SignedOut, taken on as
	// the resident's saved visitors, removed, or left.
	SignedOutVisitors []Visitor
	// OthersVisitors is how many visitors other residents saved: they
	// follow the choice for Others, kept out of sight or removed.
	OthersVisitors int

	store  *Store
	client *platform.Client

	mu     sync.Mutex
	closed bool
}

// Asks reports whether there is anything to ask: with nothing, Finish
// with the zero choice.
func (o *SignInOffer) Asks() bool {
	return len(o.SignedOut)+len(o.Others)+len(o.SignedOutVisitors)+o.OthersVisitors > 0
}

// BeginSignIn exchanges a phone number and its one-time code for tokens
// at the platform c talks to and reads the resident's profile; it changes
// nothing stored. The client gives the tokens to the offer and holds none
// until Finish.
func (s *Store) BeginSignIn(ctx context.Context, c *platform.Client, phone, code string) (*SignInOffer, error) {
	if _, err := c.SignIn(ctx, phone, code); err != nil {
		return nil, err
	}
	o := &SignInOffer{store: s, client: c}
	profile, err := c.Me(ctx)
	o.Session = Session{Tokens: c.Tokens(), Origin: c.Origin(), Profile: profile, SignedInAt: s.now()}
	c.Forget()
	if err != nil {
		_ = o.Cancel(ctx)
		return nil, fmt.Errorf("sign in: %w", err)
	}
	if o.SignedOut, o.Others, err = s.handover(ctx, o.Session.Origin, profile.UserID); err != nil {
		_ = o.Cancel(ctx)
		return nil, fmt.Errorf("sign in: %w", err)
	}
	book, err := s.handoverVisitors(ctx, s.db)
	if err != nil {
		_ = o.Cancel(ctx)
		return nil, fmt.Errorf("sign in: %w", err)
	}
	own := visitorOwner(o.Session)
	for owner, list := range book {
		switch owner {
		case "":
			o.SignedOutVisitors = list
		case own:
		default:
			o.OthersVisitors += len(list)
		}
	}
	return o, nil
}

// SignIn signs in where no one can be asked: as BeginSignIn, then Finish
// leaving every request that is not the resident's own as it is (those
// made signed out keep waiting; other residents' wait for them).
func (s *Store) SignIn(ctx context.Context, c *platform.Client, phone, code string) (Session, error) {
	o, err := s.BeginSignIn(ctx, c, phone, code)
	if err != nil {
		return Session{}, err
	}
	return o.Finish(ctx, SignInChoice{})
}

// Finish keeps the session and applies the choice, in one transaction:
// the requests and visitors saved signed out are taken on or removed (or
// left), other residents' are removed (or left); what an earlier resident left that is
// not a waiting request goes, as at a sign-out. The client then holds the
// session's tokens, and the requests taken on are sent at once.
func (o *SignInOffer) Finish(ctx context.Context, ch SignInChoice) (Session, error) {
	if ch.Others == Adopt || ch.SignedOut < Leave || ch.SignedOut > Remove || ch.Others > Remove {
		return Session{}, ErrBadChoice
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.closed {
		return Session{}, ErrOfferClosed
	}
	s, sess := o.store, o.Session
	before := func(ctx context.Context, tx *sql.Tx) error {
		if ids := outboxIDs(o.SignedOut); len(ids) > 0 {
			in := "id IN (?" + repeatPlaceholders(len(ids)-1) + ")"
			switch ch.SignedOut {
			case Adopt:
				if _, err := tx.ExecContext(ctx, "UPDATE outbox SET owner = ?, origin = ?, last_error = '' WHERE state = 'pending' AND owner = '' AND "+in,
					append([]any{sess.Profile.UserID, sess.Origin}, ids...)...); err != nil {
					return err
				}
			case Remove:
				if err := deleteRequests(ctx, tx, "state = 'pending' AND owner = '' AND "+in, ids...); err != nil {
					return err
				}
			}
		}
		if ids := outboxIDs(o.Others); len(ids) > 0 && ch.Others == Remove {
			in := "id IN (?" + repeatPlaceholders(len(ids)-1) + ")"
			return deleteRequests(ctx, tx, "state = 'pending' AND owner NOT IN ('', ?) AND "+in,
				append([]any{sess.Profile.UserID}, ids...)...)
		}
		return nil
	}
	where, args := residentRequests()
	visitors := func(book visitorBook) visitorBook {
		return handOverVisitors(book, visitorOwner(sess), ch.SignedOut, ch.Others)
	}
	err := s.clearPersonal(ctx, clearing{what: "sign in", where: where + " AND state <> 'pending'", args: args,
		before: before, keepDevice: ch.SignedOut == Adopt, visitors: visitors, session: &sess})
	if err != nil {
		return Session{}, err
	}
	o.closed = true
	if err := o.client.ResumeTokens(sess.Origin, sess.Tokens); err != nil {
		return Session{}, fmt.Errorf("sign in: %w", err)
	}
	s.queue.kick() // what was taken on goes now
	return sess, nil
}

// signInEndWait is how long Cancel waits for the platform to end the
// session.
const signInEndWait = 5 * time.Second

// Cancel drops the sign-in: nothing stored changes, and the platform is
// asked to end the session (an error says it could not be told; the
// session then ends when its refresh token expires).
func (o *SignInOffer) Cancel(ctx context.Context) error {
	o.mu.Lock()
	if o.closed {
		o.mu.Unlock()
		return nil
	}
	o.closed = true
	o.mu.Unlock()
	ctx, cancel := context.WithTimeout(ctx, signInEndWait)
	defer cancel()
	return o.client.EndSession(ctx, o.Session.Tokens.RefreshToken)
}

func outboxIDs(reqs []PendingRequest) []any {
	ids := make([]any, len(reqs))
	for i, r := range reqs {
		ids[i] = r.OutboxID
	}
	return ids
}

// handover lists the requests waiting for the server at origin that a
// sign-in of user decides about: personal ones made signed out, and those
// of other residents.
func (s *Store) handover(ctx context.Context, origin, user string) (signedOut, others []PendingRequest, err error) {
	var personal []string
	var args []any
	for k, p := range platform.MutationNeedsSignIn {
		if p {
			personal = append(personal, "?")
			args = append(args, k)
		}
	}
	rows, err := s.db.QueryContext(ctx, `SELECT o.id, o.kind, o.owner, o.created_at,
		coalesce(t.attraction_id, a.hall_id, ''), coalesce(t.date, a.date, ''), coalesce(t.start_time, a.time, ''),
		coalesce(r.quantity, 0), o.kind IN (`+strings.Join(personal, ", ")+`)
		FROM outbox o LEFT JOIN orders r ON r.outbox_id = o.id LEFT JOIN ticket_orders t ON t.local_id = r.local_id
		LEFT JOIN appointments a ON a.outbox_id = o.id
		WHERE o.state = 'pending' AND o.origin IN ('', ?) ORDER BY o.id`, append(args, origin)...)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var p PendingRequest
		var owner, created string
		var isPersonal bool
		if err := rows.Scan(&p.OutboxID, &p.Kind, &owner, &created, &p.Subject, &p.Date, &p.Time, &p.Tickets, &isPersonal); err != nil {
			return nil, nil, err
		}
		if p.CreatedAt, err = parseTime(created); err != nil {
			return nil, nil, err
		}
		switch {
		case owner == "" && isPersonal:
			signedOut = append(signedOut, p)
		case owner != "" && owner != user:
			others = append(others, p)
		}
	}
	return signedOut, others, rows.Err()
}

package offline

import (
	"context"
	"crypto/cipher"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"time"

	"jiangsupass/platform"
)

// Three things end a resident's session on the device, and each decides
// what becomes of the requests not yet sent:
//   - SignOut: everything of any resident goes; only anonymous feedback
//     waiting to be sent stays.
//   - leaveServer (the app is pointed at another server): the session and
//     the history go, but every request not yet sent stays, for the
//     server and the resident it was made for.
//   - a sign-in (SignInOffer.Finish): what an earlier resident left goes,
//     except the requests not yet sent: the ones made signed out are taken
//     on by the resident signing in or removed, and other residents' wait
//     for them or are removed, as that person chose; the saved visitors
//     follow the same choice (tickets_visitors_owner.go); the device's key
//     for codes stays when it takes requests on (an order's e-ticket is
//     bound to it). The new session is written in the same transaction.
// The personal records always go (but the device's key and the visitors,
// above). When
// something sealed stays, it is sealed again under a new key and the old
// key is deleted; when nothing does, the key is deleted: either way the
// sealed bytes left in the file's free pages no longer open.

// residentRequests is the SQL condition of a request that carries a
// resident's data: a personal kind, or anything made signed in (their
// feedback), with its arguments.
func residentRequests() (string, []any) {
	var kinds []string
	for k, personal := range platform.MutationNeedsSignIn {
		if personal {
			kinds = append(kinds, k)
		}
	}
	sort.Strings(kinds)
	args := make([]any, len(kinds))
	for i, k := range kinds {
		args[i] = k
	}
	return "(owner <> '' OR kind IN ('' " + repeatPlaceholders(len(kinds)) + "))", args
}

// repeatPlaceholders is ", ?" n times.
func repeatPlaceholders(n int) string {
	b := make([]byte, 0, 3*n)
	for range n {
		b = append(b, ", ?"...)
	}
	return string(b)
}

// SignOut removes everything personal from the device: the sealed
// records, every resident's requests (personal ones, and feedback sent
// signed in), sent or not, with their orders, appointments and messages,
// and the key (so that sealed bytes left in the file's free pages can no
// longer be read). Anonymous feedback not yet sent stays, sealed under a
// new key. The signed trust list stays: it is public.
func (s *Store) SignOut(ctx context.Context) error {
	where, args := residentRequests()
	return s.clearPersonal(ctx, clearing{what: "sign out", where: where, args: args})
}

// leaveServer signs the resident out on this device because the app now
// talks to another server: as SignOut, except that the requests not yet
// sent stay, sealed, for the server and the resident they were made for.
func (s *Store) leaveServer(ctx context.Context) error {
	where, args := residentRequests()
	return s.clearPersonal(ctx, clearing{what: "sign out on a change of server", where: where + " AND state <> 'pending'", args: args})
}

// clearing is what clearPersonal removes, and what it writes in the same
// transaction.
type clearing struct {
	what  string // for errors: "sign out", ...
	where string // the requests removed: a condition on outbox
	args  []any
	// before changes requests in the transaction, before those matching
	// where are removed (a sign-in's choice).
	before func(ctx context.Context, tx *sql.Tx) error
	// keepDevice keeps the device's key for codes, sealed again.
	keepDevice bool
	// visitors, when not nil, says which saved visitors stay: the book as
	// it was, read under the old key, goes in and what stays comes out,
	// sealed again under the new key.
	visitors func(visitorBook) visitorBook
	// session, when not nil, is saved sealed under the new key.
	session *Session
}

// clearPersonal deletes the personal records and the requests that
// c.where matches, in one transaction; what stays sealed is sealed again
// under a new key, else the key is deleted. Work that began before it (a
// sync) writes no personal record after it.
func (s *Store) clearPersonal(ctx context.Context, c clearing) error {
	s.vault.gate.Lock()
	defer s.vault.gate.Unlock()
	s.vault.epoch++
	old, oldErr := s.personalAEAD(false)
	var staged *stagedKey
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		staged, err = s.clearInTx(ctx, tx, c, old, oldErr == nil)
		return err
	})
	if err != nil {
		if staged != nil {
			staged.rollback()
		}
		return fmt.Errorf("%s: %w", c.what, err)
	}
	if staged != nil {
		if err := staged.commit(); err != nil {
			return fmt.Errorf("%s: %w", c.what, err)
		}
	}
	if !s.memory {
		// Move the deleted pages out of the WAL into the main file, where
		// the old key's removal makes them unreadable.
		_, _ = s.db.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)")
	}
	return nil
}

// clearInTx is clearPersonal's work in its transaction: it reads what
// stays, deletes, and seals what stays under a new key, which it returns
// staged (nil when nothing stays and the key is dropped) for the caller
// to commit or roll back with the transaction. opens says whether old,
// the key in use, could be read.
func (s *Store) clearInTx(ctx context.Context, tx *sql.Tx, c clearing, old cipher.AEAD, opens bool) (*stagedKey, error) {
	s.queue.markChanged(tx, ChangeRequests|ChangePersonal)
	if c.before != nil {
		if err := c.before(ctx, tx); err != nil {
			return nil, err
		}
	}
	stay, err := s.whatStays(ctx, tx, c, old, opens)
	if err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM personal_records"); err != nil {
		return nil, err
	}
	if err := deleteRequests(ctx, tx, c.where, c.args...); err != nil {
		return nil, err
	}
	kept, err := keptSealed(ctx, tx)
	if err != nil {
		return nil, err
	}
	if stay.empty() && (len(kept) == 0 || !opens) {
		// Nothing stays that the key opens. It goes before the commit, so
		// that nothing is sealed under it meanwhile.
		return nil, s.dropPersonalKey()
	}
	staged, fresh, err := s.stageKey()
	if err != nil {
		return staged, err
	}
	if opens {
		if err := reseal(ctx, tx, kept, old, fresh); err != nil {
			return staged, err
		}
	}
	return staged, stay.seal(ctx, tx, fresh, s.now())
}

// staying is what a clearing keeps of the personal records it deletes,
// to be sealed again under the new key.
type staying struct {
	device  []byte      // the device's key for codes, or nil
	book    visitorBook // the saved visitors that stay
	session *Session    // the session to save, or nil
}

// whatStays reads, before the delete, what c keeps: the device's key and
// the saved visitors, when the key in use opens them (opens), and the
// session c saves.
func (s *Store) whatStays(ctx context.Context, tx *sql.Tx, c clearing, old cipher.AEAD, opens bool) (staying, error) {
	stay := staying{session: c.session}
	if !opens {
		return stay, nil
	}
	if c.keepDevice {
		device, err := keptDevice(ctx, tx, old)
		if err != nil {
			return stay, err
		}
		stay.device = device
	}
	if c.visitors != nil {
		found, err := s.handoverVisitors(ctx, tx)
		if err != nil {
			return stay, err
		}
		stay.book = c.visitors(found)
	}
	return stay, nil
}

// empty reports whether nothing stays.
func (st staying) empty() bool {
	return st.session == nil && st.device == nil && len(st.book) == 0
}

// seal stores what stays, sealed under fresh.
func (st staying) seal(ctx context.Context, tx *sql.Tx, fresh cipher.AEAD, now time.Time) error {
	if st.device != nil {
		if err := putSealed(ctx, tx, fresh, recDevice, st.device, now); err != nil {
			return err
		}
	}
	if len(st.book) > 0 {
		if err := putSealed(ctx, tx, fresh, recVisitors, visitorRecord{Owners: st.book}, now); err != nil {
			return err
		}
	}
	if st.session != nil {
		return putSealed(ctx, tx, fresh, recSession, st.session, now)
	}
	return nil
}

// keptDevice is the device's key for codes, opened, or nil when there is
// none (or it does not open).
func keptDevice(ctx context.Context, tx *sql.Tx, old cipher.AEAD) ([]byte, error) {
	var sealed []byte
	err := tx.QueryRowContext(ctx, "SELECT sealed FROM personal_records WHERE name = ?", recDevice).Scan(&sealed)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	plain, err := unseal(old, recDevice, sealed)
	if err != nil {
		return nil, nil // unreadable: a new one is made at the next use
	}
	var key []byte
	if err := json.Unmarshal(plain, &key); err != nil {
		return nil, nil
	}
	return key, nil
}

// putSealed seals v under name with aead and stores it through q (the
// store's database, or a transaction).
func putSealed(ctx context.Context, q querier, aead cipher.AEAD, name string, v any, now time.Time) error {
	plain, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("save %s: %w", name, err)
	}
	sealed, err := seal(aead, name, plain)
	if err != nil {
		return err
	}
	_, err = q.ExecContext(ctx, `INSERT INTO personal_records (name, sealed, updated_at) VALUES (?, ?, ?)
		ON CONFLICT (name) DO UPDATE SET sealed = excluded.sealed, updated_at = excluded.updated_at`,
		name, sealed, formatTime(now))
	if err != nil {
		return fmt.Errorf("save %s: %w", name, err)
	}
	return nil
}

// sealedRow is a sealed value that stays through a sign-out: its table,
// its row and the name it is sealed under.
type sealedRow struct {
	update string // UPDATE ... SET sealed = ? WHERE ... = ?
	id     int64
	name   string
	sealed []byte
}

// keptSealed lists the sealed requests and messages in the store.
func keptSealed(ctx context.Context, tx *sql.Tx) ([]sealedRow, error) {
	var out []sealedRow
	for _, src := range []struct {
		query, update string
		name          func(id int64, key string) string
	}{
		{"SELECT id, idem_key, sealed FROM outbox WHERE sealed IS NOT NULL", "UPDATE outbox SET sealed = ? WHERE id = ?",
			func(_ int64, key string) string { return outboxSealName(key) }},
		{"SELECT outbox_id, '', sealed FROM feedback WHERE sealed IS NOT NULL", "UPDATE feedback SET sealed = ? WHERE outbox_id = ?",
			func(id int64, _ string) string { return feedbackSealName(id) }},
	} {
		rows, err := tx.QueryContext(ctx, src.query)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			r := sealedRow{update: src.update}
			var key string
			if err := rows.Scan(&r.id, &key, &r.sealed); err != nil {
				rows.Close()
				return nil, err
			}
			r.name = src.name(r.id, key)
			out = append(out, r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// reseal seals the kept rows again under fresh. One that does not open
// under old is left as it is: it was unreadable already, and is reported
// so when its turn comes.
func reseal(ctx context.Context, tx *sql.Tx, kept []sealedRow, old, fresh cipher.AEAD) error {
	for _, r := range kept {
		plain, err := unseal(old, r.name, r.sealed)
		if err != nil {
			continue
		}
		sealed, err := seal(fresh, r.name, plain)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, r.update, sealed, r.id); err != nil {
			return err
		}
	}
	return nil
}

// dropUnusedKey deletes the key when nothing sealed is left for it to
// open (no one signed in, no sealed request or message): then the sealed
// bytes of an answered anonymous message, left in free pages, no longer
// open either.
func (s *Store) dropUnusedKey(ctx context.Context) error {
	s.vault.gate.Lock()
	defer s.vault.gate.Unlock()
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM personal_records)
			+ (SELECT count(*) FROM outbox WHERE sealed IS NOT NULL)
			+ (SELECT count(*) FROM feedback WHERE sealed IS NOT NULL)`).Scan(&n); err != nil || n > 0 {
			return err
		}
		return s.dropPersonalKey()
	})
}

package offline

import (
	"context"
	"crypto/cipher"
	"database/sql"
	"fmt"
	"sort"

	"jiangsupass/platform"
)

// Three things end a resident's session on the device, and each decides
// what becomes of the requests not yet sent:
//   - SignOut: everything of any resident goes; only anonymous feedback
//     waiting to be sent stays.
//   - leaveServer (the app is pointed at another server): the session and
//     the history go, but every request not yet sent stays, for the
//     server and the resident it was made for.
//   - clearForSignIn (a resident signs in): what an earlier resident left
//     goes, except the requests waiting for another server and the new
//     resident's own requests on this server.
// The personal records always go. When something sealed stays, it is
// sealed again under a new key and the old key is deleted; when nothing
// does, the key is deleted: either way the sealed bytes left in the file's
// free pages no longer open.

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
	return s.clearPersonal(ctx, "sign out", where, args)
}

// leaveServer signs the resident out on this device because the app now
// talks to another server: as SignOut, except that the requests not yet
// sent stay, sealed, for the server and the resident they were made for.
func (s *Store) leaveServer(ctx context.Context) error {
	where, args := residentRequests()
	return s.clearPersonal(ctx, "sign out on a change of server", where+" AND state <> 'pending'", args)
}

// clearForSignIn removes what an earlier resident left before user signs
// in on the server at origin: as SignOut, except the requests not yet sent
// that wait for another server, and user's own on this one.
func (s *Store) clearForSignIn(ctx context.Context, origin, user string) error {
	where, args := residentRequests()
	return s.clearPersonal(ctx, "sign in", where+" AND NOT (state = 'pending' AND owner <> '' AND (origin <> ? OR owner = ?))",
		append(args, origin, user))
}

// clearPersonal deletes the personal records and the requests that match
// where, in one transaction; what stays sealed is sealed again under a new
// key, else the key is deleted. Work that began before it (a sync) writes
// no personal record after it.
func (s *Store) clearPersonal(ctx context.Context, what, where string, args []any) error {
	s.vault.gate.Lock()
	defer s.vault.gate.Unlock()
	s.vault.epoch++
	old, oldErr := s.personalAEAD(false)
	var staged *stagedKey
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "DELETE FROM personal_records"); err != nil {
			return err
		}
		if err := deleteRequests(ctx, tx, where, args...); err != nil {
			return err
		}
		kept, err := keptSealed(ctx, tx)
		if err != nil {
			return err
		}
		if len(kept) == 0 || oldErr != nil {
			// Nothing stays that the key opens. It goes before the
			// commit, so that nothing is sealed under it meanwhile.
			return s.dropPersonalKey()
		}
		var fresh cipher.AEAD
		if staged, fresh, err = s.stageKey(); err != nil {
			return err
		}
		return reseal(ctx, tx, kept, old, fresh)
	})
	if err != nil {
		if staged != nil {
			staged.rollback()
		}
		return fmt.Errorf("%s: %w", what, err)
	}
	if staged != nil {
		if err := staged.commit(); err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
	}
	if !s.memory {
		// Move the deleted pages out of the WAL into the main file, where
		// the old key's removal makes them unreadable.
		_, _ = s.db.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)")
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

package server

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"math/big"
	"net/http"
	"time"

	"jiangsupass/platform"
)

// requestCode sends a new one-time code to a number, unless a limit of
// the number or of the client's address holds it back.
func (a *auth) requestCode(w http.ResponseWriter, r *http.Request) {
	var req platform.CodeRequest
	if !readJSON(w, r, &req) {
		return
	}
	phone, ok := readPhone(w, req.Phone)
	if !ok {
		return
	}
	n, err := rand.Int(rand.Reader, big.NewInt(1_000_000))
	if err != nil {
		writeError(w, http.StatusInternalServerError, platform.CodeInternal, "no code could be made; try again")
		return
	}
	code := fmt.Sprintf("%06d", n.Int64())
	now := a.s.now()
	var wait time.Duration
	var why string
	err = a.inTx(r.Context(), phone, func(tx *sql.Tx) error {
		ctx := r.Context()
		if err := a.pruneLimits(ctx, tx, now); err != nil {
			return err
		}
		st, err := loadStreak(ctx, tx, phone, now)
		if err != nil {
			return err
		}
		if wait, why, err = sendWait(ctx, tx, phone, now, st); err != nil || wait > 0 {
			return err
		}
		if d, ok, err := a.sends.take(ctx, tx, clientAddress(r), now); err != nil || !ok {
			wait, why = d, "too many codes sent from this address"
			return err
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO code_sends (phone, sent_at) VALUES (?, ?)", phone, stamp(now)); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO codes (phone, code, expires_at, tries) VALUES (?, ?, ?, 0)
			ON CONFLICT (phone) DO UPDATE SET code = excluded.code, expires_at = excluded.expires_at, tries = 0`,
			phone, a.codeHash(phone, code), stamp(now.Add(codeTTL)))
		return err
	})
	switch {
	case err != nil:
		a.s.log.Printf("request code: %v", err)
		writeError(w, http.StatusServiceUnavailable, platform.CodeUnavailable, "the code could not be stored; try again")
		return
	case wait > 0:
		writeLimited(w, wait, why)
		return
	}
	a.s.log.Printf("sign-in code for %s: %s (valid %s)", phone, code, codeTTL)
	if a.s.onCode != nil {
		a.s.onCode(phone, code)
	}
	writeJSON(w, http.StatusAccepted, platform.CodeSent{ExpiresIn: int(codeTTL.Seconds())})
}

// signIn exchanges a number and its code for tokens. A wrong code counts
// against the number, whichever code it was meant for; the guess that
// locks the number burns the code and is answered rate_limited.
func (a *auth) signIn(w http.ResponseWriter, r *http.Request) {
	var req platform.SignInRequest
	if !readJSON(w, r, &req) {
		return
	}
	phone, ok := readPhone(w, req.Phone)
	if !ok {
		return
	}
	if !codePattern.MatchString(req.Code) {
		writeError(w, http.StatusBadRequest, platform.CodeBadRequest, "code must be 6 digits")
		return
	}
	now := a.s.now()
	var tokens platform.Tokens
	var wait time.Duration
	var wrong bool
	err := a.inTx(r.Context(), phone, func(tx *sql.Tx) error {
		ctx := r.Context()
		st, err := loadStreak(ctx, tx, phone, now)
		if err != nil {
			return err
		}
		if wait = st.lockLeft(now); wait > 0 {
			return nil
		}
		var stored, expires string
		err = tx.QueryRowContext(ctx, "SELECT code, expires_at FROM codes WHERE phone = ?", phone).Scan(&stored, &expires)
		if errors.Is(err, sql.ErrNoRows) || err == nil && expires < stamp(now) {
			wrong = true // no code to guess at: nothing to count
			return nil
		}
		if err != nil {
			return err
		}
		if !hmac.Equal([]byte(stored), []byte(a.codeHash(phone, req.Code))) {
			wrong = true
			wait, err = countWrong(ctx, tx, phone, st, now)
			return err
		}
		userID, err := userFor(ctx, tx, phone)
		if err != nil {
			return err
		}
		for _, q := range []string{"DELETE FROM codes WHERE phone = ?", "DELETE FROM sign_in_streaks WHERE phone = ?"} {
			if _, err := tx.ExecContext(ctx, q, phone); err != nil {
				return err
			}
		}
		tokens, err = a.newSession(ctx, tx, userID, "", now)
		return err
	})
	switch {
	case err != nil:
		a.s.log.Printf("sign in: %v", err)
		writeError(w, http.StatusServiceUnavailable, platform.CodeUnavailable, "sign-in failed; try again")
	case wait > 0:
		writeLimited(w, wait, "too many wrong codes for this number")
	case wrong:
		writeError(w, http.StatusUnauthorized, platform.CodeInvalidCode, "the code is wrong or has expired; ask for a new one")
	default:
		writeJSON(w, http.StatusOK, tokens)
	}
}

// countWrong records a wrong guess and returns the lock it earned, if
// any; a lock burns the code.
func countWrong(ctx context.Context, tx *sql.Tx, phone string, st streak, now time.Time) (time.Duration, error) {
	st = st.wrongGuess(now)
	if err := saveStreak(ctx, tx, phone, st); err != nil {
		return 0, err
	}
	query := "UPDATE codes SET tries = tries + 1 WHERE phone = ?"
	if st.lockLeft(now) > 0 {
		query = "DELETE FROM codes WHERE phone = ?"
	}
	_, err := tx.ExecContext(ctx, query, phone)
	return st.lockLeft(now), err
}

// codeHash is how a code is stored: an HMAC of the number and the code
// under a key kept out of the database (Options.CodeKey), so that the
// database alone does not give the code away (a plain hash of six digits
// would, to a million guesses).
func (a *auth) codeHash(phone, code string) string {
	m := hmac.New(sha256.New, a.s.codeKey)
	m.Write([]byte(phone))
	m.Write([]byte{0})
	m.Write([]byte(code))
	return hex.EncodeToString(m.Sum(nil))
}

// inTx runs f in one transaction that holds the number's lock (on SQLite,
// BEGIN IMMEDIATE takes the database's write lock at once), so that
// concurrent requests for one number, to any node, are counted one after
// the other.
func (a *auth) inTx(ctx context.Context, phone string, f func(tx *sql.Tx) error) error {
	return a.s.inTx(ctx, func(tx *sql.Tx, _ *writer) error {
		if err := a.s.eng.lock(ctx, tx, "phone\x00"+phone); err != nil {
			return err
		}
		return f(tx)
	})
}

// userFor returns the account of a phone, making one for a new number: a
// demo account's own, or a new resident's.
func userFor(ctx context.Context, q querier, phone string) (string, error) {
	var id string
	err := q.QueryRowContext(ctx, "SELECT id FROM users WHERE phone = ?", phone).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		name := "用户" + platform.Phone(phone).Last4()
		id = "u-" + phone
		for _, a := range DemoAccounts {
			if a.Phone == phone {
				id, name = a.ID, a.Name
			}
		}
		_, err = q.ExecContext(ctx, "INSERT INTO users (id, phone, name) VALUES (?, ?, ?)", id, phone, name)
	}
	return id, err
}

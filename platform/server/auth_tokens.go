package server

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"net/http"
	"time"

	"jiangsupass/platform"
)

// refreshTTL is how long a refresh token lives.
const refreshTTL = 30 * 24 * time.Hour

// newSession stores a new access and refresh token (hashed) for a user, in
// session (a new one when ""), and returns them.
func (a *auth) newSession(ctx context.Context, q querier, userID, session string, now time.Time) (platform.Tokens, error) {
	if session == "" {
		session = newToken()[:32]
	}
	access, refresh := newToken(), newToken()
	_, err := q.ExecContext(ctx, `INSERT INTO tokens (token, kind, user_id, expires_at, session)
		VALUES (?, 'access', ?, ?, ?), (?, 'refresh', ?, ?, ?)`,
		hashToken(access), userID, stamp(now.Add(a.s.ttl)), session,
		hashToken(refresh), userID, stamp(now.Add(refreshTTL)), session)
	if err != nil {
		return platform.Tokens{}, err
	}
	return platform.Tokens{AccessToken: access, RefreshToken: refresh, TokenType: "Bearer",
		ExpiresIn: int(a.s.ttl.Seconds())}, nil
}

// refresh exchanges a refresh token, used once, for new tokens in the same
// session. The token is deleted and read in one statement: of two
// requests with it, to any nodes, one deletes it and gets new tokens,
// and the other finds nothing to delete.
func (a *auth) refresh(w http.ResponseWriter, r *http.Request) {
	var req platform.RefreshRequest
	if !readJSON(w, r, &req) {
		return
	}
	now := a.s.now()
	var tokens platform.Tokens
	err := a.s.inTx(r.Context(), func(tx *sql.Tx, _ *writer) error {
		ctx := r.Context()
		var userID, expires, session string
		err := tx.QueryRowContext(ctx, "DELETE FROM tokens WHERE token = ? AND kind = 'refresh' RETURNING user_id, expires_at, session",
			hashToken(req.RefreshToken)).Scan(&userID, &expires, &session)
		if errors.Is(err, sql.ErrNoRows) || err == nil && expires < stamp(now) {
			return errSessionEnded
		}
		if err != nil {
			return err
		}
		tokens, err = a.newSession(ctx, tx, userID, session, now)
		return err
	})
	switch {
	case errors.Is(err, errSessionEnded):
		writeError(w, http.StatusUnauthorized, platform.CodeUnauthorized, "the session has ended; sign in again")
	case err != nil:
		a.s.log.Printf("refresh: %v", err)
		writeError(w, http.StatusServiceUnavailable, platform.CodeUnavailable, "the session could not be renewed; try again")
	default:
		writeJSON(w, http.StatusOK, tokens)
	}
}

// errSessionEnded is a refresh token that is unknown, used or expired.
var errSessionEnded = errors.New("session ended")

// signOut ends the session of a refresh token: the refresh token and every
// access token of the session stop working at once. An unknown token is
// answered the same way (RFC 7009): there is nothing left to end.
func (a *auth) signOut(w http.ResponseWriter, r *http.Request) {
	var req platform.RefreshRequest
	if !readJSON(w, r, &req) {
		return
	}
	if req.RefreshToken == "" {
		writeError(w, http.StatusBadRequest, platform.CodeBadRequest, "refresh_token is empty")
		return
	}
	err := a.s.inTx(r.Context(), func(tx *sql.Tx, _ *writer) error {
		ctx := r.Context()
		var session string
		err := tx.QueryRowContext(ctx, "SELECT session FROM tokens WHERE token = ? AND kind = 'refresh'",
			hashToken(req.RefreshToken)).Scan(&session)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			return nil
		case err != nil:
			return err
		case session == "":
			_, err = tx.ExecContext(ctx, "DELETE FROM tokens WHERE token = ?", hashToken(req.RefreshToken))
		default:
			_, err = tx.ExecContext(ctx, "DELETE FROM tokens WHERE session = ?", session)
		}
		return err
	})
	if err != nil {
		a.s.log.Printf("sign out: %v", err)
		writeError(w, http.StatusServiceUnavailable, platform.CodeUnavailable, "the session could not be ended; try again")
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// newToken is 32 random bytes in hex.
func newToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // never fails (crypto/rand)
	return hex.EncodeToString(b)
}

// hashToken is how tokens are stored: a leaked database holds no usable
// token.
func hashToken(t string) string { return hashBytes([]byte(t)) }

package server

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"math/big"
	"net/http"
	"regexp"
	"strings"
	"time"

	"jiangsupass/platform"
)

func init() { addFeature(registerAuth) }

// DemoAccount is a resident the reference server knows from the start.
type DemoAccount struct {
	ID, Phone, Name string
}

// DemoAccounts are the residents seeded into every reference server. Any
// other mainland mobile number may sign in too and becomes a new account.
var DemoAccounts = []DemoAccount{
	{"u-demo-1", "13800000001", "张三"},
	{"u-demo-2", "13800000002", "李四"},
	{"u-demo-3", "13900000003", "Alex Smith"},
}

// Lifetimes of what sign-in issues.
const (
	codeTTL    = 5 * time.Minute
	refreshTTL = 30 * 24 * time.Hour
	codeTries  = 5
)

var phonePattern = regexp.MustCompile(`^1[3-9][0-9]{9}$`)

func registerAuth(s *Server, r *router) {
	r.handle("POST /v1/auth/code", s.requestCode)
	r.handle("POST /v1/auth/token", s.signIn)
	r.handle("POST /v1/auth/refresh", s.refresh)
	r.handle("GET /v1/me", s.personal(s.me))
}

// User is a signed-in resident, as handlers of personal routes get it.
type User struct {
	ID, Phone, Name string
}

func (s *Server) requestCode(w http.ResponseWriter, r *http.Request) {
	var req platform.CodeRequest
	if !readJSON(w, r, &req) {
		return
	}
	if !phonePattern.MatchString(req.Phone) {
		writeError(w, http.StatusBadRequest, platform.CodeBadRequest, "phone must be an 11-digit mainland mobile number")
		return
	}
	n, err := rand.Int(rand.Reader, big.NewInt(1_000_000))
	if err != nil {
		writeError(w, http.StatusInternalServerError, platform.CodeInternal, "no code could be made; try again")
		return
	}
	code := fmt.Sprintf("%06d", n.Int64())
	_, err = s.db.ExecContext(r.Context(), `INSERT INTO codes (phone, code, expires_at, tries) VALUES (?, ?, ?, 0)
		ON CONFLICT (phone) DO UPDATE SET code = excluded.code, expires_at = excluded.expires_at, tries = 0`,
		req.Phone, code, stamp(s.now().Add(codeTTL)))
	if err != nil {
		writeError(w, http.StatusServiceUnavailable, platform.CodeUnavailable, "the code could not be stored; try again")
		return
	}
	s.log.Printf("sign-in code for %s: %s (valid %s)", req.Phone, code, codeTTL)
	if s.onCode != nil {
		s.onCode(req.Phone, code)
	}
	writeJSON(w, http.StatusAccepted, platform.CodeSent{ExpiresIn: int(codeTTL.Seconds())})
}

func (s *Server) signIn(w http.ResponseWriter, r *http.Request) {
	var req platform.SignInRequest
	if !readJSON(w, r, &req) {
		return
	}
	ctx := r.Context()
	var code, expires string
	var tries int
	err := s.db.QueryRowContext(ctx, "SELECT code, expires_at, tries FROM codes WHERE phone = ?", req.Phone).Scan(&code, &expires, &tries)
	if err != nil || expires < stamp(s.now()) || tries >= codeTries {
		writeError(w, http.StatusUnauthorized, platform.CodeInvalidCode, "the code is wrong or has expired; ask for a new one")
		return
	}
	if subtle.ConstantTimeCompare([]byte(code), []byte(req.Code)) != 1 {
		_, _ = s.db.ExecContext(ctx, "UPDATE codes SET tries = tries + 1 WHERE phone = ?", req.Phone)
		writeError(w, http.StatusUnauthorized, platform.CodeInvalidCode, "the code is wrong or has expired; ask for a new one")
		return
	}
	userID, err := s.userFor(ctx, req.Phone)
	if err == nil {
		_, err = s.db.ExecContext(ctx, "DELETE FROM codes WHERE phone = ?", req.Phone)
	}
	if err != nil {
		writeError(w, http.StatusServiceUnavailable, platform.CodeUnavailable, "sign-in failed; try again")
		return
	}
	s.issueTokens(w, r, userID)
}

// userFor returns the account of a phone, making one for a new number: a
// demo account's own, or a new resident's.
func (s *Server) userFor(ctx context.Context, phone string) (string, error) {
	var id string
	err := s.db.QueryRowContext(ctx, "SELECT id FROM users WHERE phone = ?", phone).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		name := "用户" + phone[7:]
		id = "u-" + phone
		for _, a := range DemoAccounts {
			if a.Phone == phone {
				id, name = a.ID, a.Name
			}
		}
		_, err = s.db.ExecContext(ctx, "INSERT INTO users (id, phone, name) VALUES (?, ?, ?)", id, phone, name)
	}
	return id, err
}

func (s *Server) refresh(w http.ResponseWriter, r *http.Request) {
	var req platform.RefreshRequest
	if !readJSON(w, r, &req) {
		return
	}
	ctx := r.Context()
	var userID, expires string
	err := s.db.QueryRowContext(ctx, "SELECT user_id, expires_at FROM tokens WHERE token = ? AND kind = 'refresh'",
		hashToken(req.RefreshToken)).Scan(&userID, &expires)
	if err != nil || expires < stamp(s.now()) {
		writeError(w, http.StatusUnauthorized, platform.CodeUnauthorized, "the session has ended; sign in again")
		return
	}
	// A refresh token is used once.
	if _, err := s.db.ExecContext(ctx, "DELETE FROM tokens WHERE token = ?", hashToken(req.RefreshToken)); err != nil {
		writeError(w, http.StatusServiceUnavailable, platform.CodeUnavailable, "the session could not be renewed; try again")
		return
	}
	s.issueTokens(w, r, userID)
}

// issueTokens stores a new access and refresh token (hashed) and answers
// with them.
func (s *Server) issueTokens(w http.ResponseWriter, r *http.Request, userID string) {
	access, refresh := newToken(), newToken()
	now := s.now()
	_, err := s.db.ExecContext(r.Context(), "INSERT INTO tokens (token, kind, user_id, expires_at) VALUES (?, 'access', ?, ?), (?, 'refresh', ?, ?)",
		hashToken(access), userID, stamp(now.Add(s.ttl)), hashToken(refresh), userID, stamp(now.Add(refreshTTL)))
	if err != nil {
		writeError(w, http.StatusServiceUnavailable, platform.CodeUnavailable, "the session could not be stored; try again")
		return
	}
	writeJSON(w, http.StatusOK, platform.Tokens{AccessToken: access, RefreshToken: refresh, TokenType: "Bearer",
		ExpiresIn: int(s.ttl.Seconds())})
}

// personal wraps a handler that needs a signed-in user.
func (s *Server) personal(h func(http.ResponseWriter, *http.Request, User)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		u, ok := s.authenticate(r)
		if !ok {
			w.Header().Set("WWW-Authenticate", `Bearer realm="jiangsupass"`)
			writeError(w, http.StatusUnauthorized, platform.CodeUnauthorized, "sign in first, or sign in again: the session has expired")
			return
		}
		h(w, r, u)
	}
}

// authenticate finds the user of the request's bearer token.
func (s *Server) authenticate(r *http.Request) (User, bool) {
	tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok || tok == "" {
		return User{}, false
	}
	var u User
	var expires string
	err := s.db.QueryRowContext(r.Context(), `SELECT u.id, u.phone, u.name, t.expires_at FROM tokens t
		JOIN users u ON u.id = t.user_id WHERE t.token = ? AND t.kind = 'access'`, hashToken(tok)).
		Scan(&u.ID, &u.Phone, &u.Name, &expires)
	if err != nil || expires < stamp(s.now()) {
		return User{}, false
	}
	return u, true
}

func (s *Server) me(w http.ResponseWriter, _ *http.Request, u User) {
	writeJSON(w, http.StatusOK, platform.Profile{UserID: u.ID, Phone: maskPhone(u.Phone), Name: maskName(u.Name)})
}

// maskPhone shows the first three and last four digits: 138****0001.
func maskPhone(p string) string {
	if len(p) != 11 {
		return "***"
	}
	return p[:3] + "****" + p[7:]
}

// maskName keeps the first character: 张*.
func maskName(n string) string {
	r := []rune(n)
	if len(r) == 0 {
		return ""
	}
	return string(r[0]) + strings.Repeat("*", max(len(r)-1, 1))
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

// stamp writes a time so that strings compare as times do.
func stamp(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000000000Z") }

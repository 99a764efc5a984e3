package server

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"sync/atomic"
	"time"

	"jiangsupass/platform"
)

func init() { addFeature(registerAuth) }

// DemoAccount is a resident the reference server knows from the start.
type DemoAccount struct {
	ID, Phone, Name string
}

// DemoAccounts are the residents seeded into every reference server. Any
// other number ParsePhone takes, mainland or international, may sign in
// too and becomes a new account.
var DemoAccounts = []DemoAccount{
	{"u-demo-1", "13800000001", "张三"},
	{"u-demo-2", "13800000002", "李四"},
	{"u-demo-3", "13900000003", "Alex Smith"},
}

var codePattern = regexp.MustCompile(`^[0-9]{6}$`)

// readPhone reads a request's phone as platform.ParsePhone does, whatever
// the client made of it, and returns its kept form, on which every count
// and account is keyed; a number it refuses is answered 400 bad_request,
// saying which numbers are taken.
func readPhone(w http.ResponseWriter, typed string) (string, bool) {
	p, err := platform.ParsePhone(typed)
	if err != nil {
		writeError(w, http.StatusBadRequest, platform.CodeBadRequest, err.Error()+"; send "+platform.PhoneFormat)
		return "", false
	}
	return p.String(), true
}

// auth is sign-in: one-time codes, tokens and the limits on both. Every
// count it keeps is in the database, so that any node over it counts the
// same; in memory it keeps only when this process last deleted old
// counts.
type auth struct {
	s        *Server
	requests *addressLimiter // sign-in requests per client address
	sends    *addressLimiter // codes sent per client address
	pruned   atomic.Int64    // when old sends and streaks were last deleted (Unix ns)
}

func registerAuth(s *Server, r *router) {
	a, err := newAuth(context.Background(), s)
	if err != nil {
		s.log.Printf("sign-in unavailable: %v", err)
	}
	r.handle("POST /v1/auth/code", a.perAddress(a.requestCode))
	r.handle("POST /v1/auth/token", a.perAddress(a.signIn))
	r.handle("POST /v1/auth/refresh", a.perAddress(a.refresh))
	r.handle("POST /v1/auth/sign-out", a.perAddress(a.signOut))
	r.handle("GET /v1/me", s.personal(s.me))
}

// newAuth makes sign-in. When the code key is this process's own (see
// Options.CodeKey), codes stored by an earlier run cannot be checked with
// it, so they are deleted.
func newAuth(ctx context.Context, s *Server) (*auth, error) {
	a := &auth{s: s,
		requests: newAddressLimiter(s, "requests", addressRequestBurst, addressRequestEvery),
		sends:    newAddressLimiter(s, "codes", addressCodeBurst, addressCodeEvery)}
	if s.purgeCodes {
		if _, err := s.db.ExecContext(ctx, "DELETE FROM codes"); err != nil {
			return a, fmt.Errorf("forget old codes: %w", err)
		}
	}
	return a, nil
}

// User is a signed-in resident, as handlers of personal routes get it.
type User struct {
	ID, Phone, Name string
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
	writeJSON(w, http.StatusOK, platform.Profile{UserID: u.ID, Phone: platform.Phone(u.Phone).Masked(), Name: maskName(u.Name)})
}

// maskName keeps the first character: 张*.
func maskName(n string) string {
	r := []rune(n)
	if len(r) == 0 {
		return ""
	}
	return string(r[0]) + strings.Repeat("*", max(len(r)-1, 1))
}

// stampLayout writes a time so that strings compare as times do.
const stampLayout = "2006-01-02T15:04:05.000000000Z"

// stamp writes a time so that strings compare as times do.
func stamp(t time.Time) string { return t.UTC().Format(stampLayout) }

// unstamp reads what stamp wrote; "" and anything else unreadable is the
// zero time.
func unstamp(s string) time.Time {
	t, err := time.Parse(stampLayout, s)
	if err != nil {
		return time.Time{}
	}
	return t
}

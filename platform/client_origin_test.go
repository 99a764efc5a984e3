package platform

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestCheckServer(t *testing.T) {
	for _, tc := range []struct {
		url  string
		want error
	}{
		{"http://127.0.0.1:8787", nil},
		{"http://127.9.8.7/api", nil},
		{"http://localhost:8080", nil},
		{"HTTP://LOCALHOST.", nil},
		{"http://[::1]:8080", nil},
		{"https://api.example.cn", nil},
		{"https://10.0.0.7:8443", nil},
		{" https://api.example.cn/ ", nil},
		{"http://api.example.cn", ErrInsecureServer},
		{"http://10.0.0.7:8787", ErrInsecureServer},
		{"http://192.168.1.20", ErrInsecureServer},
		{"http://0.0.0.0:8787", ErrInsecureServer},
		{"http://localhost.example.cn", ErrInsecureServer},
		{"http://127.0.0.1.nip.io", ErrInsecureServer},
		{"http://[::ffff:10.0.0.1]", ErrInsecureServer},
		{"ftp://api.example.cn", ErrBadServer},
		{"api.example.cn", ErrBadServer},
		{"", ErrBadServer},
		{"https://", ErrBadServer},
		{"https://user:secret@api.example.cn", ErrBadServer},
		{"https:api.example.cn", ErrBadServer},
		{"http://[::1", ErrBadServer},
	} {
		err := CheckServer(tc.url)
		if (tc.want == nil) != (err == nil) || (tc.want != nil && !errors.Is(err, tc.want)) {
			t.Errorf("CheckServer(%q) = %v, want %v", tc.url, err, tc.want)
		}
	}
}

func TestOrigin(t *testing.T) {
	for in, want := range map[string]string{
		"HTTPS://Api.Example.CN/v1?x=1": "https://api.example.cn:443",
		"https://api.example.cn:443":    "https://api.example.cn:443",
		"https://api.example.cn:8443/":  "https://api.example.cn:8443",
		"http://127.0.0.1":              "http://127.0.0.1:80",
		"http://[::1]:8080/":            "http://[::1]:8080",
	} {
		if got, err := Origin(in); err != nil || got != want {
			t.Errorf("Origin(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	a, _ := Origin("http://127.0.0.1:8787")
	for _, other := range []string{"https://127.0.0.1:8787", "http://127.0.0.1:8788", "http://localhost:8787"} {
		if b, _ := Origin(other); b == a {
			t.Errorf("%s and http://127.0.0.1:8787 have the same origin %s", other, a)
		}
	}
}

// TestClientRefusesPlainHTTPToAnotherMachine: a client of http:// for a
// host that is not this device sends nothing at all.
func TestClientRefusesPlainHTTPToAnotherMachine(t *testing.T) {
	var sent atomic.Int32
	rt := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		sent.Add(1)
		return nil, errors.New("the transport should not be reached")
	})
	c := NewClient("http://api.example.cn", Options{Transport: rt, Retries: -1})
	c.SetTokens(Tokens{AccessToken: "a", RefreshToken: "r"})
	ctx := context.Background()
	if _, err := c.Health(ctx); !errors.Is(err, ErrInsecureServer) {
		t.Errorf("health: %v", err)
	}
	if _, err := c.Me(ctx); !errors.Is(err, ErrInsecureServer) {
		t.Errorf("me: %v", err)
	}
	if _, err := c.Mutate(ctx, Orders, "k", json.RawMessage(`{}`)); !errors.Is(err, ErrInsecureServer) {
		t.Errorf("order: %v", err)
	}
	if n := sent.Load(); n != 0 {
		t.Errorf("%d requests reached the transport", n)
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// requestLog is a loopback server that records what reaches it.
type requestLog struct {
	mu   sync.Mutex
	seen []string // "METHOD path auth=... body"
}

func (l *requestLog) handler(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	l.mu.Lock()
	l.seen = append(l.seen, r.Method+" "+r.URL.Path+" auth="+r.Header.Get("Authorization")+" "+string(b))
	l.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write([]byte(`{"access_token":"b-token","refresh_token":"b-refresh","user_id":"b"}`))
}

func (l *requestLog) all() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.seen...)
}

// TestTokensStayWithTheirServer: server A answers with redirects to
// server B, for a personal read, for a refresh and for an order; tokens
// kept from A are offered to a client of B. B receives nothing from the
// redirects, and nothing with a token.
func TestTokensStayWithTheirServer(t *testing.T) {
	var logB requestLog
	b := httptest.NewServer(http.HandlerFunc(logB.handler))
	defer b.Close()
	a := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Every answer of A sends the caller on to B, body and all (307
		// keeps the method and the body).
		http.Redirect(w, r, b.URL+r.URL.Path, http.StatusTemporaryRedirect)
	}))
	defer a.Close()

	ctx := context.Background()
	ca := NewClient(a.URL, Options{Retries: -1, Timeout: 2 * time.Second})
	ca.SetTokens(Tokens{AccessToken: "a-access", RefreshToken: "a-refresh-30-days"})
	if _, err := ca.Me(ctx); !errors.Is(err, ErrOtherServer) {
		t.Errorf("a redirect to another server: %v", err)
	}
	if err := ca.Refresh(ctx); !errors.Is(err, ErrOtherServer) {
		t.Errorf("a refresh redirected to another server: %v", err)
	}
	if _, err := ca.Mutate(ctx, Orders, "k1", json.RawMessage(`{"visitors":[{"doc_number":"320102199001011234"}]}`)); !errors.Is(err, ErrOtherServer) {
		t.Errorf("an order redirected to another server: %v", err)
	}

	cb := NewClient(b.URL, Options{Retries: -1, Timeout: 2 * time.Second})
	if err := cb.ResumeTokens(ca.Origin(), ca.Tokens()); !errors.Is(err, ErrOtherServer) {
		t.Errorf("A's tokens on a client of B: %v", err)
	}
	if cb.SignedIn() {
		t.Error("a client of B holds A's tokens")
	}
	if _, err := cb.Card(ctx); !errors.Is(err, ErrNotSignedIn) {
		t.Errorf("card on B with A's tokens refused: %v", err)
	}
	if err := cb.ResumeTokens("", ca.Tokens()); !errors.Is(err, ErrOtherServer) || cb.SignedIn() {
		t.Errorf("tokens of no known server: %v", err)
	}
	for _, s := range logB.all() {
		t.Errorf("B received %s", s)
	}

	// The check can fail: B's own tokens are sent to B.
	if err := cb.ResumeTokens(cb.Origin(), Tokens{AccessToken: "b-access"}); err != nil {
		t.Fatal(err)
	}
	if _, err := cb.Me(ctx); err != nil {
		t.Fatal(err)
	}
	if got := logB.all(); len(got) != 1 || !strings.Contains(got[0], "auth=Bearer b-access") {
		t.Errorf("B's own request: %q", got)
	}
}

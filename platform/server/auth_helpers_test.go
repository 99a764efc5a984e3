package server

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"

	"jiangsupass/clock/clocktest"
	"jiangsupass/platform/server/dbtest"
)

// authBench is a reference server on loopback whose clock the test moves,
// with the codes it sends, for the sign-in tests.
type authBench struct {
	s     *Server
	path  string // the database (dbtest)
	hs    *httptest.Server
	clock *clocktest.Settable
	api   *apiContract

	mu    sync.Mutex
	codes map[string]string
	sent  int
}

// newAuthBench opens a server on a fresh database at the tests' now.
func newAuthBench(t *testing.T) *authBench {
	t.Helper()
	db := dbtest.New(t)
	b := &authBench{clock: clocktest.NewSettable(clocktest.Now()), codes: map[string]string{}, api: loadContract(t),
		path: db.Path}
	s, err := Open(context.Background(), b.path, Options{Now: b.clock.Now, CodeKey: db.CodeKey, AdminTokenFile: db.AdminTokenFile,
		OnCode: func(phone, code string) {
			b.mu.Lock()
			b.codes[phone] = code
			b.sent++
			b.mu.Unlock()
		}})
	if err != nil {
		t.Fatal(err)
	}
	b.s = s
	b.hs = httptest.NewServer(s.Handler())
	t.Cleanup(func() { b.hs.Close(); _ = s.Close() })
	return b
}

// code is the last code sent to phone.
func (b *authBench) code(phone string) string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.codes[phone]
}

// codesSent counts the codes the server has sent.
func (b *authBench) codesSent() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.sent
}

// answer is what the server said to one request.
type answer struct {
	status     int
	retryAfter string
	body       []byte
}

// wait is the answer's Retry-After in seconds; -1 when there is none.
func (a answer) wait() int {
	n, err := strconv.Atoi(a.retryAfter)
	if err != nil {
		return -1
	}
	return n
}

// fromAddress is an HTTP client whose connections leave from a loopback
// address of its own (127.0.0.0/8 is all loopback), as a second machine's
// would.
func fromAddress(ip string) *http.Client {
	d := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(ip)}, Timeout: 5 * time.Second}
	return &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{DialContext: d.DialContext, MaxIdleConnsPerHost: 4}}
}

// post sends a JSON body from client c and checks the answer against the
// contract: its status documented, an error in the Error shape, and a 429
// with a Retry-After of whole seconds.
func (b *authBench) post(t testing.TB, c *http.Client, path string, body any) answer {
	t.Helper()
	raw, _ := json.Marshal(body)
	resp, err := c.Post(b.hs.URL+path, "application/json", bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("POST %s: %v", path, err)
	}
	defer resp.Body.Close()
	got, _ := io.ReadAll(resp.Body)
	a := answer{status: resp.StatusCode, retryAfter: resp.Header.Get("Retry-After"), body: got}
	if tt, ok := t.(*testing.T); ok {
		b.api.checkAnswer(tt, http.MethodPost, path, a.status, a.body)
	}
	if a.status == http.StatusTooManyRequests && a.wait() < 1 {
		t.Errorf("POST %s: 429 with Retry-After %q, want whole seconds", path, a.retryAfter)
	}
	return a
}

// askCode asks for a code to phone from the default client.
func (b *authBench) askCode(t testing.TB, phone string) answer {
	t.Helper()
	return b.post(t, http.DefaultClient, "/v1/auth/code", map[string]string{"phone": phone})
}

// guess tries a code for phone from the default client.
func (b *authBench) guess(t testing.TB, phone, code string) answer {
	t.Helper()
	return b.post(t, http.DefaultClient, "/v1/auth/token", map[string]string{"phone": phone, "code": code})
}

// wrongCode is a code that is not the one sent to phone.
func (b *authBench) wrongCode(phone string) string {
	if b.code(phone) == "000000" {
		return "000001"
	}
	return "000000"
}

// expect fails the test unless a has the status and, for a 429, the wait
// in seconds.
func expect(t *testing.T, what string, a answer, status, wait int) {
	t.Helper()
	if a.status != status || status == http.StatusTooManyRequests && a.wait() != wait {
		t.Fatalf("%s: %d (Retry-After %q) %s, want %d (Retry-After %d)", what, a.status, a.retryAfter, a.body, status, wait)
	}
}

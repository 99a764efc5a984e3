package server

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"jiangsupass/clock/clocktest"
)

// adminToken reads the token the server wrote at start, checking that only
// its owner can read the file.
func adminToken(t *testing.T, s *Server) string {
	t.Helper()
	fi, err := os.Stat(s.AdminTokenFile())
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("the admin token file has mode %v, want 0600", fi.Mode().Perm())
	}
	b, err := os.ReadFile(s.AdminTokenFile())
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(b))
}

// generation is an issuer's newest key generation.
func generation(t *testing.T, s *Server, issuer string) int {
	t.Helper()
	var gen int
	if err := s.db.QueryRow("SELECT max(gen) FROM issuer_keys WHERE issuer = ?", issuer).Scan(&gen); err != nil {
		t.Fatal(err)
	}
	return gen
}

// TestAdminRefusesCrossSite sends the key-rotation request of the admin
// API over a real loopback connection as a web page on another site, a
// DNS-rebinding page, a reverse proxy and a local program without the
// token would send it: each is refused and the issuer's key stays; the
// request with the token, the server's own Host and a JSON body rotates
// it.
func TestAdminRefusesCrossSite(t *testing.T) {
	api := loadContract(t)
	s, hs, _ := openTest(t, Options{Now: clocktest.Fixed()})
	token := adminToken(t, s)
	u, _ := url.Parse(hs.URL)
	_, port, _ := net.SplitHostPort(u.Host)
	const path = "/admin/v1/issuers/CN-JS/rotate"
	type request struct {
		host, contentType, token, body string
		header                         map[string]string
	}
	send := func(rq request) (int, []byte) {
		t.Helper()
		req, err := http.NewRequest(http.MethodPost, hs.URL+path, strings.NewReader(rq.body))
		if err != nil {
			t.Fatal(err)
		}
		if rq.host != "" {
			req.Host = rq.host
		}
		if rq.contentType != "" {
			req.Header.Set("Content-Type", rq.contentType)
		}
		if rq.token != "" {
			req.Header.Set("Authorization", "Bearer "+rq.token)
		}
		for k, v := range rq.header {
			req.Header.Set(k, v)
		}
		resp, err := hs.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		api.checkAnswer(t, http.MethodPost, "/admin/v1/issuers/{issuer}/rotate", resp.StatusCode, b)
		return resp.StatusCode, b
	}
	evil := map[string]string{"Origin": "https://evil.example"}
	for _, tc := range []struct {
		name   string
		req    request
		status int
	}{
		{"a cross-site text/plain form post, no token", request{contentType: "text/plain", body: "x", header: evil}, http.StatusForbidden},
		{"a cross-site post that somehow has the token", request{contentType: "application/json", token: token, body: "{}", header: evil}, http.StatusForbidden},
		{"a cross-site fetch by Sec-Fetch-Site", request{contentType: "application/json", token: token, body: "{}",
			header: map[string]string{"Sec-Fetch-Site": "cross-site"}}, http.StatusForbidden},
		{"DNS rebinding: Host attacker.example", request{host: "attacker.example:" + port, contentType: "application/json", token: token, body: "{}"}, http.StatusForbidden},
		{"Host without the server's port", request{host: "127.0.0.1:1", contentType: "application/json", token: token, body: "{}"}, http.StatusForbidden},
		{"through a reverse proxy on this machine", request{contentType: "application/json", token: token, body: "{}",
			header: map[string]string{"X-Forwarded-For": "198.51.100.4"}}, http.StatusForbidden},
		{"no token", request{contentType: "application/json", body: "{}"}, http.StatusUnauthorized},
		{"a wrong token", request{contentType: "application/json", token: strings.Repeat("A", len(token)), body: "{}"}, http.StatusUnauthorized},
		{"the token, text/plain", request{contentType: "text/plain", token: token, body: "{}"}, http.StatusUnsupportedMediaType},
		{"the token, no Content-Type", request{token: token, body: "{}"}, http.StatusUnsupportedMediaType},
	} {
		before := generation(t, s, "CN-JS")
		status, body := send(tc.req)
		if status != tc.status || generation(t, s, "CN-JS") != before {
			t.Errorf("%s: %d %s, generation %d→%d; want %d and the key unchanged", tc.name, status, body, before, generation(t, s, "CN-JS"), tc.status)
		}
	}
	for _, host := range []string{"", "localhost:" + port} {
		origin := "http://" + u.Host
		if host != "" {
			origin = "http://" + host
		}
		before := generation(t, s, "CN-JS")
		status, body := send(request{host: host, contentType: "application/json; charset=utf-8", token: token, body: "{}",
			header: map[string]string{"Origin": origin}})
		if status != http.StatusOK || generation(t, s, "CN-JS") != before+1 {
			t.Errorf("the token and JSON, Host %q: %d %s, generation %d→%d", host, status, body, before, generation(t, s, "CN-JS"))
		}
	}
}

// TestAdminReadsNeedTheToken: a read of the admin API needs the token too.
func TestAdminReadsNeedTheToken(t *testing.T) {
	s, hs, _ := openTest(t, Options{Now: clocktest.Fixed()})
	for token, want := range map[string]int{"": http.StatusUnauthorized, adminToken(t, s): http.StatusOK} {
		req, _ := http.NewRequest(http.MethodGet, hs.URL+"/admin/v1/collections/pois/items/hub-001", nil)
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		resp, err := hs.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("a read with token %t: %d, want %d", token != "", resp.StatusCode, want)
		}
	}
}

// TestAdminOnlyOnLoopback: a request from another address is refused
// even with the token and the server's own Host.
func TestAdminOnlyOnLoopback(t *testing.T) {
	s, _, _ := openTest(t, Options{Now: clocktest.Fixed()})
	local := &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 8787}
	for remote, want := range map[string]int{"192.0.2.7:4000": http.StatusForbidden, "127.0.0.1:4000": http.StatusOK} {
		req := httptest.NewRequest(http.MethodDelete, "http://127.0.0.1:8787/admin/v1/collections/pois/items/hub-001", nil)
		req = req.WithContext(context.WithValue(req.Context(), http.LocalAddrContextKey, net.Addr(local)))
		req.RemoteAddr = remote
		req.Header.Set("Authorization", "Bearer "+adminToken(t, s))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, req)
		if rec.Code != want {
			t.Errorf("admin from %s: %d %s, want %d", remote, rec.Code, rec.Body, want)
		}
	}
}

// TestAdminTokenFile: every start writes a new token to a file only its
// owner can read, and logs the file's path but never the token.
func TestAdminTokenFile(t *testing.T) {
	dir := t.TempDir()
	var tokens []string
	for range 2 {
		var logged bytes.Buffer
		s, err := Open(context.Background(), filepath.Join(dir, "p.db"), Options{Now: clocktest.Fixed(), Log: &logged})
		if err != nil {
			t.Fatal(err)
		}
		tok := adminToken(t, s)
		if len(tok) < 26 || strings.Contains(logged.String(), tok) || !strings.Contains(logged.String(), s.AdminTokenFile()) {
			t.Errorf("token of %d characters; the log names the file: %t, holds the token: %t",
				len(tok), strings.Contains(logged.String(), s.AdminTokenFile()), strings.Contains(logged.String(), tok))
		}
		tokens = append(tokens, tok)
		s.Close()
	}
	if tokens[0] == tokens[1] {
		t.Error("a second start kept the first start's token")
	}
}

package platform

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// TestClientHeadersAndRetries runs the client against a loopback server
// that checks what every request carries and fails in scripted ways: a
// 503 is retried, a 400 is not, a 401 refreshes the token once.
func TestClientHeadersAndRetries(t *testing.T) {
	var calls, refreshes atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := calls.Add(1)
		if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			t.Errorf("%s: no gzip in Accept-Encoding %q", r.URL.Path, r.Header.Get("Accept-Encoding"))
		}
		if ua := r.Header.Get("User-Agent"); !strings.HasPrefix(ua, "JiangsuPass/1.2.3 ") {
			t.Errorf("User-Agent %q", ua)
		}
		if r.Header.Get("Accept-Language") != "ja" {
			t.Errorf("Accept-Language %q", r.Header.Get("Accept-Language"))
		}
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Path {
		case "/v1/health":
			if n == 1 {
				w.WriteHeader(http.StatusServiceUnavailable)
				_, _ = w.Write([]byte(`{"code":"unavailable","message":"busy"}`))
				return
			}
			_, _ = w.Write([]byte(`{"status":"ok","version":"x","cursor":"7"}`))
		case "/v1/feedback":
			w.WriteHeader(http.StatusBadRequest)
			_, _ = w.Write([]byte(`{"code":"bad_request","message":"text is empty"}`))
		case "/v1/auth/refresh":
			refreshes.Add(1)
			_, _ = w.Write([]byte(`{"access_token":"new","refresh_token":"r2","token_type":"Bearer","expires_in":900}`))
		case "/v1/me":
			if r.Header.Get("Authorization") != "Bearer new" {
				w.WriteHeader(http.StatusUnauthorized)
				_, _ = w.Write([]byte(`{"code":"unauthorized","message":"expired"}`))
				return
			}
			_, _ = w.Write([]byte(`{"user_id":"u","phone":"138****0001","name":"张*"}`))
		}
	}))
	defer srv.Close()
	var kept Tokens
	c := NewClient(srv.URL, Options{Version: "1.2.3", Language: func() string { return "ja" },
		RetryWait: time.Millisecond, RetryMaxWait: 2 * time.Millisecond, OnTokens: func(t Tokens) { kept = t }})
	ctx := context.Background()

	h, err := c.Health(ctx)
	if err != nil || h.Cursor != "7" || calls.Load() != 2 {
		t.Fatalf("health after a 503: %+v, %v, %d calls", h, err, calls.Load())
	}
	before := calls.Load()
	_, err = c.Mutate(ctx, Feedback, "key-12345678", json.RawMessage(`{}`))
	var pe *Error
	if !errors.As(err, &pe) || pe.Status != 400 || pe.Code != CodeBadRequest || !pe.Permanent() {
		t.Fatalf("a 400: %v", err)
	}
	if calls.Load()-before != 1 {
		t.Errorf("a 400 was sent %d times", calls.Load()-before)
	}
	if _, err := c.Me(ctx); !errors.Is(err, ErrNotSignedIn) {
		t.Errorf("a personal call without a token: %v", err)
	}
	c.SetTokens(Tokens{AccessToken: "old", RefreshToken: "r1"})
	p, err := c.Me(ctx)
	if err != nil || p.Name != "张*" || refreshes.Load() != 1 || kept.AccessToken != "new" {
		t.Errorf("me after a refresh: %+v, %v, %d refreshes, kept %+v", p, err, refreshes.Load(), kept)
	}
}

// TestPullRefusesForeignPages checks that a page answering another
// collection or cursor, or malformed JSON, is an error.
func TestPullRefusesForeignPages(t *testing.T) {
	bodies := map[string]string{
		"pois":            `{"collection":"attractions","epoch":"e","since":"0","upserts":[],"tombstones":[],"next":"1","has_more":false,"total":0}`,
		"ticket_slots":    `{"collection":"ticket_slots","epoch":"e","since":"40","upserts":[],"tombstones":[],"next":"50","has_more":false,"total":0}`,
		"service_items":   `{"collection": "service_items", "upserts": [`,
		"service_halls":   `{"collection":"service_halls","epoch":"e","since":"0","upserts":[],"tombstones":[],"next":"x","has_more":false,"total":0}`,
		"ticket_products": `{"collection":"ticket_products","epoch":"e","since":"0","upserts":[],"tombstones":[],"next":"3","has_more":false,"total":0}`,
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(bodies[strings.TrimPrefix(r.URL.Path, "/v1/sync/")]))
	}))
	defer srv.Close()
	c := NewClient(srv.URL, Options{Retries: -1})
	for coll := range bodies {
		_, err := c.Pull(context.Background(), coll, 0, 10)
		if coll == "ticket_products" {
			if err != nil {
				t.Errorf("a good page: %v", err)
			}
			continue
		}
		if !errors.Is(err, ErrBadAnswer) {
			t.Errorf("%s: %v, want ErrBadAnswer", coll, err)
		}
	}
}

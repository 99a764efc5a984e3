package platform

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"
)

// TestRateLimitedCarriesWait: a 429 comes back at once (not retried) as a
// *RateLimitError with the Retry-After it was sent, read with RetryAfter
// and still an *Error with the rate_limited code.
func TestRateLimitedCarriesWait(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		calls.Add(1)
		w.Header().Set("Retry-After", "240")
		w.WriteHeader(http.StatusTooManyRequests)
		_, _ = w.Write([]byte(`{"code":"rate_limited","message":"too many wrong codes for this number"}`))
	}))
	defer srv.Close()
	c := NewClient(srv.URL, Options{RetryWait: time.Millisecond, RetryMaxWait: time.Millisecond})
	_, err := c.SignIn(context.Background(), "13800000001", "123456")
	wait, ok := RetryAfter(err)
	var pe *Error
	if !ok || wait != 4*time.Minute || !errors.As(err, &pe) || pe.Code != CodeRateLimited || pe.Status != 429 {
		t.Errorf("a 429: %v (wait %v, %v)", err, wait, ok)
	}
	if calls.Load() != 1 {
		t.Errorf("a 429 was sent %d times", calls.Load())
	}
	if _, ok := RetryAfter(errors.New("other")); ok {
		t.Error("RetryAfter of another error says rate-limited")
	}
}

// TestRetryAfterIsBounded: only whole seconds are read, at most a day; a
// date, a negative or an overlong value is an unknown wait.
func TestRetryAfterIsBounded(t *testing.T) {
	for v, want := range map[string]time.Duration{
		"240": 4 * time.Minute, " 1 ": time.Second, "0": 0, "": 0, "-5": 0, "1.5": 0,
		"Wed, 21 Oct 2026 07:28:00 GMT": 0, "99999999999": 0, "9999999999": 24 * time.Hour, "86401": 24 * time.Hour,
	} {
		if got := retryAfter(v); got != want {
			t.Errorf("Retry-After %q: %v, want %v", v, got, want)
		}
	}
}

// TestSignOutSendsRefreshToken: SignOut posts the refresh token to
// /v1/auth/sign-out and forgets the tokens, whether the platform could be
// told or not; with no tokens it says so.
func TestSignOutSendsRefreshToken(t *testing.T) {
	var got RefreshRequest
	status := http.StatusNoContent
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || r.URL.Path != "/v1/auth/sign-out" {
			t.Errorf("%s %s", r.Method, r.URL.Path)
		}
		_ = json.NewDecoder(r.Body).Decode(&got)
		w.WriteHeader(status)
	}))
	defer srv.Close()
	ctx := context.Background()
	c := NewClient(srv.URL, Options{Retries: -1})
	c.SetTokens(Tokens{AccessToken: "a1", RefreshToken: "r1"})
	if err := c.SignOut(ctx); err != nil || got.RefreshToken != "r1" || c.SignedIn() {
		t.Errorf("sign out: %v, sent %+v, signed in %v", err, got, c.SignedIn())
	}
	status = http.StatusServiceUnavailable
	c.SetTokens(Tokens{AccessToken: "a2", RefreshToken: "r2"})
	if err := c.SignOut(ctx); err == nil || c.SignedIn() {
		t.Errorf("sign out to a failing platform: %v, signed in %v", err, c.SignedIn())
	}
	if err := c.SignOut(ctx); !errors.Is(err, ErrNotSignedIn) {
		t.Errorf("sign out with no tokens: %v", err)
	}
}

// TestClientSendsKeptPhone: the client sends a number in its kept form,
// whichever way it was typed, and a number that is none reaches no
// platform.
func TestClientSendsKeptPhone(t *testing.T) {
	var bodies []map[string]string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var b map[string]string
		_ = json.NewDecoder(r.Body).Decode(&b)
		bodies = append(bodies, b)
		if r.URL.Path == "/v1/auth/code" {
			w.WriteHeader(http.StatusAccepted)
			_, _ = w.Write([]byte(`{"expires_in":300}`))
			return
		}
		_, _ = w.Write([]byte(`{"access_token":"a","refresh_token":"r","token_type":"Bearer","expires_in":60}`))
	}))
	defer srv.Close()
	c := NewClient(srv.URL, Options{RetryWait: time.Millisecond, RetryMaxWait: time.Millisecond})
	ctx := context.Background()
	if _, err := c.RequestCode(ctx, "+44 7700 900123"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.SignIn(ctx, "0044 (0)7700-900-123", "123456"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.RequestCode(ctx, "+86 138 0000 0001"); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"+0 7700 900123", "+44 7700 9001234567", "+44 77OO 900123"} {
		if _, err := c.RequestCode(ctx, bad); !errors.Is(err, ErrBadPhone) {
			t.Errorf("RequestCode(%q): %v", bad, err)
		}
		if _, err := c.SignIn(ctx, bad, "123456"); !errors.Is(err, ErrBadPhone) {
			t.Errorf("SignIn(%q): %v", bad, err)
		}
	}
	want := []string{"+447700900123", "+447700900123", "13800000001"}
	if len(bodies) != len(want) {
		t.Fatalf("%d requests reached the platform, want %d: %v", len(bodies), len(want), bodies)
	}
	for i, b := range bodies {
		if b["phone"] != want[i] {
			t.Errorf("request %d sent phone %q, want %q", i, b["phone"], want[i])
		}
	}
}

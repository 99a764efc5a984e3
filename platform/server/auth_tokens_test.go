package server

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"jiangsupass/platform"
	"jiangsupass/platform/server/dbtest"
)

// TestSignOutEndsSession signs a resident in on two devices, refreshes on
// the first, and signs the first out: its refresh token and both access
// tokens of its session (the sign-in's and the refresh's) stop working at
// once, while the second device's session stands. Signing out again, or
// with a token never issued, is answered the same way.
func TestSignOutEndsSession(t *testing.T) {
	ctx := context.Background()
	b := newAuthBench(t)
	phone := DemoAccounts[2].Phone
	signIn := func() *platform.Client {
		c := platform.NewClient(b.hs.URL, platform.Options{Retries: -1})
		if _, err := c.RequestCode(ctx, phone); err != nil {
			t.Fatal(err)
		}
		if _, err := c.SignIn(ctx, phone, b.code(phone)); err != nil {
			t.Fatal(err)
		}
		return c
	}
	first := signIn()
	before := first.Tokens()
	if err := first.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	after := first.Tokens()
	second := signIn()

	if err := first.SignOut(ctx); err != nil {
		t.Fatalf("sign out: %v", err)
	}
	if first.SignedIn() {
		t.Error("the client kept its tokens after signing out")
	}
	for what, tok := range map[string]string{"the sign-in's access token": before.AccessToken, "the refresh's access token": after.AccessToken} {
		c := platform.NewClient(b.hs.URL, platform.Options{Retries: -1})
		c.SetTokens(platform.Tokens{AccessToken: tok})
		var pe *platform.Error
		if _, err := c.Me(ctx); !errors.As(err, &pe) || pe.Status != http.StatusUnauthorized {
			t.Errorf("%s after the sign-out: %v, want 401", what, err)
		}
	}
	expect(t, "refresh with the signed-out token", b.post(t, http.DefaultClient, "/v1/auth/refresh",
		map[string]string{"refresh_token": after.RefreshToken}), http.StatusUnauthorized, 0)
	if p, err := second.Me(ctx); err != nil || p.Name != "A*********" {
		t.Errorf("the other device after the first signed out: %+v, %v", p, err)
	}
	if err := second.Refresh(ctx); err != nil {
		t.Errorf("the other device's refresh: %v", err)
	}
	expect(t, "signing out again", b.post(t, http.DefaultClient, "/v1/auth/sign-out",
		map[string]string{"refresh_token": after.RefreshToken}), http.StatusNoContent, 0)
	expect(t, "a token never issued", b.post(t, http.DefaultClient, "/v1/auth/sign-out",
		map[string]string{"refresh_token": strings.Repeat("0", 64)}), http.StatusNoContent, 0)
	expect(t, "no token", b.post(t, http.DefaultClient, "/v1/auth/sign-out",
		map[string]string{"refresh_token": ""}), http.StatusBadRequest, 0)
	if err := first.SignOut(ctx); !errors.Is(err, platform.ErrNotSignedIn) {
		t.Errorf("signing out a client with no tokens: %v", err)
	}
}

// TestRateLimitedReachesClient: the platform client returns a 429 as a
// *platform.RateLimitError with the server's Retry-After, which still
// unwraps to the platform's rate_limited answer.
func TestRateLimitedReachesClient(t *testing.T) {
	ctx := context.Background()
	b := newAuthBench(t)
	c := platform.NewClient(b.hs.URL, platform.Options{Retries: -1})
	phone := DemoAccounts[0].Phone
	if _, err := c.RequestCode(ctx, phone); err != nil {
		t.Fatal(err)
	}
	_, err := c.RequestCode(ctx, phone)
	wait, ok := platform.RetryAfter(err)
	var pe *platform.Error
	if !ok || wait.Seconds() != 60 || !errors.As(err, &pe) || pe.Code != platform.CodeRateLimited || pe.Permanent() {
		t.Errorf("a second code at once: %v (wait %v, %v)", err, wait, ok)
	}
}

// TestCodesStoredHashed: the database holds no code in clear, nor a plain
// hash of one (six digits fall to a million guesses): the stored value
// matches none of the million; a restarted server, with a new key, keeps
// no code of the old one.
func TestCodesStoredHashed(t *testing.T) {
	ctx := context.Background()
	b := newAuthBench(t)
	phone := DemoAccounts[0].Phone
	expect(t, "a code", b.askCode(t, phone), http.StatusAccepted, 0)
	var stored string
	if err := b.s.db.QueryRowContext(ctx, "SELECT code FROM codes WHERE phone = ?", phone).Scan(&stored); err != nil {
		t.Fatal(err)
	}
	code := b.code(phone)
	if strings.Contains(stored, code) || len(stored) != 64 {
		t.Fatalf("stored %q for the code %s", stored, code)
	}
	for n := range 1_000_000 {
		c := fmt.Sprintf("%06d", n)
		if h := hashBytes([]byte(c)); h == stored || hashBytes([]byte(phone+c)) == stored {
			t.Fatalf("the stored value is a plain hash of %s", c)
		}
	}
	expect(t, "the stored value as a code", b.guess(t, phone, stored), http.StatusBadRequest, 0)
	if dbtest.Postgres() {
		return // nodes over PostgreSQL share their code key: a restart keeps the codes
	}

	again, err := Open(ctx, b.path, Options{Now: b.clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	again.Handler()
	var left int
	if err := again.db.QueryRowContext(ctx, "SELECT count(*) FROM codes").Scan(&left); err != nil || left != 0 {
		t.Errorf("a restarted server keeps %d codes (%v)", left, err)
	}
}

// TestContractDocumentsSignInLimits: every auth route documents 429 as
// the RateLimited answer, which names its Retry-After header.
func TestContractDocumentsSignInLimits(t *testing.T) {
	api := loadContract(t)
	for _, path := range []string{"/v1/auth/code", "/v1/auth/token", "/v1/auth/refresh", "/v1/auth/sign-out"} {
		resp, _ := api.operation(t, "POST", path)["responses"].(map[string]any)["429"].(map[string]any)
		if ref, _ := resp["$ref"].(string); ref != "#/components/responses/RateLimited" {
			t.Errorf("POST %s: 429 is %v, want the RateLimited answer", path, resp)
		}
	}
	if h, _ := api.lookup("components", "responses", "RateLimited", "headers", "Retry-After").(map[string]any); h["required"] != true {
		t.Errorf("the RateLimited answer does not require Retry-After: %v", h)
	}
}

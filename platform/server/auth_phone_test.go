package server

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"jiangsupass/platform"
)

// profileOf signs in with the code sent to kept and returns the profile
// the platform then shows.
func (b *authBench) profileOf(t *testing.T, typed, kept string) platform.Profile {
	t.Helper()
	a := b.guess(t, typed, b.code(kept))
	expect(t, "sign in as "+typed, a, http.StatusOK, 0)
	var tok platform.Tokens
	if err := json.Unmarshal(a.body, &tok); err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest(http.MethodGet, b.hs.URL+"/v1/me", nil)
	req.Header.Set("Authorization", "Bearer "+tok.AccessToken)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var p platform.Profile
	if err := json.NewDecoder(resp.Body).Decode(&p); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /v1/me: %d, %v", resp.StatusCode, err)
	}
	return p
}

// TestInternationalNumberSignsIn: a visitor's foreign number, typed with
// spaces, gets a code through the same path as a mainland number (the
// server's log and OnCode, keyed on the kept form) and signs in to an
// account of its own, shown masked; a mainland number written with +86 is
// its demo resident still.
func TestInternationalNumberSignsIn(t *testing.T) {
	b := newAuthBench(t)
	expect(t, "a code to +44 7700 900123", b.askCode(t, "+44 7700 900123"), http.StatusAccepted, 0)
	if b.code("+447700900123") == "" {
		t.Fatalf("no code kept for +447700900123: %v", b.codes)
	}
	p := b.profileOf(t, "+44 7700 900123", "+447700900123")
	if p.Phone != "+44 ••• 0123" || p.UserID == "" || strings.Contains(p.Phone, "7700") {
		t.Errorf("the visitor's profile: %+v", p)
	}
	b.clock.Add(codeGap)
	expect(t, "a code to +447700900123", b.askCode(t, "+447700900123"), http.StatusAccepted, 0)
	if again := b.profileOf(t, "0044 7700 900123", "+447700900123"); again.UserID != p.UserID {
		t.Errorf("written another way, the number is another account: %+v, then %+v", p, again)
	}
}

// TestMainlandNumberWithCountryCode: a demo resident's number with +86
// and dashes is the demo resident.
func TestMainlandNumberWithCountryCode(t *testing.T) {
	b := newAuthBench(t)
	demo := DemoAccounts[1]
	typed := "+86 " + demo.Phone[:3] + "-" + demo.Phone[3:7] + "-" + demo.Phone[7:]
	expect(t, "a code to "+typed, b.askCode(t, typed), http.StatusAccepted, 0)
	p := b.profileOf(t, typed, demo.Phone)
	if p.UserID != demo.ID || p.Phone != demo.Phone[:3]+"****"+demo.Phone[7:] {
		t.Errorf("%s signed in as %+v, want %s", typed, p, demo.ID)
	}
}

// TestPhoneLimitsKeyOnKeptNumber: the ways of writing one number are one
// number to every limit: the gap between codes and the streak of wrong
// guesses that locks it.
func TestPhoneLimitsKeyOnKeptNumber(t *testing.T) {
	b := newAuthBench(t)
	forms := []string{"+44 7700 900123", "+447700900123", "0044 (0)7700-900-123", "＋４４７７００９００１２３", "+44.7700.900.123"}
	expect(t, "a code to "+forms[0], b.askCode(t, forms[0]), http.StatusAccepted, 0)
	for _, f := range forms[1:] {
		expect(t, "a code to "+f+" at once", b.askCode(t, f), http.StatusTooManyRequests, 60)
	}
	for i := range wrongPerLock - 1 {
		f := forms[i%len(forms)]
		expect(t, fmt.Sprintf("wrong guess %d, as %s", i+1, f), b.guess(t, f, b.wrongCode("+447700900123")), http.StatusUnauthorized, 0)
	}
	expect(t, "the fifth wrong guess, as "+forms[4], b.guess(t, forms[4], b.wrongCode("+447700900123")), http.StatusTooManyRequests, 60)
	expect(t, "another form while locked", b.guess(t, forms[2], b.code("+447700900123")), http.StatusTooManyRequests, 60)

	mainland := DemoAccounts[0].Phone
	expect(t, "a code to "+mainland, b.askCode(t, mainland), http.StatusAccepted, 0)
	expect(t, "the same number with +86", b.askCode(t, "+86 "+mainland), http.StatusTooManyRequests, 60)
}

// TestMalformedPhonesRefused: what is no number a code can be sent to is
// 400 bad_request, in the contract's Error shape, saying which numbers
// are taken, at both routes; no code is sent and nothing is counted.
func TestMalformedPhonesRefused(t *testing.T) {
	b := newAuthBench(t)
	for _, typed := range []string{
		"+0 7700 900123", "+44 7700 9001234567", "+44 77OO 9OO123", "abcdefghijk", "07700 900123",
		"+999 1234 5678", "+86 10 1234 5678", "+1 415 555 267", strings.Repeat("1", 200), "",
	} {
		for _, a := range []answer{b.askCode(t, typed), b.guess(t, typed, "123456")} {
			var e platform.Error
			if err := json.Unmarshal(a.body, &e); err != nil || a.status != http.StatusBadRequest ||
				e.Code != platform.CodeBadRequest || !strings.Contains(e.Message, "+ and the country code") {
				t.Errorf("%q: %d %s, want 400 bad_request saying which numbers are taken", typed, a.status, a.body)
			}
		}
	}
	if n := b.codesSent(); n != 0 {
		t.Errorf("%d codes sent to malformed numbers", n)
	}
	var sends int
	if err := b.s.db.QueryRow("SELECT count(*) FROM code_sends").Scan(&sends); err != nil || sends != 0 {
		t.Errorf("%d sends counted (%v)", sends, err)
	}
}

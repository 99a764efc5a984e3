package server

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"
)

// TestCodeGapPerNumber: a second code to a number waits a minute while
// the first is unused; a used code holds nothing back, and another number
// is not held back at all.
func TestCodeGapPerNumber(t *testing.T) {
	b := newAuthBench(t)
	phone := DemoAccounts[0].Phone
	expect(t, "first code", b.askCode(t, phone), http.StatusAccepted, 0)
	expect(t, "again at once", b.askCode(t, phone), http.StatusTooManyRequests, 60)
	b.clock.Add(59 * time.Second)
	expect(t, "59 s on", b.askCode(t, phone), http.StatusTooManyRequests, 1)
	b.clock.Add(time.Second)
	expect(t, "a minute on", b.askCode(t, phone), http.StatusAccepted, 0)
	expect(t, "another number", b.askCode(t, DemoAccounts[1].Phone), http.StatusAccepted, 0)
	expect(t, "sign in", b.guess(t, phone, b.code(phone)), http.StatusOK, 0)
	expect(t, "a code after a sign-in (a second device)", b.askCode(t, phone), http.StatusAccepted, 0)
}

// TestCodesPerHour: the sixth code to a number within an hour waits until
// the first of the five leaves the hour.
func TestCodesPerHour(t *testing.T) {
	b := newAuthBench(t)
	phone := DemoAccounts[0].Phone
	for i := range codesPerHour {
		expect(t, fmt.Sprintf("code %d", i+1), b.askCode(t, phone), http.StatusAccepted, 0)
		b.clock.Add(codeGap)
	}
	// Five codes at 0, 1, 2, 3 and 4 minutes; it is 5 minutes on.
	expect(t, "code 6", b.askCode(t, phone), http.StatusTooManyRequests, 55*60)
	b.clock.Add(55*time.Minute - time.Second)
	expect(t, "a second before the hour", b.askCode(t, phone), http.StatusTooManyRequests, 1)
	b.clock.Add(time.Second)
	expect(t, "an hour after the first", b.askCode(t, phone), http.StatusAccepted, 0)
}

// TestCodesPerDay: ten codes to a number two hours apart pass the hourly
// limit; the eleventh waits until the first is a day old.
func TestCodesPerDay(t *testing.T) {
	b := newAuthBench(t)
	phone := DemoAccounts[0].Phone
	for i := range codesPerDay {
		expect(t, fmt.Sprintf("code %d", i+1), b.askCode(t, phone), http.StatusAccepted, 0)
		b.clock.Add(2 * time.Hour)
	}
	// Ten codes from 0 to 18 hours; it is 20 hours on.
	expect(t, "code 11", b.askCode(t, phone), http.StatusTooManyRequests, 4*3600)
	b.clock.Add(4 * time.Hour)
	expect(t, "a day after the first", b.askCode(t, phone), http.StatusAccepted, 0)
}

// TestWrongGuessesLockNumberAcrossCodes: wrong guesses count against the
// number, not the code, so a new code does not wipe them (the hole the
// attack went through); the fifth in a row locks the number, burns the
// code and holds back new codes; after the lock a new code signs in.
func TestWrongGuessesLockNumberAcrossCodes(t *testing.T) {
	b := newAuthBench(t)
	phone := DemoAccounts[1].Phone
	expect(t, "first code", b.askCode(t, phone), http.StatusAccepted, 0)
	for i := range wrongPerLock - 1 {
		expect(t, fmt.Sprintf("wrong guess %d", i+1), b.guess(t, phone, b.wrongCode(phone)), http.StatusUnauthorized, 0)
	}
	b.clock.Add(codeGap)
	expect(t, "a new code", b.askCode(t, phone), http.StatusAccepted, 0)
	burnt := b.code(phone)
	expect(t, "the fifth wrong guess in a row", b.guess(t, phone, b.wrongCode(phone)), http.StatusTooManyRequests, 60)
	expect(t, "the right code while locked", b.guess(t, phone, burnt), http.StatusTooManyRequests, 60)
	expect(t, "a code while locked", b.askCode(t, phone), http.StatusTooManyRequests, 60)
	b.clock.Add(time.Minute)
	expect(t, "the burnt code after the lock", b.guess(t, phone, burnt), http.StatusUnauthorized, 0)
	expect(t, "a code after the lock", b.askCode(t, phone), http.StatusAccepted, 0)
	expect(t, "its right code", b.guess(t, phone, b.code(phone)), http.StatusOK, 0)
	// The sign-in ended the streak: four more wrong guesses lock nothing.
	expect(t, "a code after the sign-in", b.askCode(t, phone), http.StatusAccepted, 0)
	for i := range wrongPerLock - 1 {
		expect(t, fmt.Sprintf("new streak, wrong guess %d", i+1), b.guess(t, phone, b.wrongCode(phone)), http.StatusUnauthorized, 0)
	}
}

// TestLockOutGrows locks a number again and again, waiting each lock out
// (and any wait for a code) on the server's clock: each lock is twice the
// last, from a minute up to a day; after a day with no wrong guess the
// streak is forgotten and the next lock is a minute again.
func TestLockOutGrows(t *testing.T) {
	b := newAuthBench(t)
	phone := DemoAccounts[1].Phone
	var want []time.Duration
	for d := firstLock; d < longestLock; d *= 2 {
		want = append(want, d)
	}
	want = append(want, longestLock, firstLock) // the cap, then a forgotten streak
	var got []time.Duration
	for round := range want {
		a := b.askCode(t, phone)
		for tries := 0; a.status == http.StatusTooManyRequests && tries < 3; tries++ {
			b.clock.Add(time.Duration(a.wait()) * time.Second)
			a = b.askCode(t, phone)
		}
		expect(t, fmt.Sprintf("round %d: a code", round+1), a, http.StatusAccepted, 0)
		for range wrongPerLock - 1 {
			expect(t, fmt.Sprintf("round %d: a wrong guess", round+1), b.guess(t, phone, b.wrongCode(phone)), http.StatusUnauthorized, 0)
		}
		a = b.guess(t, phone, b.wrongCode(phone))
		if a.status != http.StatusTooManyRequests {
			t.Fatalf("round %d: the fifth wrong guess: %d %s", round+1, a.status, a.body)
		}
		lock := time.Duration(a.wait()) * time.Second
		got = append(got, lock)
		b.clock.Add(lock)
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("locks %v, want %v", got, want)
	}
}

// TestRequestsPerAddress: an address may make 60 sign-in requests at once
// (code, token, refresh and sign-out alike), then one a second; another
// address is counted apart.
func TestRequestsPerAddress(t *testing.T) {
	b := newAuthBench(t)
	routes := []struct {
		path string
		body any
		want int
	}{
		{"/v1/auth/refresh", map[string]string{"refresh_token": "none"}, http.StatusUnauthorized},
		{"/v1/auth/sign-out", map[string]string{"refresh_token": "none"}, http.StatusNoContent},
		{"/v1/auth/token", map[string]string{"phone": "1", "code": "1"}, http.StatusBadRequest},
		{"/v1/auth/code", map[string]string{"phone": "1"}, http.StatusBadRequest},
	}
	for i := range addressRequestBurst {
		r := routes[i%len(routes)]
		expect(t, fmt.Sprintf("request %d (%s)", i+1, r.path), b.post(t, http.DefaultClient, r.path, r.body), r.want, 0)
	}
	for _, r := range routes {
		expect(t, "over the limit: "+r.path, b.post(t, http.DefaultClient, r.path, r.body), http.StatusTooManyRequests, 1)
	}
	other := fromAddress("127.0.0.2")
	defer other.CloseIdleConnections()
	expect(t, "another address", b.post(t, other, routes[0].path, routes[0].body), routes[0].want, 0)
	b.clock.Add(time.Second)
	expect(t, "a second on", b.post(t, http.DefaultClient, routes[0].path, routes[0].body), routes[0].want, 0)
	expect(t, "and then", b.post(t, http.DefaultClient, routes[0].path, routes[0].body), http.StatusTooManyRequests, 1)
}

// TestCodesPerAddress: an address may have 20 codes sent at once, to any
// numbers, then one every 30 s; another address is counted apart.
func TestCodesPerAddress(t *testing.T) {
	b := newAuthBench(t)
	for i := range addressCodeBurst {
		expect(t, fmt.Sprintf("code %d", i+1), b.askCode(t, fmt.Sprintf("1370000%04d", i)), http.StatusAccepted, 0)
	}
	expect(t, "code 21", b.askCode(t, DemoAccounts[0].Phone), http.StatusTooManyRequests, 30)
	other := fromAddress("127.0.0.3")
	defer other.CloseIdleConnections()
	expect(t, "from another address", b.post(t, other, "/v1/auth/code", map[string]string{"phone": DemoAccounts[0].Phone}),
		http.StatusAccepted, 0)
	b.clock.Add(30 * time.Second)
	expect(t, "30 s on", b.askCode(t, DemoAccounts[1].Phone), http.StatusAccepted, 0)
	expect(t, "and then", b.askCode(t, DemoAccounts[2].Phone), http.StatusTooManyRequests, 30)
}

// TestClientAddress: limits count by the peer's IPv4 address, or its IPv6
// /64; a forwarded-for header changes nothing.
func TestClientAddress(t *testing.T) {
	for _, tc := range []struct{ remote, want string }{
		{"127.0.0.1:5000", "127.0.0.1"},
		{"203.0.113.9:1", "203.0.113.9"},
		{"[::ffff:203.0.113.9]:1", "203.0.113.9"},
		{"[2001:db8:1:2:aaaa::1]:443", "2001:db8:1:2::/64"},
		{"[2001:db8:1:2:bbbb::7]:443", "2001:db8:1:2::/64"},
		{"[fe80::1%eth0]:80", "fe80::/64"},
		{"not an address", "not an address"},
	} {
		r, _ := http.NewRequest(http.MethodPost, "/v1/auth/code", nil)
		r.RemoteAddr = tc.remote
		r.Header.Set("X-Forwarded-For", "198.51.100.1")
		if got := clientAddress(r); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.remote, got, tc.want)
		}
	}
}

// TestAddressLimiterIsBounded: the limiter counts at most its kept
// addresses (addressesKept, here a few); a new one is refused while every
// bucket is in use, and taken once idle buckets have filled up and can be
// forgotten.
func TestAddressLimiterIsBounded(t *testing.T) {
	ctx := context.Background()
	s := newAuthBench(t).s
	l := newAddressLimiter(s, "test", 2, time.Second)
	l.kept = 40
	t0 := time.Unix(1_800_000_000, 0)
	for i := range l.kept {
		if _, ok, err := l.take(ctx, nil, fmt.Sprintf("10.0.%d.1", i), t0); err != nil || !ok {
			t.Fatalf("address %d refused (%v)", i, err)
		}
	}
	if wait, ok, err := l.take(ctx, nil, "192.0.2.1", t0); err != nil || ok || wait != time.Second {
		t.Errorf("a new address while all are in use: ok %v, wait %v, %v", ok, wait, err)
	}
	if _, ok, err := l.take(ctx, nil, "192.0.2.1", t0.Add(time.Second)); err != nil || !ok {
		t.Errorf("a new address once the others are idle was refused (%v)", err)
	}
	var n int
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM address_limits WHERE bucket = 'test'").Scan(&n); err != nil || n != 1 {
		t.Errorf("%d addresses kept after the idle ones were forgotten, want 1 (%v)", n, err)
	}
}

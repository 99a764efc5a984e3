package e2e

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"jiangsupass/codes"
	"jiangsupass/platform"
	"jiangsupass/platform/server"
	"jiangsupass/platform/server/servertest"
)

// Platform is a reference server on loopback that a kiosk under test
// syncs from and checks visitors in at. Its clock, Now, is the real one:
// the app's binary, which it serves, can run on no other.
type Platform struct {
	*servertest.Platform
	mu   sync.Mutex
	seen map[string]int // request path → how often asked
}

// Now is the platform's clock, and the harness's for whatever it issues
// or checks: the wall clock, as the app under test has it.
func (p *Platform) Now() time.Time { return time.Now() }

// StartPlatform starts the server; it stops when the test ends.
func StartPlatform(t testing.TB) *Platform {
	t.Helper()
	p := &Platform{seen: map[string]int{}}
	p.Platform = servertest.Start(t, server.Options{Now: p.Now}, func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			p.mu.Lock()
			p.seen[r.URL.Path]++
			p.mu.Unlock()
			next.ServeHTTP(w, r)
		})
	})
	return p
}

// WaitFor waits until a request to a path with the given prefix has been
// served n times.
func (p *Platform) WaitFor(t testing.TB, prefix string, n int, timeout time.Duration) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		p.mu.Lock()
		got := 0
		for path, c := range p.seen {
			if strings.HasPrefix(path, prefix) {
				got += c
			}
		}
		p.mu.Unlock()
		if got >= n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("no request to %s after %v", prefix, timeout)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// ServiceCode signs in a demo resident on a phone of the test's own and
// returns the 苏服码 that phone shows now: what a visitor holds to a
// kiosk's scanner.
func (p *Platform) ServiceCode(t testing.TB, resident int) string {
	t.Helper()
	ctx := context.Background()
	c := platform.NewClient(p.URL, platform.Options{Timeout: 10 * time.Second})
	phone := server.DemoAccounts[resident].Phone
	if _, err := c.RequestCode(ctx, phone); err != nil {
		t.Fatal(err)
	}
	code := p.Code(phone)
	present, err := servertest.ServiceCodeHolder(ctx, c, phone, code)
	if err != nil {
		t.Fatal(err)
	}
	shown, err := present(p.Now())
	if err != nil {
		t.Fatal(err)
	}
	return shown
}

// Trust is the platform's trust list, opened with the app's anchors: what
// a terminal checks a code against.
func (p *Platform) Trust(t testing.TB) *codes.TrustList {
	t.Helper()
	signed, err := platform.NewClient(p.URL, platform.Options{Timeout: 10 * time.Second}).TrustList(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	tl, err := codes.OpenTrustList(signed.Signed, codes.DemoAnchors())
	if err != nil {
		t.Fatal(err)
	}
	return tl
}

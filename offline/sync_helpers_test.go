package offline

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"jiangsupass/platform"
	"jiangsupass/platform/server"
	"jiangsupass/platform/server/dbtest"
)

// platformServer is a reference server on loopback with its own database
// (dbtest: a SQLite file, or PostgreSQL under JSP_TEST_POSTGRES), for the
// sync tests.
type platformServer struct {
	*server.Server
	HTTP *httptest.Server

	mu    sync.Mutex
	codes map[string]string // phone → last code
}

// startPlatform starts a reference server; it stops when the test ends.
func startPlatform(t testing.TB, opt server.Options) *platformServer {
	t.Helper()
	ps := &platformServer{codes: map[string]string{}}
	if opt.Now == nil {
		opt.Now = liveClock
	}
	opt.OnCode = func(phone, code string) {
		ps.mu.Lock()
		ps.codes[phone] = code
		ps.mu.Unlock()
	}
	db := dbtest.New(t)
	opt.CodeKey, opt.AdminTokenFile = db.CodeKey, db.AdminTokenFile
	srv, err := server.Open(context.Background(), db.Path, opt)
	if err != nil {
		t.Fatal(err)
	}
	ps.Server = srv
	ps.HTTP = httptest.NewServer(srv.Handler())
	t.Cleanup(func() {
		ps.HTTP.Close()
		_ = srv.Close()
	})
	return ps
}

// code returns the last sign-in code the server issued for phone.
func (ps *platformServer) code(phone string) string {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	return ps.codes[phone]
}

// testClient is a platform client with short timeouts and retries.
func testClient(url string, transport http.RoundTripper) *platform.Client {
	return platform.NewClient(url, platform.Options{Version: "test", Timeout: 2 * time.Second, Retries: 2,
		RetryWait: 5 * time.Millisecond, RetryMaxWait: 50 * time.Millisecond, Transport: transport,
		Language: func() string { return "zh-Hans" }})
}

// signIn signs the client in as the first demo account.
func signIn(t testing.TB, ps *platformServer, c *platform.Client) {
	t.Helper()
	ctx := context.Background()
	phone := server.DemoAccounts[0].Phone
	if _, err := c.RequestCode(ctx, phone); err != nil {
		t.Fatal(err)
	}
	if _, err := c.SignIn(ctx, phone, ps.code(phone)); err != nil {
		t.Fatal(err)
	}
}

// assertSameData checks every collection's replica checksum against the
// server's.
func assertSameData(t testing.TB, s *Store, ps *platformServer) {
	t.Helper()
	ctx := context.Background()
	for _, c := range platform.Collections {
		want, err := ps.Checksum(ctx, c)
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.ReplicaChecksum(ctx, c)
		if err != nil {
			t.Fatal(err)
		}
		if got.SHA256 != want.SHA256 || got.Count != want.Count {
			t.Errorf("%s: replica has %d items (%s…), server %d (%s…)", c, got.Count, got.SHA256[:8], want.Count, want.SHA256[:8])
		}
	}
}

// fastSync are engine options for tests: small pages, short backoff.
func fastSync() SyncOptions {
	return SyncOptions{PageLimit: 100, RetryMin: 5 * time.Millisecond, RetryMax: 50 * time.Millisecond,
		OutboxMin: time.Millisecond, OutboxMax: 5 * time.Millisecond}
}

// openSyncStore opens a copy of the seeded store on the live clock, so
// that backoff delays pass.
func openSyncStore(t testing.TB) *Store {
	t.Helper()
	s, _, err := Open(context.Background(), seededCopy(t), Options{Anchors: testAnchors, Now: liveClock})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

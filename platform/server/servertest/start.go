package servertest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"jiangsupass/platform"
	"jiangsupass/platform/server"
	"jiangsupass/platform/server/dbtest"
)

// Platform is a reference server on loopback, on a database of its own
// (dbtest: SQLite, or PostgreSQL under JSP_TEST_POSTGRES), that keeps the
// last one-time code it sent to each phone.
type Platform struct {
	*server.Server
	URL string

	mu    sync.Mutex
	codes map[string]string
}

// Start opens a reference server with opt (its OnCode is the Platform's)
// and serves it on loopback through wrap, or as it is when wrap is nil;
// both stop when the test ends.
func Start(t testing.TB, opt server.Options, wrap func(http.Handler) http.Handler) *Platform {
	t.Helper()
	p := &Platform{codes: map[string]string{}}
	opt.OnCode = func(phone, code string) {
		p.mu.Lock()
		p.codes[phone] = code
		p.mu.Unlock()
	}
	db := dbtest.New(t)
	if opt.CodeKey == nil {
		opt.CodeKey = db.CodeKey
	}
	if opt.AdminTokenFile == "" {
		opt.AdminTokenFile = db.AdminTokenFile
	}
	srv, err := server.Open(context.Background(), db.Path, opt)
	if err != nil {
		t.Fatal(err)
	}
	p.Server = srv
	h := srv.Handler()
	if wrap != nil {
		h = wrap(h)
	}
	hs := httptest.NewServer(h)
	p.URL = hs.URL
	t.Cleanup(func() {
		hs.Close()
		_ = srv.Close()
	})
	return p
}

// Code is the last one-time code the platform sent to phone, written as
// a person types it or in its kept form (the platform keeps and sends by
// the kept form, platform.ParsePhone's).
func (p *Platform) Code(phone string) string {
	if kept, err := platform.ParsePhone(phone); err == nil {
		phone = kept.String()
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.codes[phone]
}

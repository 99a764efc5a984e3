// Package demoworld fills a replica as a resident's phone fills it: from a
// reference platform server on loopback, through the sync, the sign-in and
// the outbox, at moments a clock it moves gives. Snapshots and tests draw
// their screens from it instead of made-up data inside the screens.
//
// Its server signs with the reference platform's demo keys, and a store
// filled from it trusts the demo anchor (Anchors): nothing it makes
// protects anything. The app never imports it.
package demoworld

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"net"
	"net/http"
	"path/filepath"
	"sync"
	"time"

	"jiangsupass/codes"
	"jiangsupass/platform"
	"jiangsupass/platform/server"
)

// Platform is a reference platform server serving on loopback, from a
// database of its own, that keeps the last one-time code it sent to each
// phone.
type Platform struct {
	*server.Server
	URL string

	http  *http.Server
	ln    net.Listener
	mu    sync.Mutex
	codes map[string]string
}

// StartPlatform opens a reference server on a database in dir, on clock
// now, and serves it on a loopback port until Close.
func StartPlatform(ctx context.Context, dir string, now func() time.Time) (*Platform, error) {
	p := &Platform{codes: map[string]string{}}
	srv, err := server.Open(ctx, filepath.Join(dir, "platform.db"), server.Options{Now: now,
		OnCode: func(phone, code string) {
			p.mu.Lock()
			p.codes[phone] = code
			p.mu.Unlock()
		}})
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		_ = srv.Close()
		return nil, fmt.Errorf("listen on loopback: %w", err)
	}
	p.Server, p.ln, p.URL = srv, ln, "http://"+ln.Addr().String()
	p.http = &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = p.http.Serve(ln) }()
	return p, nil
}

// Close stops serving and closes the server's database.
func (p *Platform) Close() error {
	err := p.http.Close()
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return errors.Join(err, p.Server.Close())
}

// code is the last one-time code the platform sent to phone (as kept).
func (p *Platform) code(phone string) string {
	if kept, err := platform.ParsePhone(phone); err == nil {
		phone = kept.String()
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.codes[phone]
}

// Client is a new client of the platform, as the app makes one: keep
// gets the tokens of every sign-in and refresh (nil: none kept).
func (p *Platform) Client(keep func(platform.Tokens)) *platform.Client {
	return platform.NewClient(p.URL, platform.Options{Version: "demoworld", Timeout: 20 * time.Second, OnTokens: keep})
}

// Anchors are the trust anchors a store filled from the platform trusts:
// the reference platform's demo anchor, whose key is public.
func Anchors() []*ecdsa.PublicKey { return codes.DemoAnchors() }

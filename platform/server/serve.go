package server

import (
	"context"
	"errors"
	"net"
	"net/http"
	"sync"
	"time"
)

// Limits bound what clients can hold of a running server, so that slow or
// idle connections are cut off and cannot use up its connections, memory
// or file descriptors.
type Limits struct {
	// ReadHeader is how long a request's line and headers may take to
	// arrive; on a new connection, how long it may stay silent.
	ReadHeader time.Duration
	// Read is how long a whole request, body included, may take.
	Read time.Duration
	// Write is how long the answer may take, from the end of the request's
	// headers to its last byte.
	Write time.Duration
	// Idle is how long a kept-alive connection may wait for its next
	// request.
	Idle time.Duration
	// MaxConns is how many connections may be open at once; further ones
	// wait to be accepted until one closes.
	MaxConns int
}

// DefaultLimits are the limits cmd/platform serves with. Write allows a
// sync page of 5000 items over a slow mobile link; an answer that takes
// longer is cut, and the client asks again with a smaller limit.
var DefaultLimits = Limits{
	ReadHeader: 5 * time.Second,
	Read:       30 * time.Second,
	Write:      2 * time.Minute,
	Idle:       60 * time.Second,
	MaxConns:   512,
}

// Serve answers on ln within the limits until ctx ends, then stops
// accepting and waits up to 5 seconds for the answers under way. It
// returns nil after such a stop, or why serving failed.
func (s *Server) Serve(ctx context.Context, ln net.Listener, lim Limits) error {
	hs := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: lim.ReadHeader,
		ReadTimeout:       lim.Read,
		WriteTimeout:      lim.Write,
		IdleTimeout:       lim.Idle,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          s.log,
	}
	if lim.MaxConns > 0 {
		ln = limitListener(ln, lim.MaxConns)
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := hs.Shutdown(shut)
	if serr := <-errc; !errors.Is(serr, http.ErrServerClosed) && err == nil {
		err = serr
	}
	return err
}

// limitListener accepts at most n connections at once: Accept waits
// while n are open.
func limitListener(ln net.Listener, n int) net.Listener {
	return &limitedListener{Listener: ln, slots: make(chan struct{}, n), done: make(chan struct{})}
}

type limitedListener struct {
	net.Listener
	slots     chan struct{} // one per open connection
	done      chan struct{} // closed by Close
	closeOnce sync.Once
}

func (l *limitedListener) Accept() (net.Conn, error) {
	select {
	case l.slots <- struct{}{}:
	case <-l.done:
		return nil, net.ErrClosed
	}
	c, err := l.Listener.Accept()
	if err != nil {
		<-l.slots
		return nil, err
	}
	return &limitedConn{Conn: c, free: func() { <-l.slots }}, nil
}

func (l *limitedListener) Close() error {
	l.closeOnce.Do(func() { close(l.done) })
	return l.Listener.Close()
}

// limitedConn frees its slot once, when it is first closed.
type limitedConn struct {
	net.Conn
	once sync.Once
	free func()
}

func (c *limitedConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(c.free)
	return err
}

package server

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"sync"
	"testing"
	"time"

	"jiangsupass/clock/clocktest"
)

// serveTest runs s.Serve on a loopback listener with the limits until the
// test ends, and returns the address.
func serveTest(t *testing.T, s *Server, lim Limits) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln, lim) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	return ln.Addr().String()
}

// untilClosed reads from c until the server closes it (or the deadline
// passes) and says how long that took from start.
func untilClosed(c net.Conn, r io.Reader, start time.Time, deadline time.Duration) (time.Duration, bool) {
	_ = c.SetReadDeadline(start.Add(deadline))
	_, err := io.Copy(io.Discard, r)
	if ne, ok := err.(net.Error); ok && ne.Timeout() {
		return time.Since(start), false
	}
	return time.Since(start), true
}

// TestSlowClientsAreCutOff holds 100 slow-body connections (a POST whose
// body comes a byte a second) and 100 idle keep-alive connections (one
// request answered, then silence) open against the server on loopback.
// The server closes every one within its limits: a slow body within
// Read, an idle connection within Idle, each with a second's slack.
func TestSlowClientsAreCutOff(t *testing.T) {
	if testing.Short() {
		t.Skip("holds 200 connections for a few seconds")
	}
	s, _, _ := openTest(t, Options{Now: clocktest.Fixed()})
	lim := Limits{ReadHeader: time.Second, Read: 2 * time.Second, Write: 3 * time.Second, Idle: 2 * time.Second, MaxConns: 400}
	addr := serveTest(t, s, lim)
	const each = 100
	const slack = time.Second
	wait := 10 * time.Second // well past every limit: what the old server held them for and more
	var mu sync.Mutex
	var slow, idle []time.Duration
	var open int
	var wg sync.WaitGroup
	for i := range 2 * each {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c, err := net.Dial("tcp", addr)
			if err != nil {
				t.Error(err)
				return
			}
			defer c.Close()
			start := time.Now()
			br := bufio.NewReader(c)
			isSlow := i%2 == 0
			if isSlow {
				fmt.Fprintf(c, "POST /v1/feedback HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nIdempotency-Key: slow-body-%04d\r\nContent-Length: 1000\r\n\r\n", addr, i)
				stop := make(chan struct{})
				defer close(stop)
				go func() { // a byte a second until the server hangs up
					for {
						select {
						case <-stop:
							return
						case <-time.After(time.Second):
							if _, err := c.Write([]byte("{")); err != nil {
								return
							}
						}
					}
				}()
			} else {
				fmt.Fprintf(c, "GET /v1/health HTTP/1.1\r\nHost: %s\r\n\r\n", addr)
				resp, err := http.ReadResponse(br, nil)
				if err != nil {
					t.Errorf("idle connection %d: %v", i, err)
					return
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				start = time.Now() // idle from here
			}
			took, closed := untilClosed(c, br, start, wait)
			mu.Lock()
			defer mu.Unlock()
			switch {
			case !closed:
				open++
			case isSlow:
				slow = append(slow, took)
			default:
				idle = append(idle, took)
			}
		}()
	}
	wg.Wait()
	slices.Sort(slow)
	slices.Sort(idle)
	t.Logf("limits: read header %v, read %v, write %v, idle %v", lim.ReadHeader, lim.Read, lim.Write, lim.Idle)
	t.Logf("%d slow-body connections closed by the server, after %v to %v; %d idle keep-alive ones, after %v to %v (idle time); %d still open after %v",
		len(slow), first(slow), last(slow), len(idle), first(idle), last(idle), open, wait)
	if open != 0 || len(slow) != each || len(idle) != each {
		t.Fatalf("%d connections still open after %v", open, wait)
	}
	if last(slow) > lim.Read+slack || last(idle) > lim.Idle+slack {
		t.Errorf("closed too late: slow bodies by %v (read limit %v), idle by %v (idle limit %v)", last(slow), lim.Read, last(idle), lim.Idle)
	}
}

func first(d []time.Duration) time.Duration {
	if len(d) == 0 {
		return 0
	}
	return d[0].Round(time.Millisecond)
}

func last(d []time.Duration) time.Duration {
	if len(d) == 0 {
		return 0
	}
	return d[len(d)-1].Round(time.Millisecond)
}

// TestConnectionLimit: with MaxConns connections open, the next one is
// not served until one of them closes.
func TestConnectionLimit(t *testing.T) {
	s, _, _ := openTest(t, Options{Now: clocktest.Fixed()})
	lim := Limits{ReadHeader: 20 * time.Second, Read: 20 * time.Second, Write: 20 * time.Second, Idle: 20 * time.Second, MaxConns: 4}
	addr := serveTest(t, s, lim)
	var held []net.Conn
	for range lim.MaxConns {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		held = append(held, c)
	}
	get := func(timeout time.Duration) error {
		c := &http.Client{Timeout: timeout, Transport: &http.Transport{DisableKeepAlives: true}}
		resp, err := c.Get("http://" + addr + "/v1/health")
		if err == nil {
			resp.Body.Close()
		}
		return err
	}
	if err := get(500 * time.Millisecond); err == nil {
		t.Fatalf("a request was served while %d connections were open", lim.MaxConns)
	}
	held[0].Close()
	if err := get(5 * time.Second); err != nil {
		t.Fatalf("after one of %d connections closed: %v", lim.MaxConns, err)
	}
}

package servertest

import (
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
)

// Hold is a handler wrapper that holds one request, the n-th whose path
// begins with a prefix, before the server sees it: as a slow network
// would, mid-sync. The request waits until Release, or until the client
// gives up on it. The others pass at once.
type Hold struct {
	prefix string
	n      int

	mu      sync.Mutex
	seen    int
	held    chan *url.URL
	release chan struct{}
	once    sync.Once
}

// NewHold holds the n-th request (from 1) whose path begins with prefix;
// it is released when the test ends, if not before.
func NewHold(t testing.TB, prefix string, n int) *Hold {
	h := &Hold{prefix: prefix, n: n, held: make(chan *url.URL, 1), release: make(chan struct{})}
	t.Cleanup(h.Release)
	return h
}

// Wrap is the wrapper, for Start.
func (h *Hold) Wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, h.prefix) {
			h.mu.Lock()
			h.seen++
			hold := h.seen == h.n
			h.mu.Unlock()
			if hold {
				u := *r.URL
				h.held <- &u
				select {
				case <-h.release:
				case <-r.Context().Done():
					return
				}
			}
		}
		next.ServeHTTP(w, r)
	})
}

// Held gives the address of the held request once it is being held.
func (h *Hold) Held() <-chan *url.URL { return h.held }

// Release lets the held request through (or any that comes later).
func (h *Hold) Release() { h.once.Do(func() { close(h.release) }) }

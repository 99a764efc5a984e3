package server

import (
	"net"
	"net/http"
	"net/netip"
	"sync"
	"time"
)

// Limits per client address: a bucket of tries that refills at a steady
// rate. They are generous, since a carrier's NAT or a service hall puts
// many people behind one address; the limits per number do the rest.
const (
	addressRequestBurst = 60          // sign-in requests at once…
	addressRequestEvery = time.Second // …then one a second
	addressCodeBurst    = 20          // codes sent at once…
	addressCodeEvery    = 30 * time.Second
	addressesKept       = 1 << 16 // addresses counted at the most
)

// perAddress refuses a sign-in request when its client address has used
// up its requests.
func (a *auth) perAddress(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if wait, ok := a.requests.take(clientAddress(r), a.s.now()); !ok {
			writeLimited(w, wait, "too many sign-in requests from this address")
			return
		}
		h(w, r)
	}
}

// clientAddress is what the limits per address count by: the peer's IP
// address, or for IPv6 its /64, which one household or phone often holds
// whole. Forwarded-for headers are not read: anyone can write them. (A
// server behind a proxy would need to be told which proxy to believe.)
func clientAddress(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return host
	}
	ip = ip.Unmap().WithZone("")
	if ip.Is6() {
		p, _ := ip.Prefix(64)
		return p.String()
	}
	return ip.String()
}

// addressLimiter is a token bucket per client address, on the server's
// clock. It counts at most addressesKept addresses: when full, it forgets
// those whose bucket has filled up again, and refuses a new address while
// none can be forgotten.
type addressLimiter struct {
	burst float64
	every time.Duration

	mu      sync.Mutex
	buckets map[string]*bucket
}

// bucket is one address's tries left, as of a time.
type bucket struct {
	tokens float64
	at     time.Time
}

func newAddressLimiter(burst int, every time.Duration) *addressLimiter {
	return &addressLimiter{burst: float64(burst), every: every, buckets: map[string]*bucket{}}
}

// take spends one try of addr at now; when none is left it says how long
// until one is.
func (l *addressLimiter) take(addr string, now time.Time) (time.Duration, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok := l.buckets[addr]
	if !ok {
		if len(l.buckets) >= addressesKept && !l.forgetFull(now) {
			return l.every, false
		}
		b = &bucket{tokens: l.burst, at: now}
		l.buckets[addr] = b
	}
	l.refill(b, now)
	if b.tokens < 1 {
		return time.Duration((1 - b.tokens) * float64(l.every)), false
	}
	b.tokens--
	return 0, true
}

// refill adds the tries earned since the bucket was last seen. A clock
// that went back earns nothing.
func (l *addressLimiter) refill(b *bucket, now time.Time) {
	if d := now.Sub(b.at); d > 0 {
		b.tokens = min(l.burst, b.tokens+float64(d)/float64(l.every))
		b.at = now
	}
}

// forgetFull drops the addresses whose bucket is full at now, and reports
// whether any went.
func (l *addressLimiter) forgetFull(now time.Time) bool {
	n := len(l.buckets)
	for addr, b := range l.buckets {
		if l.refill(b, now); b.tokens >= l.burst {
			delete(l.buckets, addr)
		}
	}
	return len(l.buckets) < n
}

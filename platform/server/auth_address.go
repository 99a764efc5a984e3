package server

import (
	"context"
	"database/sql"
	"errors"
	"net"
	"net/http"
	"net/netip"
	"time"

	"jiangsupass/platform"
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
		wait, ok, err := a.requests.take(r.Context(), nil, clientAddress(r), a.s.now())
		if err != nil {
			a.s.log.Printf("sign-in limits: %v", err)
			writeError(w, http.StatusServiceUnavailable, platform.CodeUnavailable, "the sign-in limits cannot be read now; try again")
			return
		}
		if !ok {
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
// clock, kept in the database (address_limits) so that every node over it
// counts the same tries. It counts at most kept addresses: when full, it
// forgets those whose bucket has filled up again, and refuses a new
// address while none can be forgotten.
type addressLimiter struct {
	s      *Server
	bucket string // names the limit in address_limits
	burst  float64
	every  time.Duration
	kept   int
}

func newAddressLimiter(s *Server, bucket string, burst int, every time.Duration) *addressLimiter {
	return &addressLimiter{s: s, bucket: bucket, burst: float64(burst), every: every, kept: addressesKept}
}

// take spends one try of addr at now, in tx, or in a transaction of its
// own when tx is nil; when none is left it says how long until one is.
func (l *addressLimiter) take(ctx context.Context, tx *sql.Tx, addr string, now time.Time) (wait time.Duration, ok bool, err error) {
	if tx == nil {
		err = l.s.inTx(ctx, func(tx *sql.Tx, _ *writer) error {
			wait, ok, err = l.take(ctx, tx, addr, now)
			return err
		})
		return wait, ok, err
	}
	if err := l.s.eng.lock(ctx, tx, "address\x00"+l.bucket+"\x00"+addr); err != nil {
		return 0, false, err
	}
	var tokens float64
	var at string
	err = tx.QueryRowContext(ctx, "SELECT tokens, at FROM address_limits WHERE bucket = ? AND address = ?", l.bucket, addr).Scan(&tokens, &at)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		if room, err := l.room(ctx, tx, now); err != nil || !room {
			return l.every, false, err
		}
		tokens, at = l.burst, stamp(now)
	case err != nil:
		return 0, false, err
	}
	last := unstamp(at)
	if d := now.Sub(last); d > 0 { // a clock that went back earns nothing
		tokens = min(l.burst, tokens+float64(d)/float64(l.every))
		last = now
	}
	if tokens < 1 {
		return time.Duration((1 - tokens) * float64(l.every)), false, nil
	}
	tokens--
	full := last.Add(time.Duration((l.burst - tokens) * float64(l.every)))
	_, err = tx.ExecContext(ctx, `INSERT INTO address_limits (bucket, address, tokens, at, full_at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (bucket, address) DO UPDATE SET tokens = excluded.tokens, at = excluded.at, full_at = excluded.full_at`,
		l.bucket, addr, tokens, stamp(last), stamp(full))
	return 0, err == nil, err
}

// room reports whether the limit may count one more address, forgetting
// those whose bucket is full at now when it counts kept already.
func (l *addressLimiter) room(ctx context.Context, tx *sql.Tx, now time.Time) (bool, error) {
	count := func() (int, error) {
		var n int
		err := tx.QueryRowContext(ctx, "SELECT count(*) FROM address_limits WHERE bucket = ?", l.bucket).Scan(&n)
		return n, err
	}
	n, err := count()
	if err != nil || n < l.kept {
		return err == nil, err
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM address_limits WHERE bucket = ? AND full_at <= ?", l.bucket, stamp(now)); err != nil {
		return false, err
	}
	n, err = count()
	return err == nil && n < l.kept, err
}

package platform

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
)

// A client talks to one server, its origin (scheme, host and port), and
// nowhere else: the tokens it holds were issued there, a request that would
// leave for another origin (a redirect, say) is refused before it is sent,
// and tokens kept from a session on another server are not installed. A
// server that is not on this device must use https, so that the tokens and
// the personal requests cannot be read on the way.

// Errors about the server a client is made for.
var (
	// ErrBadServer is an address that is not an http or https URL with a
	// host.
	ErrBadServer = errors.New("platform: the server's address is not an http or https URL")
	// ErrInsecureServer is http:// for a server that is not on this
	// device (127.0.0.0/8, ::1, localhost).
	ErrInsecureServer = errors.New("platform: a server that is not on this device must use https")
	// ErrOtherServer is a request or tokens meant for another server
	// than the client's.
	ErrOtherServer = errors.New("platform: this belongs to another server")
)

// defaultPorts are the ports an origin has when its URL names none.
var defaultPorts = map[string]string{"http": "80", "https": "443"}

// Origin is the origin of a server's address: its scheme, host and port,
// in lower case with the port always written ("https://example.com:443").
// An address that is not an http or https URL with a host is ErrBadServer.
func Origin(raw string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return "", fmt.Errorf("%w: %v", ErrBadServer, err)
	}
	return originOf(u)
}

// originOf is Origin of a parsed URL.
func originOf(u *url.URL) (string, error) {
	scheme := strings.ToLower(u.Scheme)
	port, ok := defaultPorts[scheme]
	host := strings.ToLower(u.Hostname())
	if !ok || host == "" || u.User != nil || u.Opaque != "" {
		return "", fmt.Errorf("%w: %q", ErrBadServer, u.Redacted())
	}
	if p := u.Port(); p != "" {
		port = p
	}
	return scheme + "://" + net.JoinHostPort(host, port), nil
}

// CheckServer says whether a client may talk to the server at raw: an
// http or https URL with a host (else ErrBadServer), and https unless the
// host is this device (else ErrInsecureServer).
func CheckServer(raw string) error {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return fmt.Errorf("%w: %v", ErrBadServer, err)
	}
	if _, err := originOf(u); err != nil {
		return err
	}
	if strings.EqualFold(u.Scheme, "http") && !IsLoopback(u.Hostname()) {
		return fmt.Errorf("%w: %s", ErrInsecureServer, u.Hostname())
	}
	return nil
}

// IsLoopback reports whether host names this device: localhost, an
// address in 127.0.0.0/8, or ::1.
func IsLoopback(host string) bool {
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(strings.Trim(host, "[]"))
	return ip != nil && ip.IsLoopback()
}

// Origin returns the origin of the server the client talks to ("" when
// its address is not a server's; every request then fails).
func (c *Client) Origin() string { return c.origin }

// ResumeTokens installs tokens kept from an earlier session, which the
// server at origin issued. Tokens from another server than the client's
// are not installed: the client is left signed out and the error wraps
// ErrOtherServer.
func (c *Client) ResumeTokens(origin string, t Tokens) error {
	if origin == "" || origin != c.origin {
		c.SetTokens(Tokens{})
		return fmt.Errorf("resume session of %q on %q: %w", origin, c.origin, ErrOtherServer)
	}
	c.SetTokens(t)
	return nil
}

// originGuard carries a client's requests only to its own origin: one
// that would go elsewhere (following a redirect, with the request's body
// and headers) is refused before anything is sent.
type originGuard struct {
	origin string
	next   http.RoundTripper
}

// RoundTrip implements http.RoundTripper.
func (g originGuard) RoundTrip(req *http.Request) (*http.Response, error) {
	if o, err := originOf(req.URL); err != nil || o != g.origin {
		if req.Body != nil {
			_ = req.Body.Close() // a RoundTripper closes the body, even on error
		}
		return nil, fmt.Errorf("request to %s: %w (the client talks to %s)", req.URL.Redacted(), ErrOtherServer, g.origin)
	}
	return g.next.RoundTrip(req)
}

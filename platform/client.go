package platform

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/go-resty/resty/v2"
)

// Options configures a Client. The zero value is usable.
type Options struct {
	// Version is the app's version, sent in the User-Agent.
	Version string
	// Language returns the user's language (a BCP 47 tag) for
	// Accept-Language; nil sends none.
	Language func() string
	// Timeout bounds one attempt of a request; 0 means 20 s.
	Timeout time.Duration
	// Retries is how many times a network error or a 5xx answer is tried
	// again; 0 means 3, a negative number none.
	Retries int
	// RetryWait and RetryMaxWait bound the exponential backoff between
	// attempts (full jitter); 0 means 200 ms and 5 s.
	RetryWait, RetryMaxWait time.Duration
	// Transport carries the requests; nil means a default transport.
	Transport http.RoundTripper
	// OnTokens is called, on the client's goroutine, whenever a sign-in
	// or a refresh gives new tokens, so that the app can keep them.
	OnTokens func(Tokens)
}

// Client talks to a platform server, and only to it (see client_origin.go).
// It is safe for concurrent use.
type Client struct {
	base     string
	origin   string // the server's origin, the only one requests go to
	refuse   error  // why no request may go to base at all (CheckServer)
	r        *resty.Client
	onTokens func(Tokens)

	mu        sync.Mutex
	tokens    Tokens
	areaToken string // a gate's or staff's area token (client_crowd.go)
}

// NewClient makes a client of the platform at baseURL (such as
// "https://api.example.cn" or, on this device, "http://127.0.0.1:8787").
// A client of an address that CheckServer refuses (plain http to another
// machine, or not a URL) fails every request with that error.
func NewClient(baseURL string, opt Options) *Client {
	if opt.Timeout == 0 {
		opt.Timeout = 20 * time.Second
	}
	switch {
	case opt.Retries == 0:
		opt.Retries = 3
	case opt.Retries < 0:
		opt.Retries = 0
	}
	if opt.RetryWait == 0 {
		opt.RetryWait = 200 * time.Millisecond
	}
	if opt.RetryMaxWait == 0 {
		opt.RetryMaxWait = 5 * time.Second
	}
	version := opt.Version
	if version == "" {
		version = "dev"
	}
	r := resty.New().
		SetBaseURL(strings.TrimRight(baseURL, "/")).
		SetTimeout(opt.Timeout).
		SetRetryCount(opt.Retries).
		SetRetryWaitTime(opt.RetryWait).
		SetRetryMaxWaitTime(opt.RetryMaxWait).
		AddRetryCondition(retryable).
		SetHeader("User-Agent", fmt.Sprintf("JiangsuPass/%s (%s; %s)", version, runtime.GOOS, runtime.GOARCH)).
		SetHeader("Accept", "application/json").
		SetLogger(quietLogger{})
	origin, _ := Origin(baseURL)
	next := opt.Transport
	if next == nil {
		next = r.GetClient().Transport
	}
	r.SetTransport(originGuard{origin: origin, next: next})
	// The transport asks for gzip and unpacks it as long as no
	// Accept-Encoding is set by hand; resty leaves it alone.
	if opt.Language != nil {
		lang := opt.Language
		r.OnBeforeRequest(func(_ *resty.Client, req *resty.Request) error {
			if l := lang(); l != "" {
				req.SetHeader("Accept-Language", l)
			}
			return nil
		})
	}
	return &Client{base: baseURL, origin: origin, refuse: CheckServer(baseURL), r: r, onTokens: opt.OnTokens}
}

// retryable says which outcomes are tried again: network errors
// (including a body cut off mid-way) and 5xx answers; never a 4xx, nor a
// request refused because it would leave the client's server.
func retryable(resp *resty.Response, err error) bool {
	if err != nil {
		return !errors.Is(err, context.Canceled) && !errors.Is(err, ErrOtherServer)
	}
	return resp != nil && resp.StatusCode() >= 500
}

// BaseURL returns the server the client talks to.
func (c *Client) BaseURL() string { return c.base }

// SetTokens installs tokens that this client's server has just issued
// (a sign-in or a refresh), or clears them with the zero value. Tokens
// kept from an earlier session go through ResumeTokens, which checks that
// they come from this server.
func (c *Client) SetTokens(t Tokens) {
	c.mu.Lock()
	c.tokens = t
	c.mu.Unlock()
}

// Tokens returns the tokens in use.
func (c *Client) Tokens() Tokens {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.tokens
}

// SignedIn reports whether the client holds an access token.
func (c *Client) SignedIn() bool { return c.Tokens().AccessToken != "" }

// call describes one request.
type call struct {
	method, path string            // path is an OpenAPI path template
	params       map[string]string // its path parameters
	query        map[string][]string
	body         any
	headers      map[string]string
	auth         bool // send the bearer token, refreshing it once on 401
	maybeAuth    bool // send the bearer token if there is one, as it is
	area         bool // send the area token instead (client_crowd.go)
}

// do performs a call and returns the answer's status and body. An answer
// of 4xx or 5xx comes back as an *Error (429 as a *RateLimitError that
// wraps one).
func (c *Client) do(ctx context.Context, cl call) (int, []byte, error) {
	status, body, err := c.once(ctx, cl)
	var pe *Error
	if cl.auth && errors.As(err, &pe) && pe.Status == http.StatusUnauthorized && c.Tokens().RefreshToken != "" {
		if rerr := c.Refresh(ctx); rerr != nil {
			return status, body, err
		}
		return c.once(ctx, cl)
	}
	return status, body, err
}

// once performs a call without the refresh.
func (c *Client) once(ctx context.Context, cl call) (int, []byte, error) {
	if c.refuse != nil {
		return 0, nil, fmt.Errorf("%s %s: %w", cl.method, cl.path, c.refuse)
	}
	req := c.r.R().SetContext(ctx)
	if cl.params != nil {
		req.SetPathParams(cl.params)
	}
	if cl.query != nil {
		req.SetQueryParamsFromValues(cl.query)
	}
	for k, v := range cl.headers {
		req.SetHeader(k, v)
	}
	if cl.body != nil {
		req.SetHeader("Content-Type", "application/json").SetBody(cl.body)
	}
	if cl.auth {
		tok := c.Tokens().AccessToken
		if tok == "" {
			return 0, nil, ErrNotSignedIn
		}
		req.SetAuthToken(tok)
	}
	if tok := c.Tokens().AccessToken; cl.maybeAuth && tok != "" {
		req.SetAuthToken(tok)
	}
	if cl.area {
		tok := c.AreaToken()
		if tok == "" {
			return 0, nil, ErrNoAreaToken
		}
		req.SetAuthToken(tok)
	}
	resp, err := req.Execute(cl.method, cl.path)
	if err != nil {
		return 0, nil, fmt.Errorf("%s %s: %w", cl.method, cl.path, err)
	}
	body := resp.Body()
	if resp.StatusCode() >= 400 {
		return resp.StatusCode(), body, answerError(resp.StatusCode(), resp.Header(), body)
	}
	return resp.StatusCode(), body, nil
}

// decodeError reads the platform's error shape; an answer that lacks it
// still becomes an *Error with the status.
func decodeError(status int, body []byte) *Error {
	e := &Error{}
	if err := json.Unmarshal(body, e); err != nil || e.Code == "" {
		e = &Error{Code: http.StatusText(status), Message: strings.TrimSpace(string(truncate(body, 200)))}
	}
	e.Status = status
	return e
}

func truncate(b []byte, n int) []byte {
	if len(b) > n {
		return b[:n]
	}
	return b
}

// decode reads a JSON answer into v.
func decode(what string, body []byte, v any) error {
	if err := json.Unmarshal(body, v); err != nil {
		return fmt.Errorf("%s: %w: %v", what, ErrBadAnswer, err)
	}
	return nil
}

// Health asks whether the server is up and where its changelog stands.
func (c *Client) Health(ctx context.Context) (Health, error) {
	var h Health
	_, body, err := c.do(ctx, call{method: http.MethodGet, path: "/v1/health"})
	if err == nil {
		err = decode("health", body, &h)
	}
	return h, err
}

// quietLogger drops resty's own log lines: the client returns every error
// to its caller, which decides what to tell the user.
type quietLogger struct{}

func (quietLogger) Errorf(string, ...any) {}
func (quietLogger) Warnf(string, ...any)  {}
func (quietLogger) Debugf(string, ...any) {}

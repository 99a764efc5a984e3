package platform

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// longestWait bounds the wait a Retry-After may ask for: the reference
// server never locks a number for longer than a day.
const longestWait = 24 * time.Hour

// RateLimitError is a 429 rate_limited answer: the platform takes no more
// tries for a while (sign-in limits per number and per client address).
// It unwraps to the answer's *Error.
type RateLimitError struct {
	Answer *Error
	// Wait is what the answer's Retry-After asked for, at most a day; 0
	// when it named no wait the client can read.
	Wait time.Duration
}

// Error implements error.
func (e *RateLimitError) Error() string {
	if e.Wait > 0 {
		return e.Answer.Error() + " (retry after " + e.Wait.String() + ")"
	}
	return e.Answer.Error()
}

// Unwrap returns the platform's answer.
func (e *RateLimitError) Unwrap() error { return e.Answer }

// RetryAfter reports whether err is a rate_limited answer, and the wait
// it asked for (0 when it named none).
func RetryAfter(err error) (time.Duration, bool) {
	var rl *RateLimitError
	if errors.As(err, &rl) {
		return rl.Wait, true
	}
	return 0, false
}

// answerError is the error of a 4xx or 5xx answer: a *RateLimitError for
// 429, carrying its Retry-After, else the decoded *Error.
func answerError(status int, header http.Header, body []byte) error {
	e := decodeError(status, body)
	if status != http.StatusTooManyRequests {
		return e
	}
	return &RateLimitError{Answer: e, Wait: retryAfter(header.Get("Retry-After"))}
}

// retryAfter reads a Retry-After of whole seconds, as the platform sends
// it; anything else, negative or of more than 10 digits is 0 (unknown),
// and a wait over longestWait is cut to it.
func retryAfter(v string) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" || len(v) > 10 {
		return 0
	}
	secs, err := strconv.ParseInt(v, 10, 64)
	if err != nil || secs < 0 {
		return 0
	}
	if secs > int64(longestWait/time.Second) {
		return longestWait
	}
	return time.Duration(secs) * time.Second
}

package platform

import (
	"errors"
	"fmt"
	"net/http"
)

// Error codes of the platform's error answers.
const (
	CodeBadRequest       = "bad_request"
	CodeUnauthorized     = "unauthorized"
	CodeForbidden        = "forbidden"
	CodeNotFound         = "not_found"
	CodeConflict         = "conflict"
	CodeSlotFull         = "slot_full"
	CodeAlreadyBooked    = "already_booked" // one of the caller's own orders holds a visitor's document that day
	CodeTicketLimit      = "ticket_limit"   // the account would hold more tickets in a slot than it may
	CodeNotRefundable    = "not_refundable"
	CodeSlotEnded        = "slot_ended"        // the ticket slot has ended (China time)
	CodeInThePast        = "in_the_past"       // an appointment at a time that has passed
	CodeOutsideHours     = "outside_hours"     // an appointment when the hall takes none
	CodeAlreadyCancelled = "already_cancelled" // an appointment cancelled before
	CodeIdempotencyReuse = "idempotency_key_reused"
	CodeInvalidCode      = "invalid_code"
	CodeRateLimited      = "rate_limited"
	CodeInternal         = "internal"
	CodeUnavailable      = "unavailable"
)

// Error is the one shape of every error the platform answers with, and the
// error the client returns for such an answer.
type Error struct {
	Status  int    `json:"-"` // the HTTP status; 0 for an error made by the client
	Code    string `json:"code"`
	Message string `json:"message"`
}

// Error implements error.
func (e *Error) Error() string {
	if e.Status != 0 {
		return fmt.Sprintf("platform: %d %s: %s", e.Status, e.Code, e.Message)
	}
	return fmt.Sprintf("platform: %s: %s", e.Code, e.Message)
}

// Permanent reports whether repeating the request cannot help: a 4xx
// answer other than 408 (timeout) and 429 (too many requests).
func (e *Error) Permanent() bool {
	return e.Status >= 400 && e.Status < 500 && e.Status != http.StatusRequestTimeout &&
		e.Status != http.StatusTooManyRequests
}

// IsPermanent reports whether err is a platform answer that repeating the
// request cannot change (see Error.Permanent).
func IsPermanent(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Permanent()
}

// ErrNotSignedIn is returned for a personal request when the client holds
// no token.
var ErrNotSignedIn = errors.New("platform: not signed in")

// ErrBadAnswer wraps an answer the client cannot use: a body that is not
// the JSON it should be, or a page that does not answer its request.
var ErrBadAnswer = errors.New("platform: malformed answer")

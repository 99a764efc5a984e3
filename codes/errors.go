package codes

import (
	"errors"
	"fmt"
)

// Reason says why a code was refused, in terms a screen can name.
type Reason int

// The reasons a code is refused.
const (
	ReasonNone            Reason = iota // not refused
	ReasonMalformed                     // not a code of this format at all (bad CBOR, wrong structure)
	ReasonBadPrefix                     // the prefix is not JSP1:/JSC1:/JST1:, or does not match the credential's kind
	ReasonBadBase45                     // a character or triplet outside base45
	ReasonBadZlib                       // the compressed stream is damaged
	ReasonTruncated                     // the code ends early: part of it is missing
	ReasonBadSignature                  // a signature does not match its content
	ReasonWrongDevice                   // signed by a device other than the one the credential names
	ReasonUnknownIssuer                 // the issuer's key id is not in the trust list (or not for that date)
	ReasonExpired                       // the credential's validity has ended
	ReasonNotYetValid                   // the credential's validity has not begun
	ReasonStepOutOfRange                // the 30-second step is more than one step from the verifier's clock
	ReasonReplayed                      // this credential was already scanned in this step
	ReasonRevoked                       // the credential is on the revocation list
	ReasonOldFormat                     // made in the first claim layout, before the CWT claim keys: the holder's app must renew it
	ReasonValidityTooLong               // the credential runs longer than its kind ever may (exp − iat): back-dated or forged
)

var reasonNames = map[Reason]string{
	ReasonNone:            "none",
	ReasonMalformed:       "malformed",
	ReasonBadPrefix:       "bad prefix",
	ReasonBadBase45:       "bad base45",
	ReasonBadZlib:         "bad zlib",
	ReasonTruncated:       "truncated",
	ReasonBadSignature:    "bad signature",
	ReasonWrongDevice:     "wrong device",
	ReasonUnknownIssuer:   "unknown issuer",
	ReasonExpired:         "expired",
	ReasonNotYetValid:     "not yet valid",
	ReasonStepOutOfRange:  "step out of range",
	ReasonReplayed:        "replayed",
	ReasonRevoked:         "revoked",
	ReasonOldFormat:       "old format",
	ReasonValidityTooLong: "validity too long",
}

// String names the reason in English, for logs and test output.
func (r Reason) String() string {
	if s, ok := reasonNames[r]; ok {
		return s
	}
	return fmt.Sprintf("reason(%d)", int(r))
}

// Error is a refused code: the reason and what exactly went wrong.
type Error struct {
	Reason Reason
	Err    error
}

// Error reads "codes: <reason>: <detail>".
func (e *Error) Error() string {
	if e.Err == nil {
		return "codes: " + e.Reason.String()
	}
	return "codes: " + e.Reason.String() + ": " + e.Err.Error()
}

// Unwrap returns the detail.
func (e *Error) Unwrap() error { return e.Err }

// Is matches another *Error with the same reason, so that
// errors.Is(err, &Error{Reason: ReasonExpired}) works.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Reason == e.Reason && t.Err == nil
}

// ReasonOf returns the reason of a refusal, ReasonNone for a nil error and
// ReasonMalformed for an error that is not an *Error.
func ReasonOf(err error) Reason {
	if err == nil {
		return ReasonNone
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Reason
	}
	return ReasonMalformed
}

// fail makes an *Error with a formatted detail.
func fail(r Reason, format string, args ...any) *Error {
	return &Error{Reason: r, Err: fmt.Errorf(format, args...)}
}

package kiosk

import "time"

// IdleState is where a kiosk session stands.
type IdleState int

// The states: in use, warning shown, and time to reset.
const (
	Active IdleState = iota
	Warning
	Expired
)

// Idle times a session from its last input: after Timeout with no input
// it warns, and Warn later the session has expired.
type Idle struct {
	Timeout, Warn time.Duration
	last          time.Time
}

// NewIdle starts an idle timer at now.
func NewIdle(timeout, warn time.Duration, now time.Time) *Idle {
	return &Idle{Timeout: timeout, Warn: warn, last: now}
}

// Touch records input at now.
func (i *Idle) Touch(now time.Time) { i.last = now }

// State says where the session stands at now, and the time left until
// the reset.
func (i *Idle) State(now time.Time) (IdleState, time.Duration) {
	idle := now.Sub(i.last)
	left := i.Timeout + i.Warn - idle
	switch {
	case idle < i.Timeout:
		return Active, left
	case left > 0:
		return Warning, left
	default:
		return Expired, 0
	}
}

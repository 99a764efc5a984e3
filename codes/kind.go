package codes

import (
	"strings"
	"time"
)

// Kind is what a code is for.
type Kind int

// The kinds of code.
const (
	KindService Kind = 1 // 苏服码, the service code
	KindCard    Kind = 2 // the electronic social-security card's code
	KindTicket  Kind = 3 // an e-ticket
)

// Kinds lists every kind, in order.
var Kinds = []Kind{KindService, KindCard, KindTicket}

// Prefix is the text a code of this kind starts with.
func (k Kind) Prefix() string {
	switch k {
	case KindService:
		return "JSP1:"
	case KindCard:
		return "JSC1:"
	case KindTicket:
		return "JST1:"
	}
	return ""
}

// String names the kind in English, for logs.
func (k Kind) String() string {
	switch k {
	case KindService:
		return "service"
	case KindCard:
		return "card"
	case KindTicket:
		return "ticket"
	}
	return "unknown"
}

// KindOf returns the kind a code's prefix names. The prefix is only a
// claim until the code verifies: Verify refuses a code whose prefix and
// credential disagree.
func KindOf(code string) (Kind, bool) {
	k, _, ok := splitPrefix(code)
	return k, ok
}

// splitPrefix returns the kind a code's prefix names and the rest of it.
func splitPrefix(code string) (Kind, string, bool) {
	for _, k := range Kinds {
		if rest, ok := strings.CutPrefix(code, k.Prefix()); ok {
			return k, rest, true
		}
	}
	return 0, "", false
}

// StepPeriod is how long one time step of a presented code lasts.
const StepPeriod = 30 * time.Second

// Step returns the 30-second time step that t falls in.
func Step(t time.Time) int64 {
	u := t.Unix()
	if u < 0 {
		return (u - 29) / 30
	}
	return u / 30
}

// StepLeft returns how long the step that t falls in has still to run: the
// countdown a screen shows before the code refreshes.
func StepLeft(t time.Time) time.Duration {
	end := time.Unix((Step(t)+1)*30, 0)
	return end.Sub(t)
}

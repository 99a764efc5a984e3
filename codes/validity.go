package codes

import (
	"fmt"
	"time"
)

// The longest a credential of each kind may run, from its issue to its
// end (exp − iat). A verifier refuses a credential that claims more, so
// that an issuer key, once retired, cannot sign back-dated credentials
// that stay valid for years, and so that the key can leave the trust list
// a bounded time after it retires.
const (
	// LongestServiceValidity bounds a 苏服码 credential. The platform
	// issues them for 3 days and the app renews them a day before they
	// end; a week leaves room for a longer offline spell, no more.
	LongestServiceValidity = 7 * 24 * time.Hour
	// LongestCardValidity bounds a social-security card code's
	// credential, issued like the service code's.
	LongestCardValidity = 7 * 24 * time.Hour
	// LongestTicketValidity bounds an e-ticket, which runs from its
	// booking to the end of its time slot. The reference platform opens
	// slots 7 days ahead; scenic spots open booking at most about a month
	// ahead, so 31 days hold the furthest booking and its slot.
	LongestTicketValidity = 31 * 24 * time.Hour
)

// LongestValidity is the longest a credential of kind k may run, from its
// issue time to its end; 0 for an unknown kind.
func (k Kind) LongestValidity() time.Duration {
	switch k {
	case KindService:
		return LongestServiceValidity
	case KindCard:
		return LongestCardValidity
	case KindTicket:
		return LongestTicketValidity
	}
	return 0
}

// LongestValidityOfAnyKind is the longest validity of all kinds: how long
// after an issuer key retires a credential it signed can still be valid.
func LongestValidityOfAnyKind() time.Duration {
	var longest time.Duration
	for _, k := range Kinds {
		longest = max(longest, k.LongestValidity())
	}
	return longest
}

// checkLength refuses a credential that runs longer than its kind may.
// (check has made sure that IssuedAt is positive, so the difference does
// not overflow.)
func (c *Credential) checkLength() error {
	longest := c.Kind.LongestValidity()
	if run := c.Expires - c.IssuedAt; run > int64(longest/time.Second) {
		const day = 24 * 60 * 60
		return fmt.Errorf("a %s credential valid for %.1f days from its issue, longer than the %.0f days any may run",
			c.Kind, float64(run)/day, longest.Hours()/24)
	}
	return nil
}

// Needed reports whether a credential this key signed may still be valid
// at now: always for a key that has not retired, and for a retired key
// until the longest validity of any kind has passed since it retired.
// A trust list built at now leaves out the keys that are not needed.
func (k TrustedKey) Needed(now time.Time) bool {
	return k.Until == 0 || now.Unix() < k.Until+int64(LongestValidityOfAnyKind()/time.Second)
}

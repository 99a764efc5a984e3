package screens

import (
	"fmt"
	"testing"

	"jiangsupass/offline"
)

// TestBookingRefusalsSayWhy: an order the device refuses says why in the
// user's language (a paused slot, a sold-out one), not the catch-all.
func TestBookingRefusalsSayWhy(t *testing.T) {
	for _, lang := range []string{"zh-Hans", "zh-Hant", "en", "ja", "ko"} {
		env, _ := testEnv(t, lang)
		other := env.T("BookingErrOther")
		for err, id := range map[error]string{offline.ErrSlotPaused: "BookingErrSlotPaused", offline.ErrSoldOut: "BookingErrSoldOut"} {
			got := bookingErrorText(env, fmt.Errorf("place order: %w", err))
			if got != env.T(id) || got == other || got == id {
				t.Errorf("%s: %v says %q", lang, err, got)
			}
		}
	}
}

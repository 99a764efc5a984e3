package screens

import (
	"strings"
	"testing"

	"jiangsupass/platform"
	"jiangsupass/translations"
)

// TestOrderRefusalsInEveryLanguage: each reason the platform gives for
// refusing an order is said in the reader's language, not quoted in the
// platform's English.
func TestOrderRefusalsInEveryLanguage(t *testing.T) {
	const platformSays = "an account holds at most 20 tickets in one slot"
	for _, lang := range []string{"zh-Hans", "zh-Hant", "en", "ja", "ko"} {
		l, err := translations.New(lang)
		if err != nil {
			t.Fatal(err)
		}
		env := &Env{L: l}
		seen := map[string]string{}
		for _, code := range []string{platform.CodeSlotFull, platform.CodeAlreadyBooked, platform.CodeTicketLimit} {
			got := rejectionText(env, code, platformSays)
			if got == "" || strings.Contains(got, platformSays) {
				t.Errorf("%s, %s: %q", lang, code, got)
			}
			if other, ok := seen[got]; ok {
				t.Errorf("%s: %s and %s read the same: %q", lang, other, code, got)
			}
			seen[got] = code
		}
	}
}

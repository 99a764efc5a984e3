package screens

import (
	"errors"
	"strings"
	"testing"

	"jiangsupass/codes"
)

// TestVerdictNamesNewRefusals: a code in the old claim layout and one that
// claims too long a validity are each refused in words of their own, in
// every language, not as a damaged scan.
func TestVerdictNamesNewRefusals(t *testing.T) {
	for _, lang := range []string{"zh-Hans", "zh-Hant", "en", "ja", "ko"} {
		env, _ := testEnv(t, lang)
		for reason, id := range map[codes.Reason]string{
			codes.ReasonOldFormat:       "VerifyReasonOldFormat",
			codes.ReasonValidityTooLong: "VerifyReasonValidityTooLong",
		} {
			if got := codeRefusalMessage(codes.KindService, reason); got != id {
				t.Fatalf("%v: message %s, want %s", reason, got, id)
			}
			msg := env.T(id)
			if msg == id || msg == env.T("VerifyReasonMalformed") {
				t.Fatalf("%s: %s reads %q", lang, id, msg)
			}
			screen := verdict(env, codes.KindService, nil, &codes.Error{Reason: reason, Err: errors.New("detail")})
			if s := shownTexts(screen); !strings.Contains(s, msg) {
				t.Errorf("%s, %v: the verdict does not say %q:\n%s", lang, reason, msg, s)
			}
		}
	}
}

// TestImageTooLargeMessage: the refusal of a too-large image names the
// limits, filled in, in every language.
func TestImageTooLargeMessage(t *testing.T) {
	for _, lang := range []string{"zh-Hans", "zh-Hant", "en", "ja", "ko"} {
		env, _ := testEnv(t, lang)
		msg := env.L.Tf("VerifyImageTooLarge", map[string]any{"Megapixels": codes.MaxImagePixels / 1_000_000, "Megabytes": codes.MaxImageBytes >> 20})
		if !strings.Contains(msg, "16") || !strings.Contains(msg, "32") || strings.Contains(msg, "{{") || msg == "VerifyImageTooLarge" {
			t.Errorf("%s: %q", lang, msg)
		}
	}
}

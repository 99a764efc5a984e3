package e2e

import (
	"testing"

	"jiangsupass/translations"
)

// Words is what the screens say in lang, read from translations/: the
// words a journey expects to find on the screen are never retyped.
func Words(t testing.TB, lang string) *translations.Localizer {
	t.Helper()
	l, err := translations.New(lang)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

package widgets

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// TestOSKDigitsTypeAnInternationalNumber: the digit keys of a kiosk's
// keyboard type a number with its + and country code, as sign-in takes it.
func TestOSKDigitsTypeAnInternationalNumber(t *testing.T) {
	test.NewTempApp(t)
	e := widget.NewEntry()
	k := NewOSK(OSKLabels{Letters: "abc", Digits: "123", Initials: "zzy"}, OSKDigits, func() fyne.Focusable { return e })
	keys := map[string]*oskKey{}
	for _, row := range k.box.Objects {
		if g, ok := row.(*fyne.Container); ok {
			for _, o := range g.Objects {
				if b, ok := o.(*oskKey); ok {
					keys[b.Text] = b
				}
			}
		}
	}
	for _, c := range "+447700900123" {
		key, ok := keys[string(c)]
		if !ok {
			t.Fatalf("no %q key on the digit keys", c)
		}
		test.Tap(key)
	}
	if e.Text != "+447700900123" {
		t.Errorf("typed %q", e.Text)
	}
}

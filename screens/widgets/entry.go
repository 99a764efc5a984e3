package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/mobile"
	"fyne.io/fyne/v2/widget"
)

// Entry is a text field that hands the phone's Back key to the window.
// The mobile driver gives keys to the focused widget, and only a tap
// elsewhere takes the focus from a field: with Fyne's own entry, once the
// system has closed the keyboard, Back would do nothing on a page with a
// field that had been typed into. Every text field of the screens is an
// Entry or a ScanEntry.
type Entry struct {
	widget.Entry
}

// NewEntry makes a one-line text field.
func NewEntry() *Entry {
	e := &Entry{}
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	e.ExtendBaseWidget(e)
	return e
}

// NewMultiLineEntry makes a text field of several lines.
func NewMultiLineEntry() *Entry {
	e := &Entry{}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey hands Back on (PassBack) and types every other key.
func (e *Entry) TypedKey(k *fyne.KeyEvent) {
	if !PassBack(e, k) {
		e.Entry.TypedKey(k)
	}
}

// AccessibilityLabel is what a screen reader says: the field's hint, and
// what is in it.
func (e *Entry) AccessibilityLabel() string { return fieldLabel(&e.Entry) }

// AccessibilityRole is a text's.
func (e *Entry) AccessibilityRole() fyne.AccessibleRole { return fyne.AccessibleRoleText }

// fieldLabel is what a screen reader says of a text field: its hint, and
// what is in it (nothing of a password's).
func fieldLabel(e *widget.Entry) string {
	if e.Text == "" || e.Password {
		return e.PlaceHolder
	}
	return e.PlaceHolder + ": " + e.Text
}

// PassBack gives the window the Back key that reached field: the field
// lets go of the focus and the window's key handler (the app's Back)
// takes the key, as if no field had had it. It reports whether k was
// Back; other keys are left to the field.
func PassBack(field fyne.CanvasObject, k *fyne.KeyEvent) bool {
	if k.Name != mobile.KeyBack {
		return false
	}
	a := fyne.CurrentApp()
	if a == nil {
		return true
	}
	c := a.Driver().CanvasForObject(field)
	if c == nil {
		return true
	}
	c.Unfocus()
	if on := c.OnTypedKey(); on != nil {
		on(k)
	}
	return true
}

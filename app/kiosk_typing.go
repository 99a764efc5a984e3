package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"jiangsupass/screens/widgets"
)

// Keys typed on a physical keyboard go straight to the focused text
// field; Fyne tells the canvas's key handlers only when nothing has the
// focus. So on each tick the kiosk looks at the focused field's text and
// its cursor: a change since the last tick is someone typing, and counts
// as input like a tap.

// fieldState is what typing changes in a text field.
type fieldState struct {
	field    fyne.Focusable
	text     string
	row, col int
}

// focusedFieldState reads the focused field's text and cursor; ok is
// false when no text field has the focus.
func focusedFieldState(f fyne.Focusable) (fieldState, bool) {
	var e *widget.Entry
	switch v := f.(type) {
	case *widget.Entry:
		e = v
	case *widgets.Entry:
		e = &v.Entry
	case *widget.SelectEntry:
		e = &v.Entry
	case *widgets.ScanEntry:
		e = &v.Entry
	default:
		return fieldState{}, false
	}
	return fieldState{field: f, text: e.Text, row: e.CursorRow, col: e.CursorColumn}, true
}

// noteTyping counts a change in the focused field since the last tick as
// input.
func (k *kioskMode) noteTyping() {
	if k.window == nil {
		return
	}
	now, ok := focusedFieldState(k.window.Canvas().Focused())
	if ok && now.field == k.typed.field && now != k.typed {
		k.touch()
	}
	k.typed = now
}

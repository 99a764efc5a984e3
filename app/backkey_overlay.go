package app

import (
	"reflect"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// closeOverlay closes the dialog or pop-up on top of the window as the
// Back key does on a phone: as its cancel button would (the button with
// the cancel icon, or a dialog's only button), so that the dialog's own
// answer to "no" runs; one with neither is hidden. It reports whether
// there was one.
func (s *Shell) closeOverlay() bool {
	if s.window == nil {
		return false
	}
	top := s.window.Canvas().Overlays().Top()
	if top == nil {
		return false
	}
	if b := cancelButton(top); b != nil {
		b.OnTapped()
		return true
	}
	if p, ok := contentOf(top).(*widget.PopUp); ok {
		p.Hide() // the pop-up removes its overlay and can be shown again
		return true
	}
	top.Hide()
	s.window.Canvas().Overlays().Remove(top)
	return true
}

// cancelButton is the button of an overlay that says no: the enabled one
// with the cancel icon, else the only enabled one; nil when there is
// neither.
func cancelButton(o fyne.CanvasObject) *widget.Button {
	var all []*widget.Button
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		switch x := o.(type) {
		case *widget.Button:
			if !x.Disabled() && x.OnTapped != nil {
				all = append(all, x)
			}
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		default:
			walk(contentOf(o))
		}
	}
	walk(o)
	cancel := theme.CancelIcon().Name()
	for _, b := range all {
		if b.Icon != nil && b.Icon.Name() == cancel {
			return b
		}
	}
	if len(all) == 1 {
		return all[0]
	}
	return nil
}

// contentOf is what a wrapping object shows: its exported Content field,
// as a pop-up, a scroll and the container Fyne puts a pop-up in on the
// overlay layer have (the last is internal to Fyne, so no type names it
// here); nil for any other object.
func contentOf(o fyne.CanvasObject) fyne.CanvasObject {
	v := reflect.ValueOf(o)
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return nil
	}
	f := v.Elem().FieldByName("Content")
	if !f.IsValid() || !f.CanInterface() {
		return nil
	}
	c, _ := f.Interface().(fyne.CanvasObject)
	return c
}

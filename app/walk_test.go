package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"jiangsupass/screens"
	"jiangsupass/screens/widgets"
)

// visit is one visible object found while walking a canvas, with its
// nearest tappable ancestor (or itself).
type visit struct {
	obj     fyne.CanvasObject
	tapping fyne.Tappable
}

// walk calls f for every visible object under o, depth first, as the
// painter would reach it: containers' objects and widgets' renderers.
func walk(o fyne.CanvasObject, tap fyne.Tappable, f func(visit)) {
	if o == nil || !o.Visible() {
		return
	}
	if t, ok := o.(fyne.Tappable); ok {
		tap = t
	}
	f(visit{obj: o, tapping: tap})
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			walk(c, tap, f)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			walk(c, tap, f)
		}
	}
}

// texts returns every visible, non-empty canvas.Text under o.
func texts(o fyne.CanvasObject) []*canvas.Text {
	var out []*canvas.Text
	walk(o, nil, func(v visit) {
		if t, ok := v.obj.(*canvas.Text); ok && t.Text != "" {
			out = append(out, t)
		}
	})
	return out
}

// hasText reports whether some visible text under o reads s.
func hasText(o fyne.CanvasObject, s string) bool {
	for _, t := range texts(o) {
		if t.Text == s {
			return true
		}
	}
	return false
}

// tapText taps the tappable that holds the text s, as a finger on it
// would, and reports whether there was one.
func tapText(o fyne.CanvasObject, s string) bool {
	var target fyne.Tappable
	walk(o, nil, func(v visit) {
		if t, ok := v.obj.(*canvas.Text); ok && t.Text == s && v.tapping != nil && target == nil {
			target = v.tapping
		}
	})
	if target == nil {
		return false
	}
	test.Tap(target)
	return true
}

// signInFields opens Sign-in and returns its two fields, phone and code.
func signInFields(t *testing.T, s *Shell, w fyne.Window) []*widgets.Entry {
	t.Helper()
	s.Go(screens.Route{Screen: screens.SignInID})
	return signInEntries(t, w)
}

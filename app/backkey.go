package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/mobile"

	"jiangsupass/screens"
	"jiangsupass/screens/widgets"
)

// backKey is what the phone's Back key needs to know beyond the history:
// which screens of the generation shown hold input not sent, and how to
// leave the app.
type backKey struct {
	gen    int           // the generation inputs were told by
	inputs []func() bool // the screens' HoldsInput checks
	// leave hands the key to the system, which leaves the app; nil: the
	// mobile driver's GoBack (on Android, the activity ends).
	leave func()
}

// typedKey takes the keys the window gets while no widget has the focus.
// On the mobile driver that is where the Back key arrives; Fyne's own
// answer to it, leaving the app, is what the shell now decides.
func (s *Shell) typedKey(k *fyne.KeyEvent) {
	if k.Name == mobile.KeyBack {
		s.goBack()
	}
}

// goBack is the Back key: it closes the dialog on top first; else it goes
// to the previous page; on a page alone in its history that is not a
// tab's first page, to that tab's first page; and from a tab's first page
// it leaves the app. Where the page holds input the user has not sent (a
// half-filled form), it asks before it drops it.
func (s *Shell) goBack() {
	if s.closeOverlay() {
		return
	}
	next := s.backAction()
	if s.holdsInput() && s.window != nil {
		s.askToDiscard(next)
		return
	}
	next()
}

// backAction is where Back goes from the page shown.
func (s *Shell) backAction() func() {
	if len(s.history) > 1 {
		return s.Back
	}
	sc, ok := screens.Lookup(s.Current().Screen)
	if ok && sc.Root {
		return s.leaveApp
	}
	root := screens.Route{Screen: homeID()}
	if t, found := screens.TabRoot(sc.Tab); ok && found {
		root.Screen = t.ID
	}
	if s.allow != nil && !s.allow(root.Screen) {
		return s.leaveApp
	}
	return func() { s.Go(root) }
}

// leaveApp hands the Back key to the system.
func (s *Shell) leaveApp() {
	if s.back.leave != nil {
		s.back.leave()
		return
	}
	if s.app == nil {
		return
	}
	if d, ok := s.app.Driver().(mobile.Driver); ok {
		d.GoBack()
	}
}

// keepInput keeps a screen's check of input not sent, for the generation
// that built it.
func (s *Shell) keepInput(gen int, holds func() bool) {
	if gen != s.gen {
		return // a screen already left
	}
	if s.back.gen != gen {
		s.back.gen, s.back.inputs = gen, nil
	}
	s.back.inputs = append(s.back.inputs, holds)
}

// holdsInput reports whether the page shown holds input not sent.
func (s *Shell) holdsInput() bool {
	if s.back.gen != s.gen {
		return false
	}
	for _, holds := range s.back.inputs {
		if holds() {
			return true
		}
	}
	return false
}

// askToDiscard asks whether to drop the input on the page; then runs
// when the user says to.
func (s *Shell) askToDiscard(then func()) {
	body := widgets.NewWrappedLabel(s.loc.T("BackDiscardBody"))
	d := dialog.NewCustomConfirm(s.loc.T("BackDiscardTitle"), s.loc.T("BackDiscard"), s.loc.T("BackKeepEditing"), body,
		func(discard bool) {
			if discard {
				then()
			}
		}, s.window)
	d.Resize(fyne.NewSize(min(s.window.Canvas().Size().Width*0.9, 480), 0))
	d.Show()
}

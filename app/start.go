package app

import "fyne.io/fyne/v2"

// showShell gives w the shell's screens once the app has started, on the
// UI goroutine, and not before: until then the mobile driver runs fyne.Do
// at once on the goroutine that calls it, so a screen's load returning
// while the screens were still being built would draw from its own
// goroutine while the builder measured text (data races, and panics in
// the text shaper). Built in the start hook, every screen's results and
// callbacks reach its widgets through the driver's queue, on every driver.
// The window's keys go to the shell from then on (the Back key). Repairs
// of the store made while the app runs are told from then on (a repair
// before that is told then).
func showShell(a fyne.App, w fyne.Window, s *Shell) {
	shown := false
	a.Lifecycle().SetOnStarted(func() {
		if shown {
			return
		}
		shown = true
		w.SetContent(withFirstFrameProbe(a, s.Content()))
		w.Canvas().SetOnTypedKey(s.typedKey) // the phone's Back key
		s.watchRepairs()
	})
}

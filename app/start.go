package app

import (
	"fyne.io/fyne/v2"

	"jiangsupass/kiosk"
)

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

// showKiosk gives w the shell under the kiosk's supervision once the app
// has started, for showShell's reasons, and starts the kiosk's idle timer
// then; quit ends the app once the staff PIN is given. The function it
// returns stops the timer, when one was started.
func showKiosk(a fyne.App, w fyne.Window, kc kiosk.Config, s *Shell, quit func()) (stop func()) {
	var k *kioskMode
	a.Lifecycle().SetOnStarted(func() {
		if k != nil {
			return
		}
		k = newKioskMode(kc, s, w, quit)
		k.start()
		w.SetContent(withFirstFrameProbe(a, k.Content()))
	})
	return func() {
		if k != nil {
			k.close()
		}
	}
}

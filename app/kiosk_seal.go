package app

import (
	"errors"
	"net/url"

	"fyne.io/fyne/v2"
)

// errKioskNoURL is what a public kiosk answers to a link: it opens no
// browser, dialler or other app a visitor could wander off in.
var errKioskNoURL = errors.New("a public kiosk opens no links")

// kioskApp is the app as a public kiosk runs it: the same app, except that
// it opens no URL, whichever widget asks (a hyperlink calls
// fyne.CurrentApp().OpenURL itself).
type kioskApp struct{ fyne.App }

// OpenURL refuses every URL.
func (kioskApp) OpenURL(u *url.URL) error {
	fyne.LogError("kiosk: link refused: "+u.Scheme+":", errKioskNoURL)
	return errKioskNoURL
}

// sealKiosk makes a, as kioskApp, the app every widget reaches through
// fyne.CurrentApp, and returns it for the kiosk to run on. The screens
// leave out what would open a file dialog or a link in kiosk mode
// (screens.Env.Kiosk); this is the catch for anything they miss.
func sealKiosk(a fyne.App) fyne.App {
	k := kioskApp{a}
	fyne.SetCurrentApp(k)
	return k
}

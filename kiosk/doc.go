// Package kiosk holds the parts of kiosk mode that need no UI: the kiosk
// configuration file and its roles, the administrator's PIN, the idle
// timer and the classifier that tells a barcode scanner's keystrokes from
// a person's typing. It never imports fyne; app/kiosk*.go puts it on screen.
package kiosk

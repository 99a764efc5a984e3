package app

import (
	"errors"
	"net/url"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// TestKioskOpensNoLink taps a link on a kiosk: the app the kiosk runs on
// refuses it, so the URL opener under it (a recorder here) is never
// reached, whichever widget asked.
func TestKioskOpensNoLink(t *testing.T) {
	a, rec := recordSeams(t)
	k := sealKiosk(a)
	if fyne.CurrentApp() != k {
		t.Fatal("the sealed app is not the one widgets reach")
	}
	u, _ := url.Parse("tel:12345")
	link := widget.NewHyperlink("12345", u)
	w := test.NewTempWindow(t, container.NewVBox(link))
	w.Resize(fyne.NewSize(400, 300))
	tapCentre(link)
	if got := rec.take(); len(got) != 0 {
		t.Errorf("a kiosk's link reached the URL opener: %q", got)
	}
	if err := k.OpenURL(u); !errors.Is(err, errKioskNoURL) {
		t.Errorf("OpenURL on a kiosk: %v", err)
	}
	// The rest of the app is the app's own.
	if k.Settings() != a.Settings() || k.Storage() != a.Storage() {
		t.Error("the sealed app does not pass the rest through")
	}
}

package app

import (
	"testing"

	"fyne.io/fyne/v2"

	"jiangsupass/screens"
)

// textTop is where the first visible text reading s is drawn in the
// window, and whether there is one.
func textTop(o fyne.CanvasObject, s string) (float32, bool) {
	for _, t := range texts(o) {
		if t.Text == s {
			return fyne.CurrentApp().Driver().AbsolutePositionForObject(t).Y, true
		}
	}
	return 0, false
}

// TestOpenSettingsScrollsToItsSection: booking with no slots offers "Open
// Settings", which opens Settings scrolled to the sync section it speaks
// of, on a phone where that section is below the fold, in both text
// sizes.
func TestOpenSettingsScrollsToItsSection(t *testing.T) {
	for _, elder := range []bool{false, true} {
		s, w := newTestShell(t, prefs{lang: "en", theme: ThemeLight, elder: elder}, LayoutPhone, fyne.NewSize(390, 844))
		s.Go(screens.Route{Screen: screens.SettingsID})
		if y, ok := textTop(w.Content(), "Sync with the platform"); !ok || y < 844 {
			t.Fatalf("elder %v: Settings opened from Me shows the sync section at y=%.0f: the test needs it below the fold", elder, y)
		}
		s.Go(screens.Route{Screen: screens.BookingID, Param: "a=5a-002"})
		if !tapText(w.Content(), "Open Settings") {
			t.Fatal("no Open Settings on a booking with no slots")
		}
		if r := s.Current(); r.Screen != screens.SettingsID {
			t.Fatalf("Open Settings opened %+v", r)
		}
		// The section's title is in the window, with room below it
		// (the content may end before it reaches the very top).
		y, ok := textTop(w.Content(), "Sync with the platform")
		if !ok {
			t.Fatal("no sync section in Settings")
		}
		if y < 0 || y > 844/2 {
			t.Errorf("elder %v: the sync section's title is drawn at y=%.0f, want in the upper half of the window", elder, y)
		}
	}
}

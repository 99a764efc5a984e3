package app

import (
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
)

// TestGateShots renders, when JSP_SHOTS_DIR names a folder, a gate kiosk
// to PNG files there for a person to look at: Verify after a ticket was
// admitted, after it was refused, and the staff view behind the PIN, on a
// phone and a desktop, in Simplified Chinese and English, normal and 长辈版.
func TestGateShots(t *testing.T) {
	dir := os.Getenv("JSP_SHOTS_DIR")
	if dir == "" {
		t.Skip("JSP_SHOTS_DIR names no folder for the PNG files")
	}
	for _, size := range []struct {
		name   string
		size   fyne.Size
		layout Layout
	}{{"phone", fyne.NewSize(390, 844), LayoutPhone}, {"desktop", fyne.NewSize(1280, 800), LayoutDesktop}} {
		for _, lang := range []string{"zh-Hans", "en"} {
			for _, elder := range []bool{false, true} {
				large := "large_text = false"
				style := "normal"
				if elder {
					large, style = "large_text = true", "elder"
				}
				g := startGateKiosk(t, size.size, large)
				g.kt.s.layout = size.layout
				g.kt.s.SetLanguage(lang)
				capture := func(what string) {
					t.Helper()
					path := filepath.Join(dir, "gate-"+what+"_"+size.name+"_"+lang+"_"+style+".png")
					f, err := os.Create(path)
					if err != nil {
						t.Fatal(err)
					}
					defer f.Close()
					if err := png.Encode(f, g.kt.w.Canvas().Capture()); err != nil {
						t.Fatal(err)
					}
				}
				g.kt.scan(g.code())
				capture("admitted")
				g.kt.clock.Add(60e9)
				g.kt.scan(g.code())
				capture("refused")
				g.openStaffView(t, g.kt.s.loc.T("KioskStaffOpen"))
				capture("staff")
			}
		}
	}
}

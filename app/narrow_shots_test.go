package app

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"fyne.io/fyne/v2"

	"jiangsupass/screens"
)

// TestNarrowPhoneShots renders, when JSP_SHOTS_DIR names a folder, every
// screen on a 320×700 phone to PNG files there, in Simplified Chinese and
// English, normal and 长辈版, light and dark, for a person to look at;
// JSP_SHOTS_SCREENS, a regular expression, narrows it to the screens
// whose ID it matches.
func TestNarrowPhoneShots(t *testing.T) {
	dir := os.Getenv("JSP_SHOTS_DIR")
	if dir == "" {
		t.Skip("JSP_SHOTS_DIR names no folder for the PNG files")
	}
	only := regexp.MustCompile(os.Getenv("JSP_SHOTS_SCREENS"))
	size := fyne.NewSize(320, 700)
	for _, lang := range []string{"zh-Hans", "en"} {
		for _, elder := range []bool{false, true} {
			for _, mode := range []ThemeMode{ThemeLight, ThemeDark} {
				s, _ := newTestShell(t, prefs{lang: lang, elder: elder, theme: mode}, LayoutPhone, size)
				for _, sc := range screens.All() {
					if !only.MatchString(string(sc.ID)) {
						continue
					}
					for _, r := range sc.SampleRoutes(s.env()) {
						path := filepath.Join(dir, snapshotName(r, "phone320", lang, elder, mode))
						if err := renderRoute(fyne.CurrentApp(), s, r, size, path); err != nil {
							t.Fatal(err)
						}
					}
				}
			}
		}
	}
}

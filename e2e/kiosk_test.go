//go:build e2e

package e2e

import (
	"fmt"
	"image"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// kioskFile writes a kiosk file for role (as packaging/kiosk.example.toml
// describes) with the shortest idle time the file allows, and a warning
// long enough for OCR, which takes up to 15 s a read of a 1920×1080
// screen while journeys run side by side, to read it twice.
func kioskFile(t *testing.T, role, hall string) string {
	t.Helper()
	body := fmt.Sprintf(`role = %q
idle_timeout = "60s"
warning = "45s"
language = "zh-Hans"
admin_pin_hash = "pbkdf2-sha256$600000$291wBhDH7vfVbZLbbGcK7Q$3FvhpO3Rph2UR0E1WCl1GnIwOUSNM2PpvE/cdyXW8Qk"
hide_cursor = false
large_text = true
[location]
name = "苏州市政务服务中心"
lon = 120.5853
lat = 31.2990
`, role)
	if hall != "" {
		body = fmt.Sprintf("hall = %q\n", hall) + body
	}
	path := filepath.Join(t.TempDir(), role+".toml")
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// kioskSizes are the screens a service-hall kiosk must work on.
var kioskSizes = []image.Point{{1280, 800}, {1920, 1080}, {1080, 1920}}

// TestServiceHallKiosk walks a service-hall kiosk at each supported
// screen: Chinese from the first frame; the on-screen keyboard types
// "shebao" when its keys are tapped; a 苏服码 typed by a scanner checks
// the visitor in, and the number is shown whole with no keyboard over it;
// English on the bar; then the idle warning and the reset, back in
// Chinese.
func TestServiceHallKiosk(t *testing.T) {
	for _, size := range kioskSizes {
		t.Run(fmt.Sprintf("%dx%d", size.X, size.Y), func(t *testing.T) {
			t.Parallel()
			serviceHallJourney(t, size)
		})
	}
}

func serviceHallJourney(t *testing.T, size image.Point) {
	zh, en := Words(t, "zh-Hans"), Words(t, "en")
	p := StartPlatform(t)
	s := StartScreen(t, fmt.Sprintf("kiosk-hall-%dx%d", size.X, size.Y), size.X, size.Y)
	a := StartApp(t, s, "--kiosk", kioskFile(t, "service-hall", "hall-320500"), "--api", p.URL)
	if _, _, w, h := a.Geometry(); w != size.X || h != size.Y {
		t.Errorf("the kiosk's window is %d×%d on a %d×%d screen", w, h, size.X, size.Y)
	}
	s.ReadUntil("start", time.Minute, zh.T("TabHome"), zh.T("CardTitle"), zh.T("ServiceCodeTitle"),
		zh.T("KioskCheckIn"), zh.T("KioskKeyboard"), zh.T("KioskStartOver"), zh.T("KioskStaff"))

	// The on-screen keyboard: tap s-h-e-b-a-o, read what was typed.
	s.ClickText("start", zh.T("SearchPlaceholder"))
	s.ReadUntil("keyboard", 30*time.Second, zh.T("OSKInitials"))
	keys := LetterKeys(Keys(s.Shot("keyboard-keys"), image.Rect(0, size.Y/4, size.X, size.Y)))
	for i, c := range "shebao" {
		k, ok := keys[c]
		if !ok {
			t.Fatalf("no key %c found on the keyboard", c)
		}
		s.Click(center(k))
		if i == 0 {
			// The first letter takes Home to the search screen, as a
			// person sees before the next tap.
			s.ReadUntil("search-opened", 30*time.Second, zh.T("SearchTitle"), zh.T("OSKInitials"))
		}
	}
	s.ReadUntil("typed-shebao", 30*time.Second, "shebao", zh.T("SearchInApp"), zh.T("CardTitle"))

	// A dialog over the open keyboard answers taps, and so does the
	// screen once it has closed.
	s.ClickText("typed-shebao", zh.T("KioskStaff"))
	s.ReadUntil("staff-dialog", 30*time.Second, zh.T("KioskPINBody"), zh.T("KioskExit"))
	s.ClickText("staff-dialog", zh.T("KioskCancel"))
	s.ReadUntilGone("staff-dialog-closed", 30*time.Second, zh.T("KioskPINBody"))

	// Check in with a scanned code: no keyboard, the whole verdict.
	s.ClickText("typed-shebao", zh.T("KioskCheckIn"))
	s.ReadUntil("check-in", 30*time.Second, zh.T("CheckInIntroKiosk"))
	if k := LetterKeys(Keys(s.Shot("check-in-no-keyboard"), image.Rect(0, size.Y/4, size.X, size.Y))); len(k) > 0 {
		t.Error("the keyboard is open on the check-in screen, which takes a scan")
	}
	p.WaitFor(t, "/v1/trust-list", 1, time.Minute)
	time.Sleep(2 * time.Second) // the page applied
	s.Scan(p.ServiceCode(t, 0), 8*time.Millisecond)
	s.ReadUntil("verdict", 40*time.Second, zh.T("CheckInYourNumber"), zh.T("VerifyHolder"), zh.T("CheckInAt"), zh.T("CheckInWait"))
	if number := regexp.MustCompile(`b\d{3}`).FindString(s.ReadLarge("verdict-number").Text()); number == "" {
		t.Error("no queue number (B and three digits) on the screen")
	} else {
		t.Logf("queue number %s", strings.ToUpper(number))
	}
	if k := LetterKeys(Keys(s.Shot("verdict-no-keyboard"), image.Rect(0, size.Y/4, size.X, size.Y))); len(k) > 0 {
		t.Error("the keyboard covers the verdict")
	}

	// English, then the idle warning and the reset back to Chinese.
	s.ClickText("verdict", "English")
	s.ReadUntil("english", 30*time.Second, en.T("KioskStartOver"), en.T("KioskStaff"), en.T("KioskCheckIn"))
	s.ReadUntil("idle-warning", 2*time.Minute, en.T("KioskIdleTitle"), en.T("KioskContinue"))
	s.ReadUntil("reset", 60*time.Second, zh.T("TabHome"), zh.T("KioskStartOver"), zh.T("KioskStaff"), zh.T("CardTitle"))
}

// TestTouristKiosk: a tourist kiosk at 1920×1080 shows Chinese from the
// first frame and English after a tap on the bar.
func TestTouristKiosk(t *testing.T) {
	t.Parallel()
	zh, en := Words(t, "zh-Hans"), Words(t, "en")
	s := StartScreen(t, "kiosk-tourist-1920x1080", 1920, 1080)
	StartApp(t, s, "--kiosk", kioskFile(t, "tourist", ""))
	s.ReadUntil("start", time.Minute, zh.T("TabHome"), zh.T("TabMap"), zh.T("AttractionsTitle"), zh.T("NearbyTitle"),
		zh.T("KioskStartOver"), zh.T("KioskStaff"))
	s.ClickText("start", "English")
	s.ReadUntil("english", 30*time.Second, en.T("TabHome"), en.T("TabMap"), en.T("AttractionsTitle"), en.T("NearbyTitle"),
		en.T("KioskStartOver"), en.T("KioskStaff"))
}

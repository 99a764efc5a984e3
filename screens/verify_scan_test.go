package screens

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"jiangsupass/codes"
	"jiangsupass/codes/codestest"
	"jiangsupass/platform"
	"jiangsupass/screens/widgets"
)

// TestKioskVerifyTellsScanFromTyping: on a kiosk, a code typed at scanner
// speed (8 ms a key) and ending in Enter is verified; the same code typed
// by hand (300 ms a key) and Enter is not taken as a scan and shows no
// verdict.
func TestKioskVerifyTellsScanFromTyping(t *testing.T) {
	env, _ := testEnv(t, "en")
	base := env.Now()
	clock := base
	env.Now = func() time.Time { return clock }
	env.Kiosk = true
	env.Verifier = codes.NewVerifier()
	if _, err := env.Store.SaveSignedTrustList(context.Background(), 3, codestest.TrustList(t, 3, base)); err != nil {
		t.Fatal(err)
	}
	holder := testResident(t, base)
	present := func() string {
		shown, err := holder.present(context.Background(), platform.CredentialCard, clock)
		if err != nil {
			t.Fatal(err)
		}
		return shown.Text
	}
	type keys struct {
		name string
		gap  time.Duration
		want bool
	}
	for _, c := range []keys{{"by hand", 300 * time.Millisecond, false}, {"scanner", 8 * time.Millisecond, true}} {
		screen := buildVerify(env, Route{Screen: VerifyID})
		show(t, screen)
		entry := find[*widgets.ScanEntry](screen)[0]
		code := present()
		for _, r := range code {
			clock = clock.Add(c.gap)
			entry.TypedRune(r)
		}
		clock = clock.Add(c.gap)
		entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		s := shownTexts(screen)
		if got := strings.Contains(s, "Valid"); got != c.want {
			t.Errorf("%s, %v a key: verdict shown %v, want %v:\n%s", c.name, c.gap, got, c.want, s)
		}
		if !c.want && entry.Text != code {
			t.Errorf("%s: the typed code was taken as a scan", c.name)
		}
		if c.want && !strings.Contains(s, "张*") {
			t.Errorf("%s: the scan's verdict lacks the masked holder:\n%s", c.name, s)
		}
		t.Logf("%s: %d keys over %v", c.name, len(code), time.Duration(len(code))*c.gap)
	}
}

// TestScanFieldsTakeTheFocus: on a desktop, Verify gives its scan field
// the focus, so that a scanner's keys go into it. Its load is applied
// after the screen is in the window, as the app applies it; a window
// focuses only what it holds, and the screen once asked before its
// content was in it, which the real window refused. On a kiosk neither
// Verify nor check-in focuses its field: the kiosk takes scans at the
// window.
func TestScanFieldsTakeTheFocus(t *testing.T) {
	env, _ := testEnv(t, "en")
	linkPlatform(env, mustURL(checkInPlatform(t, env)))
	var pending []func()
	env.Load = func(work func(context.Context), apply func()) {
		work(context.Background())
		pending = append(pending, apply)
	}
	for _, c := range []struct {
		kiosk bool
		route Route
	}{
		{false, Route{Screen: VerifyID}},
		{true, Route{Screen: VerifyID}},
		{true, CheckInRoute("hall-320500", "")},
	} {
		w := test.NewTempWindow(t, nil)
		env.Window, env.Kiosk = w, c.kiosk
		sc, _ := Lookup(c.route.Screen)
		screen := sc.Build(env, c.route)
		w.SetContent(screen)
		for len(pending) > 0 { // as the app does, once the screen is in the window
			apply := pending[0]
			pending = pending[1:]
			apply()
		}
		field := find[*widgets.ScanEntry](screen)
		if len(field) != 1 {
			t.Fatalf("%s: %d scan fields", c.route.Screen, len(field))
		}
		focused := w.Canvas().Focused() == field[0]
		if focused == c.kiosk {
			t.Errorf("%s, kiosk %v: the scan field has the focus: %v", c.route.Screen, c.kiosk, focused)
		}
	}
}

// mustURL is the address of checkInPlatform's answer.
func mustURL(url string, _ map[string]string) string { return url }

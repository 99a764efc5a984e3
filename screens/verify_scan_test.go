package screens

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"jiangsupass/codes"
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
	terminalVerifier = codes.NewVerifier()
	tl, err := codes.DemoTrustList(3, base.AddDate(-1, 0, 0), base)
	if err != nil {
		t.Fatal(err)
	}
	signed, _ := codes.SignTrustList(tl, codes.DemoKey(codes.DemoAnchorLabel))
	if _, err := env.Store.SaveSignedTrustList(context.Background(), tl.Seq, signed); err != nil {
		t.Fatal(err)
	}
	present := func() string {
		shown, err := sampleResident(base).present(context.Background(), platform.CredentialCard, clock)
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

//go:build e2e

package e2e

import (
	"context"
	"fmt"
	"image"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"jiangsupass/codes"
	"jiangsupass/codes/codestest"
	"jiangsupass/platform"
)

// gateArea is the scenic area of the gate journey: the CCTV Wuxi film base
// (5a-001), first of the attractions in English, whose gates count exits
// and whose capacity is 40,000 at once.
const gateArea = "5a-001"

// gateKioskFile writes the kiosk file of the area's east gate, syncing
// from url with the area token in a file beside it.
func gateKioskFile(t *testing.T, url, token string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "gate.token"), []byte(token+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	body := fmt.Sprintf(`role = "gate"
idle_timeout = "5m"
warning = "45s"
language = "zh-Hans"
admin_pin_hash = "pbkdf2-sha256$600000$291wBhDH7vfVbZLbbGcK7Q$3FvhpO3Rph2UR0E1WCl1GnIwOUSNM2PpvE/cdyXW8Qk"
hide_cursor = false
large_text = true
[gate]
attraction = %q
id = "east"
server = %q
token_file = "gate.token"
exits = true
`, gateArea, url)
	path := filepath.Join(dir, "gate.toml")
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// admitted is the number of today's entries the platform counts at the
// area (GET /v1/crowd), or -1 when it cannot be read.
func admitted(p *Platform) (entries int, level string) {
	r, err := platform.NewClient(p.URL, platform.Options{Timeout: 5 * time.Second}).Crowd(context.Background())
	if err != nil {
		return -1, ""
	}
	for _, a := range r.Areas {
		if a.ID == gateArea {
			return a.EntriesToday, a.Level
		}
	}
	return -1, ""
}

// TestGateJourney: on the real window, a gate kiosk scans an e-ticket of
// a group of 100 and admits it; the platform, where the area stood just
// under half its capacity (19,900 of 40,000, 舒适), counts it and the
// area is 较舒适 at 50%; a second app instance, synced from the same
// platform, listed the area as Quiet and, synced again, lists it as
// Moderate 50%. The ticket is signed by Jiangsu's demo issuer key, as the
// platform signs its own, so that the journey runs at any hour (the
// platform's slots, and the e-tickets it sells for them, run 09:00–17:00
// Beijing time, and the app runs on the wall clock).
func TestGateJourney(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	zh, en := Words(t, "zh-Hans"), Words(t, "en")
	p := StartPlatform(t)

	// Another gate of the area has let 19,900 in today.
	other := platform.NewClient(p.URL, platform.Options{Timeout: 10 * time.Second})
	if err := other.SetAreaToken(other.Origin(), p.AreaToken(t, gateArea, "north")); err != nil {
		t.Fatal(err)
	}
	for i := range 199 {
		if _, err := other.Admit(ctx, fmt.Sprintf("e2e-preload-%04d", i), platform.AdmissionRequest{TicketID: fmt.Sprintf("pre-%d", i),
			AttractionID: gateArea, Gate: "north", Visitors: 100, At: p.Now().Format(time.RFC3339)}); err != nil {
			t.Fatal(err)
		}
	}
	if n, level := admitted(p); n != 19900 || level != "comfortable" {
		t.Fatalf("before the gate: %d entries, %q", n, level)
	}

	// The second instance lists the area as quiet.
	tourist := StartScreen(t, "gate-tourist-en", 1280, 800)
	StartApp(t, tourist, "--lang", "en", "--theme", "light", "--api", p.URL)
	p.WaitFor(t, "/v1/sync/"+platform.CrowdLevels, 1, time.Minute)
	time.Sleep(2 * time.Second) // the page applied
	tourist.ReadUntil("home", time.Minute, en.T("TabHome"), en.T("AttractionsTitle"))
	tourist.ClickText("home", en.T("AttractionsTitle"))
	r := tourist.ReadUntil("attractions-before", 40*time.Second, "CCTV Wuxi", en.T("CrowdComfortable"))
	if r.Has(en.T("CrowdModerate")) {
		t.Fatalf("an area is moderate before the gate admits anyone:\n%s", r.Text())
	}

	// The gate admits a group of 100.
	gate := StartScreen(t, "gate-kiosk-zh", 1280, 800)
	StartApp(t, gate, "--kiosk", gateKioskFile(t, p.URL, p.AreaToken(t, gateArea, "east")))
	gate.ReadUntil("gate-start", time.Minute, zh.T("TabHome"), zh.T("KioskStaffView"), zh.T("KioskStartOver"))
	p.WaitFor(t, "/v1/trust-list", 1, time.Minute)
	time.Sleep(2 * time.Second) // the trust list applied
	now := p.Now()
	ticket := codestest.NewHolder(t, codes.Credential{Kind: codes.KindTicket, NotBefore: now.Add(-time.Hour).Unix(),
		Expires: now.Add(6 * time.Hour).Unix(), Holder: "旅行团*", Ref: "o-e2e-group",
		Extra: map[string]string{"attraction": gateArea, "date": now.Format("2006-01-02"), "slot": "09:00-17:00", "count": "100"}},
		now.Add(-2*time.Hour))
	scanUntilRead(t, gate, ticket.Show(t, p.Now()), zh.N("GateAdmitted", 100, nil), zh.T("VerifyInvalid"))
	gate.ReadUntil("admitted", 40*time.Second, zh.N("GateAdmitted", 100, nil), "o-e2e-group")
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(200 * time.Millisecond) {
		n, level := admitted(p)
		if n == 20000 && level == "moderate" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the platform counts %d entries at %s (%q), want 20000 (moderate)", n, gateArea, level)
		}
	}

	// The second instance, synced again, lists it as moderate.
	tourist.ClickLowest("attractions-before", en.T("TabMe"))
	tourist.ReadUntil("me", 30*time.Second, en.T("MeIntro"))
	tourist.ClickText("me", en.T("SettingsTitle"))
	synced := p.Seen("/v1/sync/" + platform.CrowdLevels)
	tourist.ReadUntil("settings", 30*time.Second, en.T("SettingsDisplay"))
	wheelDown(tourist, image.Pt(tourist.Size.X*2/3, tourist.Size.Y/2), 15)
	tourist.ClickText("settings-sync", en.T("SyncNow"))
	p.WaitFor(t, "/v1/sync/"+platform.CrowdLevels, synced+1, time.Minute)
	time.Sleep(2 * time.Second) // the page applied
	tourist.ClickLowest("synced", en.T("TabHome"))
	tourist.ClickText("home-again", en.T("AttractionsTitle"))
	tourist.ReadUntil("attractions-after", 40*time.Second, "CCTV Wuxi", en.T("CrowdModerate")+" 50%")
}

// Seen is how many requests to a path with the given prefix the platform
// has served so far.
func (p *Platform) Seen(prefix string) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	n := 0
	for path, c := range p.seen {
		if strings.HasPrefix(path, prefix) {
			n += c
		}
	}
	return n
}

// scanUntilRead scans code until the screen shows want, at most three
// times: a scan the app took in pieces (on a machine busy with other
// journeys' windows and OCR a key can come late) shows invalid, which the
// gate's attendant answers by scanning again, as the verdict says.
func scanUntilRead(t *testing.T, s *Screen, code, want, invalid string) {
	t.Helper()
	for attempt := 1; attempt <= 3; attempt++ {
		s.Scan(code, 8*time.Millisecond)
		for deadline := time.Now().Add(40 * time.Second); time.Now().Before(deadline); s.WaitChange(3 * time.Second) {
			r := s.Read(fmt.Sprintf("scan-%d", attempt))
			if r.Has(want) {
				return
			}
			if r.Has(invalid) {
				t.Logf("scan %d was read as invalid; scanning again", attempt)
				break
			}
		}
	}
	t.Fatalf("three scans and no %q", want)
}

// wheelDown turns the mouse wheel n clicks down over at, as a person
// scrolls a long screen.
func wheelDown(s *Screen, at image.Point, n int) {
	s.t.Helper()
	s.do("xdotool", "mousemove", strconv.Itoa(at.X), strconv.Itoa(at.Y), "click", "--repeat", strconv.Itoa(n), "--delay", "50", "5")
	time.Sleep(500 * time.Millisecond)
}

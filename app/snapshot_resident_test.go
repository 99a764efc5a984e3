package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"

	"jiangsupass/demoworld"
)

// residentWorld fills two stores through the sync path from a reference
// server on loopback (demoworld), seen at SnapshotTime: the demo
// resident's, signed in, and a visitor's. Both close when the test ends.
func residentWorld(t *testing.T) SnapshotWorld {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	w, err := demoworld.New(ctx, dir, SnapshotTime)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = w.Close() })
	visitor, resident, r, err := w.OpenAndFill(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = visitor.Close()
		_ = resident.Close()
	})
	return SnapshotWorld{Visitor: visitor, Resident: resident, Client: r.Client, StaleCode: r.StaleCode, DataDir: dir, Version: "test"}
}

// residentShell is a test shell over the resident's store of a world,
// linked to its platform as the snapshots link it.
func residentShell(t *testing.T, p prefs, layout Layout, size fyne.Size) (*Shell, fyne.Window, SnapshotWorld) {
	t.Helper()
	world := residentWorld(t)
	s, w := newTestShellOn(t, world.Resident, p, layout, size)
	s.link = platformLink{client: world.Client}
	return s, w, world
}

// TestResidentShotsShowTheirWorld renders every picture of the resident's
// world and finds in each what it is named for, from the data the sync
// brought: the masked card and its code, the 苏服码, the account, the four
// orders and the e-tickets of the running and the unsent one, each step of
// a booking for the people saved, the A number of the visit booked at the
// hall, a terminal's verdicts on a fresh and a stale code, and the
// applications. JSP_SHOTS_DIR keeps the pictures, to look at.
func TestResidentShotsShowTheirWorld(t *testing.T) {
	s, w, world := residentShell(t, prefs{lang: "en", theme: ThemeLight}, LayoutPhone, phoneSize)
	shots, err := residentShots(context.Background(), world.Resident, world.StaleCode)
	if err != nil {
		t.Fatal(err)
	}
	l := s.Localizer()
	want := map[string][]string{
		"card-sample":           {"张*", l.T("SampleData")},
		"servicecode-sample":    {"张*", l.T("CodeStatusValid")},
		"signin-sample":         {l.T("SignOutAction")},
		"tickets-sample":        {l.T("TicketsUpcoming"), l.T("TicketsPast"), l.T("TicketsRefunded"), l.T("TicketPending")},
		"eticket-sample:1":      {l.T("ETicketOffline"), "09:00–11:00"},
		"eticket-sample:2":      {"09:00–11:00", "2026-05-03"},
		"checkin-sample":        {"A001", l.T("CheckInYourNumber")},
		"verify-sample-valid":   {"Valid", "张*"},
		"verify-sample-invalid": {"Invalid"},
		"progress-sample":       {l.T("StepDone")},
		"booking-sample:review": {"王小明", "Anna Smith"},
	}
	seen := map[string]bool{}
	for _, sh := range shots {
		showAt(s, w, sh.route)
		seen[sh.name] = true
		for _, text := range want[sh.name] {
			if !says(w.Content(), text) {
				t.Errorf("%s does not show %q", sh.name, text)
			}
		}
		if o := overflows(w.Content()); len(o) > 0 {
			t.Errorf("%s overflows the phone: %v", sh.name, o)
		}
		if dir := os.Getenv("JSP_SHOTS_DIR"); dir != "" {
			path := filepath.Join(dir, sh.name+"_phone_en.png")
			if err := renderRoute(fyne.CurrentApp(), s, sh.route, phoneSize, path); err != nil {
				t.Fatal(err)
			}
		}
	}
	for name := range want {
		if !seen[name] {
			t.Errorf("no picture %s", name)
		}
	}
}

// TestResidentShotsFitEveryPhone: the resident's pictures overflow no
// phone, in Chinese, English, Japanese and Korean, normal and 长辈版, as
// TestNothingOverflowsThePhone holds the screens' own samples to.
func TestResidentShotsFitEveryPhone(t *testing.T) {
	sweep(t)
	world := residentWorld(t)
	shots, err := residentShots(context.Background(), world.Resident, world.StaleCode)
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"zh-Hans", "en", "ja", "ko"} {
		for _, elder := range []bool{false, true} {
			s, w := newTestShellOn(t, world.Resident, prefs{lang: lang, elder: elder, theme: ThemeLight}, LayoutPhone, phoneSize)
			s.link = platformLink{client: world.Client}
			for _, sh := range shots {
				s.ShowRoute(sh.route)
				w.Resize(phoneSize)
				where := fmt.Sprintf("%s/elder=%v/%s", lang, elder, sh.name)
				for _, o := range overflows(w.Content()) {
					t.Errorf("%s: %s", where, o)
				}
			}
		}
	}
}

// TestSnapshotsKeepTheirNames: the pictures of the screens that once drew
// made-up samples keep their files' names, now drawn from the visitor's
// and the resident's stores.
func TestSnapshotsKeepTheirNames(t *testing.T) {
	world := residentWorld(t)
	s, _ := newTestShellOn(t, world.Visitor, prefs{lang: "en", theme: ThemeLight}, LayoutPhone, phoneSize)
	shots, err := residentShots(context.Background(), world.Resident, world.StaleCode)
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, sh := range append(visitorShots(s.env()), shots...) {
		if names[sh.name] {
			t.Errorf("two pictures are named %s", sh.name)
		}
		names[sh.name] = true
	}
	for _, name := range []string{"card", "card-sample", "servicecode", "servicecode-sample", "signin", "signin-sample",
		"tickets", "tickets-sample", "eticket-404", "eticket-sample:1", "eticket-sample:2", "booking-a=5a-002",
		"booking-sample:date", "booking-sample:slot", "booking-sample:types", "booking-sample:visitors", "booking-sample:review",
		"checkin-hall=hall-320100", "checkin-sample", "verify", "verify-sample-valid", "verify-sample-invalid"} {
		if !names[name] {
			t.Errorf("no picture %s", name)
		}
	}
	look := snapshotLook{size: SnapshotSizes[0], lang: "zh-Hans", elder: true, mode: ThemeDark}
	if got := look.file("card-sample"); got != "card-sample_phone_zh-Hans_elder_dark.png" {
		t.Errorf("file %q", got)
	}
}

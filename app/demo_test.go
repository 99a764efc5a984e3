package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"jiangsupass/kiosk"
	"jiangsupass/screens"
	"jiangsupass/translations"
)

// says reports whether the visible texts under o, read in order, say s,
// however it was wrapped into lines.
func says(o fyne.CanvasObject, s string) bool {
	var all strings.Builder
	for _, t := range texts(o) {
		all.WriteString(t.Text)
	}
	squeeze := func(x string) string { return strings.Join(strings.Fields(x), "") }
	return strings.Contains(squeeze(all.String()), squeeze(s))
}

// TestDemoSaysSoOnEveryScreen: an app started as a demo shows the demo
// banner above every screen, in either layout and in every language; one
// not started as a demo shows none. A kiosk whose file says demo = true
// shows it too.
func TestDemoSaysSoOnEveryScreen(t *testing.T) {
	for _, layout := range []Layout{LayoutPhone, LayoutDesktop} {
		s, w := newTestShell(t, prefs{lang: "en", theme: ThemeLight}, layout, fyne.NewSize(1280, 800))
		banner := s.Localizer().T("DemoBanner")
		if says(w.Content(), banner) {
			t.Fatalf("layout %d: the banner shows in an app not started as a demo", layout)
		}
		s.demo = true
		for _, r := range []screens.Route{{Screen: screens.HomeID}, {Screen: screens.CardID}, {Screen: screens.VerifyID}} {
			s.ShowRoute(r)
			if !says(w.Content(), banner) {
				t.Errorf("layout %d, %s: no demo banner", layout, r.Screen)
			}
		}
		for _, lang := range translations.Languages {
			s.SetLanguage(lang.Tag)
			if !says(w.Content(), s.Localizer().T("DemoBanner")) {
				t.Errorf("layout %d, %s: no demo banner", layout, lang.Tag)
			}
		}
	}

	a := test.NewTempApp(t)
	w := test.NewTempWindow(t, nil)
	kc := kiosk.Config{Role: kiosk.RoleTourist, Language: "en", Demo: true}
	store, s, err := openKiosk(context.Background(), a, w, Config{DataDir: t.TempDir()}, kc, snapshotClock)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	defer s.services.Close()
	s.sync = true
	k := newKioskMode(kc, s, w, func() {})
	w.SetContent(k.Content())
	w.Resize(fyne.NewSize(1280, 800))
	if !says(w.Content(), s.Localizer().T("DemoBanner")) {
		t.Error("a demo kiosk shows no demo banner")
	}
}

// TestRefusalWindowSaysWhy: the window of a release that refuses to start
// says why and what to do, in the language asked for, and its button
// quits. Set JSP_SHOTS_DIR to keep a picture of it and of the demo banner.
func TestRefusalWindowSaysWhy(t *testing.T) {
	test.NewTempApp(t)
	for _, lang := range []string{"en", "zh-Hans"} {
		l, err := translations.New(lang)
		if err != nil {
			t.Fatal(err)
		}
		quit := false
		w := test.NewTempWindow(t, refusalContent(l, func() { quit = true }))
		w.Resize(fyne.NewSize(640, 480))
		for _, id := range []string{"DemoRefusedTitle", "DemoRefusedBody"} {
			if !says(w.Content(), l.T(id)) {
				t.Errorf("%s: the refusal does not say %s", lang, id)
			}
		}
		if !tapText(w.Content(), l.T("DemoRefusedQuit")) || !quit {
			t.Errorf("%s: its button does not quit", lang)
		}
		if dir := os.Getenv("JSP_SHOTS_DIR"); dir != "" {
			th := newTheme(ThemeLight, false)
			if err := renderObject(th, refusalContent(l, nil), fyne.NewSize(640, 480), filepath.Join(dir, "refusal_"+lang+".png")); err != nil {
				t.Fatal(err)
			}
			s, _ := newTestShell(t, prefs{lang: lang, theme: ThemeLight}, LayoutPhone, fyne.NewSize(390, 844))
			s.demo = true
			if err := renderRoute(fyne.CurrentApp(), s, screens.Route{Screen: screens.HomeID}, fyne.NewSize(390, 844), filepath.Join(dir, "demo-home_"+lang+".png")); err != nil {
				t.Fatal(err)
			}
		}
	}
}

package app

import (
	"context"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"jiangsupass/offline"
	"jiangsupass/screens"
)

// newTestShell opens a real store in a temporary folder and shows a shell
// in a test window of the given layout and size.
func newTestShell(t *testing.T, p prefs, layout Layout, size fyne.Size) (*Shell, fyne.Window) {
	t.Helper()
	store, _, err := offline.Open(context.Background(), filepath.Join(t.TempDir(), "store.db"), offline.Options{Now: snapshotClock, Anchors: testAnchors})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	return newTestShellOn(t, store, p, layout, size)
}

// newTestShellOn shows a shell over store in a test window of the given
// layout and size.
func newTestShellOn(t *testing.T, store *offline.Store, p prefs, layout Layout, size fyne.Size) (*Shell, fyne.Window) {
	t.Helper()
	a := test.NewTempApp(t)
	w := test.NewTempWindow(t, nil)
	s, err := newShell(a, w, store, p, "test", snapshotClock)
	if err != nil {
		t.Fatal(err)
	}
	s.sync = true
	s.layout = layout
	a.Settings().SetTheme(newTheme(p.theme, p.elder))
	w.SetContent(s.Content())
	w.Resize(size)
	return s, w
}

// TestSwitchLanguageInSettings taps English in Settings and finds Home in
// English, with no restart, the user still on Settings until they leave.
func TestSwitchLanguageInSettings(t *testing.T) {
	s, w := newTestShell(t, prefs{lang: "zh-Hans", theme: ThemeLight}, LayoutPhone, fyne.NewSize(390, 844))
	if !hasText(w.Content(), "早上好") {
		t.Fatal("Home is not in Chinese to begin with")
	}
	s.Go(screens.Route{Screen: screens.SettingsID})
	if !tapText(w.Content(), "English") {
		t.Fatal("no English option in Settings")
	}
	if got := s.Current().Screen; got != screens.SettingsID {
		t.Fatalf("after switching, the user is on %q, want settings", got)
	}
	if !hasText(w.Content(), "Settings") {
		t.Error("Settings' title is not in English after the switch")
	}
	if !tapText(w.Content(), "Home") {
		t.Fatal("no Home tab labelled in English")
	}
	for _, want := range []string{"Good morning", "Home", "Me", "Settings"} {
		if !hasText(w.Content(), want) {
			t.Errorf("Home lacks %q in English", want)
		}
	}
	if hasText(w.Content(), "早上好") {
		t.Error("Home still shows Chinese")
	}
	if v, _, _ := s.store.Setting(context.Background(), settingLanguage); v != "en" {
		t.Errorf("saved language = %q, want en", v)
	}
}

// TestBackReturnsToPreviousScreen walks Home → Me → About and back.
func TestBackReturnsToPreviousScreen(t *testing.T) {
	s, w := newTestShell(t, prefs{lang: "en", theme: ThemeLight}, LayoutDesktop, fyne.NewSize(1280, 800))
	if !tapText(w.Content(), "Me") {
		t.Fatal("no Me entry in the side navigation")
	}
	if !tapText(w.Content(), "About") {
		t.Fatal("no About row on Me")
	}
	if s.Current().Screen != screens.AboutID {
		t.Fatalf("on %q, want about", s.Current().Screen)
	}
	if !tapText(w.Content(), "Back") {
		t.Fatal("no Back button on About")
	}
	if s.Current().Screen != screens.MeID {
		t.Errorf("Back led to %q, want me", s.Current().Screen)
	}
}

// TestLayoutFollowsWidth checks that a narrow window gets bottom tabs and
// a wide one the side navigation.
func TestLayoutFollowsWidth(t *testing.T) {
	s, w := newTestShell(t, prefs{lang: "en", theme: ThemeLight}, LayoutAuto, fyne.NewSize(1280, 800))
	s.rebuild()
	if s.phone {
		t.Fatal("a 1280-wide window got the phone layout")
	}
	w.Resize(fyne.NewSize(400, 800))
	s.rebuild()
	if !s.phone {
		t.Error("a 400-wide window did not get the phone layout")
	}
}

func TestResolvePrefs(t *testing.T) {
	store, _, err := offline.Open(context.Background(), filepath.Join(t.TempDir(), "s.db"), offline.Options{Now: snapshotClock, Anchors: testAnchors})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	ctx := context.Background()
	if p := resolvePrefs(ctx, Config{}, store, "en_US.UTF-8"); p.lang != "en" || p.elder || p.theme != ThemeSystem {
		t.Errorf("system only: %+v", p)
	}
	_ = store.SetSetting(ctx, settingLanguage, "ja")
	_ = store.SetSetting(ctx, settingTheme, "dark")
	_ = store.SetSetting(ctx, settingElder, "true")
	if p := resolvePrefs(ctx, Config{}, store, "en_US.UTF-8"); p.lang != "ja" || !p.elder || p.theme != ThemeDark {
		t.Errorf("settings over system: %+v", p)
	}
	no := false
	if p := resolvePrefs(ctx, Config{Lang: "ko", Elder: &no, Theme: ThemeLight}, store, "en"); p.lang != "ko" || p.elder || p.theme != ThemeLight {
		t.Errorf("flags over settings: %+v", p)
	}
}

// TestNoLocaleMeansChinese: a machine with a C locale or none opens in
// Chinese, the app's default.
func TestNoLocaleMeansChinese(t *testing.T) {
	for _, v := range []string{"", "C", "POSIX", "C.UTF-8"} {
		t.Setenv("LC_ALL", "")
		t.Setenv("LC_MESSAGES", "")
		t.Setenv("LANG", v)
		if got := resolvePrefs(context.Background(), Config{}, nil, systemLocale()).lang; got != "zh-Hans" {
			t.Errorf("LANG=%q gave %s, want zh-Hans", v, got)
		}
	}
	t.Setenv("LANG", "en_GB.UTF-8")
	if got := resolvePrefs(context.Background(), Config{}, nil, systemLocale()).lang; got != "en" {
		t.Errorf("LANG=en_GB.UTF-8 gave %s, want en", got)
	}
}

package app

import (
	"testing"

	"fyne.io/fyne/v2"

	"jiangsupass/screens"
)

// TestShellResetForgetsTheVisitor: a visitor goes three screens deep,
// switches to Japanese, 长辈版 and the dark theme, and leaves a choice in
// the screens' memory; Reset shows Home in the shell's own language with
// nothing to go back to, the text size and theme it started with, and a
// memory that holds nothing of the visitor's.
func TestShellResetForgetsTheVisitor(t *testing.T) {
	start := prefs{lang: "en", theme: ThemeLight}
	s, w := newTestShell(t, start, LayoutDesktop, fyne.NewSize(1280, 800))
	s.Go(screens.Route{Screen: screens.AttractionsID})
	s.Go(screens.Route{Screen: screens.AttractionID, Param: "5a-002"})
	s.Go(screens.Route{Screen: screens.SettingsID})
	s.SetLanguage("ja")
	s.SetElder(true)
	s.SetThemeMode(string(ThemeDark))
	s.memory.SetChoice("visitor", "left this")

	s.Reset()
	if len(s.history) != 1 || s.Current().Screen != screens.HomeID {
		t.Errorf("after the reset the history is %v, want Home alone", s.history)
	}
	if s.prefs != start {
		t.Errorf("after the reset the preferences are %+v, want %+v", s.prefs, start)
	}
	if s.loc.Lang() != "en" || !hasText(w.Content(), "Good morning") {
		t.Errorf("after the reset Home is not shown in English (%s)", s.loc.Lang())
	}
	if th, ok := fyne.CurrentApp().Settings().Theme().(*appTheme); !ok || th.elder || th.mode != ThemeLight {
		t.Errorf("after the reset the theme is %+v, want the light one at the usual size", fyne.CurrentApp().Settings().Theme())
	}
	if got := s.memory.Choice("visitor"); got != "" {
		t.Errorf("after the reset the screens remember %q", got)
	}
	s.Back()
	if s.Current().Screen != screens.HomeID {
		t.Errorf("Back after the reset leads to %v", s.Current())
	}
}

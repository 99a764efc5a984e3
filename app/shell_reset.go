package app

import "jiangsupass/screens"

// Reset returns the shell to how it was made, for the next visitor of a
// public kiosk: Home with no history behind it, nothing the screens
// remembered (a map's view, a filter), and the language, text size and
// theme it started in; then it rebuilds. What the visitor left in the
// store and at the platform is the caller's to forget.
func (s *Shell) Reset() {
	if s.prefs.elder != s.start.elder || s.prefs.theme != s.start.theme {
		s.prefs.elder, s.prefs.theme = s.start.elder, s.start.theme
		s.applyTheme()
	}
	s.history = []screens.Route{{Screen: homeID()}}
	s.memory = screens.NewMemory()
	if s.prefs.lang != s.start.lang {
		s.SetLanguage(s.start.lang) // rebuilds
		return
	}
	s.rebuild()
}

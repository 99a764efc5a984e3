package app

import "fyne.io/fyne/v2"

// warmFonts parses the bundled CJK font, regular and bold, on another core
// while the main thread opens the window and the store: parsing it is the
// largest single cost of the first frame. Fyne's text shaper is not safe
// for concurrent use, so nothing may measure text until the returned
// channel closes. The font is the same in every theme variant, so a
// provisional theme is enough; the real one is applied before drawing.
func warmFonts(a fyne.App) <-chan struct{} {
	a.Settings().SetTheme(newTheme(ThemeSystem, false))
	done := make(chan struct{})
	go func() {
		defer close(done)
		for _, style := range []fyne.TextStyle{{}, {Bold: true}} {
			fyne.MeasureText("江苏通 Jiangsu Pass", 15, style)
		}
	}()
	return done
}

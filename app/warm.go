package app

import "fyne.io/fyne/v2"

// warmFonts applies th and parses the bundled CJK font, regular and bold,
// on another core while the main thread opens the window and the store:
// parsing it is the largest single cost of the first frame. Fyne's text
// shaper is not safe for concurrent use, so nothing may measure text until
// the returned channel closes.
//
// th must already carry the app's font: until the driver runs, setting a
// theme does not clear Fyne's font and text-size caches, so whatever is
// measured now keeps its font for good. The font is the same in every
// theme variant, so a provisional theme of the app's will do.
func warmFonts(a fyne.App, th fyne.Theme) <-chan struct{} {
	a.Settings().SetTheme(th)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for _, style := range []fyne.TextStyle{{}, {Bold: true}} {
			fyne.MeasureText("江苏通 Jiangsu Pass", 15, style)
		}
	}()
	return done
}

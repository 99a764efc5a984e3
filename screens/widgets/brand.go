package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// NewBrand is the app's name and tagline at the top of the side bar. The
// name is drawn in the theme's primary colour.
func NewBrand(name, tagline string) fyne.CanvasObject {
	title := canvas.NewText(name, nil)
	title.TextStyle.Bold = true
	inked := Painted(title, func(p Palette) {
		title.Color = p.Color(theme.ColorNamePrimary)
		title.TextSize = p.Size(theme.SizeNameSubHeadingText)
	})
	sub := NewWrappedLabel(tagline)
	sub.SizeName = theme.SizeNameCaptionText
	return container.NewVBox(container.NewPadded(inked), sub, widget.NewSeparator())
}

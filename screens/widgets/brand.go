package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// NewBrand is the app's name and tagline at the top of the side bar.
func NewBrand(name, tagline string) fyne.CanvasObject {
	title := canvas.NewText(name, theme.Color(theme.ColorNamePrimary))
	title.TextStyle.Bold = true
	title.TextSize = theme.Size(theme.SizeNameSubHeadingText)
	sub := NewWrappedLabel(tagline)
	sub.SizeName = theme.SizeNameCaptionText
	return container.NewVBox(container.NewPadded(title), sub, widget.NewSeparator())
}

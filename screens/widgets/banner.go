package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// NewBanner is a tinted strip with an icon beside its content, for a
// status line or a notice the user should read. Its tint follows the
// theme.
func NewBanner(icon fyne.Resource, content fyne.CanvasObject) fyne.CanvasObject {
	bg := canvas.NewRectangle(nil)
	tint := Painted(bg, func(p Palette) {
		bg.FillColor = p.Color(theme.ColorNameSelection)
		bg.CornerRadius = p.Size(theme.SizeNameInputRadius) * 2
	})
	img := canvas.NewImageFromResource(theme.NewPrimaryThemedResource(icon))
	img.FillMode = canvas.ImageFillContain
	img.SetMinSize(fyne.NewSquareSize(theme.IconInlineSize()))
	row := container.NewBorder(nil, nil, container.NewCenter(img), nil, content)
	return container.NewStack(tint, container.NewPadded(row))
}

package widgets

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Swatch is a small rounded square in a colour, such as a metro line's
// beside its name. With no colour set it is the theme's primary colour,
// read again whenever the theme changes.
type Swatch struct {
	widget.BaseWidget
	colour color.Color
}

// NewSwatch makes a swatch of colour c; nil is the theme's primary colour.
func NewSwatch(c color.Color) *Swatch {
	s := &Swatch{colour: c}
	s.ExtendBaseWidget(s)
	return s
}

// SetColor shows c; nil is the theme's primary colour.
func (s *Swatch) SetColor(c color.Color) {
	s.colour = c
	s.Refresh()
}

// CreateRenderer draws the square, an inline icon's size.
func (s *Swatch) CreateRenderer() fyne.WidgetRenderer {
	r := canvas.NewRectangle(nil)
	return newPaintedRenderer(s, r, func(p Palette) {
		r.FillColor = s.colour
		if s.colour == nil {
			r.FillColor = p.Color(theme.ColorNamePrimary)
		}
		side := p.Size(theme.SizeNameInlineIcon)
		r.SetMinSize(fyne.NewSquareSize(side))
		r.CornerRadius = side / 4
	})
}

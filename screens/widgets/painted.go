package widgets

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Palette is the theme a widget is drawn in, with the light or dark
// variant in force, as its renderer reads it when it refreshes.
type Palette struct {
	th fyne.Theme
	v  fyne.ThemeVariant
}

// PaletteOf is the palette o is drawn in now: its theme (the app's, or an
// override's around it) in the variant the app is in.
func PaletteOf(o fyne.CanvasObject) Palette {
	v := theme.VariantLight
	if a := fyne.CurrentApp(); a != nil {
		v = a.Settings().ThemeVariant()
	}
	return Palette{th: theme.CurrentForWidget(o), v: v}
}

// Color is the theme's colour called name.
func (p Palette) Color(name fyne.ThemeColorName) color.Color { return p.th.Color(name, p.v) }

// Size is the theme's size called name.
func (p Palette) Size(name fyne.ThemeSizeName) float32 { return p.th.Size(name) }

// Dark reports whether the theme draws on a dark background.
func (p Palette) Dark() bool {
	r, g, b, _ := p.Color(theme.ColorNameBackground).RGBA()
	return r+g+b < 3*0x8000
}

// Painted shows o and has paint set its colours from the theme: before o
// is first drawn and again at every refresh, so that a change of theme,
// or of the system between light and dark, repaints it with no rebuild.
// It is for canvas objects (rectangles, texts) that take a theme colour,
// which they would otherwise keep from the moment they were made.
func Painted(o fyne.CanvasObject, paint func(Palette)) fyne.CanvasObject {
	p := &painted{content: o, paint: paint}
	p.ExtendBaseWidget(p)
	return p
}

// painted is the widget Painted makes.
type painted struct {
	widget.BaseWidget
	content fyne.CanvasObject
	paint   func(Palette)
}

// CreateRenderer paints the content and draws it.
func (p *painted) CreateRenderer() fyne.WidgetRenderer {
	return newPaintedRenderer(p, p.content, p.paint)
}

// paintedRenderer draws one object filling its widget, as Fyne's simple
// renderer does, and calls paint with the widget's palette before the
// first draw and at every refresh.
type paintedRenderer struct {
	fyne.WidgetRenderer
	w     fyne.Widget
	paint func(Palette)
}

// newPaintedRenderer paints content for w now and renders it.
func newPaintedRenderer(w fyne.Widget, content fyne.CanvasObject, paint func(Palette)) *paintedRenderer {
	r := &paintedRenderer{WidgetRenderer: widget.NewSimpleRenderer(content), w: w, paint: paint}
	paint(PaletteOf(w))
	return r
}

// Refresh paints again from the theme in force, then redraws.
func (r *paintedRenderer) Refresh() {
	r.paint(PaletteOf(r.w))
	r.WidgetRenderer.Refresh()
}

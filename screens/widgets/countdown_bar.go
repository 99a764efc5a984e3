package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// CountdownBar is a thin bar that shortens as a code's time runs out. It
// is thin on purpose: a full-height progress bar under a QR code reads as
// a button, and people tap it.
type CountdownBar struct {
	widget.BaseWidget
	value float64 // 1 full, 0 empty
}

// NewCountdownBar makes a full bar.
func NewCountdownBar() *CountdownBar {
	b := &CountdownBar{value: 1}
	b.ExtendBaseWidget(b)
	return b
}

// SetValue sets how much of the bar is left, from 0 to 1.
func (b *CountdownBar) SetValue(v float64) {
	b.value = min(max(v, 0), 1)
	b.Refresh()
}

// Value is how much of the bar is left.
func (b *CountdownBar) Value() float64 { return b.value }

// CreateRenderer draws the track and the part that is left.
func (b *CountdownBar) CreateRenderer() fyne.WidgetRenderer {
	r := &countdownRenderer{bar: b, track: canvas.NewRectangle(nil), left: canvas.NewRectangle(nil)}
	r.Refresh()
	return r
}

type countdownRenderer struct {
	bar         *CountdownBar
	track, left *canvas.Rectangle
}

func (r *countdownRenderer) Layout(size fyne.Size) {
	r.track.Resize(size)
	r.left.Resize(fyne.NewSize(size.Width*float32(r.bar.value), size.Height))
}

func (r *countdownRenderer) MinSize() fyne.Size {
	return fyne.NewSize(theme.Padding()*4, theme.Padding()*1.5)
}

func (r *countdownRenderer) Refresh() {
	th := r.bar.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	r.track.FillColor = th.Color(theme.ColorNameInputBackground, v)
	r.left.FillColor = th.Color(theme.ColorNamePrimary, v)
	radius := theme.Padding() * 0.75
	r.track.CornerRadius, r.left.CornerRadius = radius, radius
	r.Layout(r.bar.Size())
	r.track.Refresh()
	r.left.Refresh()
}

func (r *countdownRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.track, r.left}
}

func (r *countdownRenderer) Destroy() {}

package mapview

import (
	"fmt"
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"jiangsupass/maps"
)

// scaleBar shows a round distance and a bar as long as it is on the map.
type scaleBar struct {
	widget.BaseWidget
	bar   *canvas.Rectangle
	label *canvas.Text
	width float32
}

func newScaleBar() *scaleBar {
	s := &scaleBar{bar: canvas.NewRectangle(color.NRGBA{0x20, 0x20, 0x20, 0xff}),
		label: canvas.NewText("", color.NRGBA{0x20, 0x20, 0x20, 0xff}), width: 80}
	s.ExtendBaseWidget(s)
	return s
}

// niceDistance is the largest 1, 2 or 5 × 10ⁿ metres not over max.
func niceDistance(maxMeters float64) float64 {
	if maxMeters <= 0 {
		return 0
	}
	p := math.Pow(10, math.Floor(math.Log10(maxMeters)))
	for _, f := range []float64{5, 2, 1} {
		if f*p <= maxMeters {
			return f * p
		}
	}
	return p
}

// formatDistance writes metres as "500 m" or "2 km".
func formatDistance(m float64) string {
	if m >= 1000 {
		return fmt.Sprintf("%g km", m/1000)
	}
	return fmt.Sprintf("%g m", m)
}

// update sets the bar for the map's zoom and latitude: at most 100 units.
func (s *scaleBar) update(m *Map) {
	mpp := maps.MetersPerPixel(m.Center().Lat(), m.zoom)
	d := niceDistance(100 * mpp)
	s.width = float32(d / mpp)
	if m.DistanceLabel != nil {
		s.label.Text = m.DistanceLabel(d)
	} else {
		s.label.Text = formatDistance(d)
	}
	s.label.TextSize = theme.CaptionTextSize()
	s.Refresh()
}

// CreateRenderer is part of fyne.Widget.
func (s *scaleBar) CreateRenderer() fyne.WidgetRenderer { return &scaleRenderer{s} }

type scaleRenderer struct{ s *scaleBar }

func (r *scaleRenderer) Layout(fyne.Size) {
	ls := r.s.label.MinSize()
	r.s.label.Move(fyne.NewPos(0, 0))
	r.s.label.Resize(ls)
	r.s.bar.Move(fyne.NewPos(0, ls.Height))
	r.s.bar.Resize(fyne.NewSize(r.s.width, 4))
}

func (r *scaleRenderer) MinSize() fyne.Size {
	ls := r.s.label.MinSize()
	return fyne.NewSize(fyne.Max(ls.Width, r.s.width), ls.Height+4)
}

func (r *scaleRenderer) Refresh() {
	r.s.label.Refresh()
	r.Layout(r.s.Size())
	canvas.Refresh(r.s)
}

func (r *scaleRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.s.bar, r.s.label} }
func (r *scaleRenderer) Destroy()                     {}

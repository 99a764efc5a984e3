package screens

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"jiangsupass/screens/widgets"
)

// hourChart is a small bar chart of a day's entries by hour (0–23): one
// bar an hour in the theme's primary colour, the hours under every third
// bar, and the highest count at the top. Its colours and sizes are read
// from the theme whenever it refreshes.
type hourChart struct {
	widget.BaseWidget
	counts [24]int
	label  string // what a screen reader says
}

// newHourChart draws counts (index 9: 09:00–09:59); label is what a
// screen reader hears of it.
func newHourChart(counts []int, label string) *hourChart {
	c := &hourChart{label: label}
	copy(c.counts[:], counts)
	c.ExtendBaseWidget(c)
	return c
}

// AccessibilityLabel is the chart in words.
func (c *hourChart) AccessibilityLabel() string { return c.label }

// chartHeight is the bars' height, above the hours.
const chartHeight = 120

// CreateRenderer makes the bars, the baseline and the labels.
func (c *hourChart) CreateRenderer() fyne.WidgetRenderer {
	r := &hourChartRenderer{c: c, base: canvas.NewRectangle(nil), top: canvas.NewText("", nil)}
	for i := range c.counts {
		r.bars[i] = canvas.NewRectangle(nil)
		if i%3 == 0 {
			r.hours[i/3] = canvas.NewText(strconv.Itoa(i), nil)
		}
	}
	r.Refresh()
	return r
}

type hourChartRenderer struct {
	c     *hourChart
	bars  [24]*canvas.Rectangle
	hours [8]*canvas.Text
	base  *canvas.Rectangle
	top   *canvas.Text // the highest hour's count
}

func (r *hourChartRenderer) most() int {
	m := 0
	for _, n := range r.c.counts {
		m = max(m, n)
	}
	return m
}

func (r *hourChartRenderer) Layout(size fyne.Size) {
	th := r.hours[0].MinSize().Height
	topH := r.top.MinSize().Height
	plot := max(size.Height-th-topH, 1)
	slot := size.Width / 24
	gap := max(slot/5, 1)
	m := r.most()
	for i, b := range r.bars {
		h := float32(0)
		if m > 0 {
			h = plot * float32(r.c.counts[i]) / float32(m)
		}
		if r.c.counts[i] > 0 {
			h = max(h, 2) // an hour with entries is seen
		}
		b.Resize(fyne.NewSize(slot-gap, h))
		b.Move(fyne.NewPos(float32(i)*slot+gap/2, topH+plot-h))
	}
	r.base.Resize(fyne.NewSize(size.Width, 1))
	r.base.Move(fyne.NewPos(0, topH+plot))
	for i, t := range r.hours {
		ts := t.MinSize()
		t.Resize(ts)
		t.Move(fyne.NewPos(float32(i*3)*slot+(slot-ts.Width)/2, topH+plot+1))
	}
	r.top.Resize(r.top.MinSize())
	r.top.Move(fyne.NewPos(0, 0))
}

func (r *hourChartRenderer) MinSize() fyne.Size {
	return fyne.NewSize(24*6, chartHeight+r.hours[0].MinSize().Height+r.top.MinSize().Height)
}

func (r *hourChartRenderer) Refresh() {
	p := widgets.PaletteOf(r.c)
	for _, b := range r.bars {
		b.FillColor = p.Color(theme.ColorNamePrimary)
	}
	r.base.FillColor = p.Color(theme.ColorNameForeground)
	size := p.Size(theme.SizeNameCaptionText)
	for _, t := range append(r.hours[:], r.top) {
		t.Color = p.Color(theme.ColorNameForeground)
		t.TextSize = size
	}
	r.top.Text = ""
	if m := r.most(); m > 0 {
		r.top.Text = strconv.Itoa(m) // the scale: the highest bar
	}
	r.Layout(r.c.Size())
	canvas.Refresh(r.c)
}

func (r *hourChartRenderer) Objects() []fyne.CanvasObject {
	out := []fyne.CanvasObject{r.base, r.top}
	for _, b := range r.bars {
		out = append(out, b)
	}
	for _, t := range r.hours {
		out = append(out, t)
	}
	return out
}

func (r *hourChartRenderer) Destroy() {}

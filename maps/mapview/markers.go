package mapview

import (
	"image/color"
	"math"
	"sort"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// cluster is one marker, or several drawn as one where they crowd.
type cluster struct {
	x, y    float32 // position in the widget
	members []int   // indexes into Map.markers
}

// clusterMarkers groups the markers in view into cells of cell units,
// in the order of the markers; a cell with one marker shows it alone.
func clusterMarkers(m *Map, cell float32) []cluster {
	v := m.viewUnits()
	byCell := map[[2]int]int{}
	var out []cluster
	for i, mk := range m.markers {
		if m.zoom < mk.MinZoom {
			continue
		}
		p := m.PositionOf(mk.Point)
		if p.X < -cell || p.Y < -cell || p.X > float32(v.w)+cell || p.Y > float32(v.h)+cell {
			continue
		}
		key := [2]int{int(math.Floor(float64(p.X / cell))), int(math.Floor(float64(p.Y / cell)))}
		if j, ok := byCell[key]; ok {
			c := &out[j]
			n := float32(len(c.members))
			c.x, c.y = (c.x*n+p.X)/(n+1), (c.y*n+p.Y)/(n+1)
			c.members = append(c.members, i)
			continue
		}
		byCell[key] = len(out)
		out = append(out, cluster{x: p.X, y: p.Y, members: []int{i}})
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].y < out[b].y })
	return out
}

// markerButton draws a marker or a cluster and takes its taps.
type markerButton struct {
	widget.BaseWidget
	dot   *canvas.Circle
	count *canvas.Text
	pill  *canvas.Rectangle // the badge's background: the marker's colour
	badge *canvas.Text      // a lone marker's Badge, under the dot
	label string            // what a screen reader says
	onTap func()
}

func newMarkerButton() *markerButton {
	b := &markerButton{dot: canvas.NewCircle(color.Black), count: canvas.NewText("", color.White),
		pill: canvas.NewRectangle(color.Black), badge: canvas.NewText("", color.White)}
	b.dot.StrokeColor = color.White
	b.dot.StrokeWidth = 2
	b.count.Alignment = fyne.TextAlignCenter
	b.count.TextStyle = fyne.TextStyle{Bold: true}
	b.badge.Alignment = fyne.TextAlignCenter
	b.badge.TextStyle = fyne.TextStyle{Bold: true}
	b.pill.StrokeColor = color.White
	b.pill.StrokeWidth = 1
	b.ExtendBaseWidget(b)
	return b
}

// showBadge draws text under a lone marker on a pill of its colour, in
// ink (white when nil); "" draws none. It follows show, which clears it.
func (b *markerButton) showBadge(text string, ink color.Color) {
	if text == "" {
		return
	}
	if ink == nil {
		ink = color.White
	}
	b.badge.Text, b.badge.Color = text, ink
	b.pill.FillColor = b.dot.FillColor
	b.label += ", " + text
	b.badge.Refresh()
	b.pill.Refresh()
}

// show sets what the button draws: one marker's colour, or a cluster's
// count on the primary colour; label is what a screen reader says.
func (b *markerButton) show(c color.Color, n int, label string) {
	b.label = label
	b.badge.Text = ""
	b.badge.TextSize = theme.CaptionTextSize()
	// Read at every show, cluster or not, so that a button that drew a
	// cluster before a theme change is not left with the old theme's ink.
	b.count.Color = theme.Color(theme.ColorNameForegroundOnPrimary)
	if n > 1 {
		b.dot.FillColor = theme.Color(theme.ColorNamePrimary)
		b.count.Text = strconv.Itoa(n)
	} else {
		b.dot.FillColor = c
		b.count.Text = ""
	}
	b.count.TextSize = theme.CaptionTextSize()
	b.dot.Refresh()
	b.count.Refresh()
}

// AccessibilityLabel is the marker's title, or a cluster's count and
// first title.
func (b *markerButton) AccessibilityLabel() string { return b.label }

// AccessibilityRole is a button's.
func (b *markerButton) AccessibilityRole() fyne.AccessibleRole { return fyne.AccessibleRoleButton }

// Tapped is part of fyne.Tappable.
func (b *markerButton) Tapped(*fyne.PointEvent) {
	if b.onTap != nil {
		b.onTap()
	}
}

// CreateRenderer is part of fyne.Widget.
func (b *markerButton) CreateRenderer() fyne.WidgetRenderer { return &markerRenderer{b} }

type markerRenderer struct{ b *markerButton }

func (r *markerRenderer) Layout(size fyne.Size) {
	d := float32(18)
	if r.b.count.Text != "" {
		d = fyne.Max(26, r.b.count.MinSize().Width+10)
	}
	d = fyne.Min(d, fyne.Min(size.Width, size.Height))
	r.b.dot.Resize(fyne.NewSquareSize(d))
	r.b.dot.Move(fyne.NewPos((size.Width-d)/2, (size.Height-d)/2))
	ts := r.b.count.MinSize()
	r.b.count.Resize(fyne.NewSize(size.Width, ts.Height))
	r.b.count.Move(fyne.NewPos(0, (size.Height-ts.Height)/2))
	r.layoutBadge(size, d)
}

// layoutBadge puts the badge's pill under the dot, centred, as wide as
// its word (it may reach past the button's sides).
func (r *markerRenderer) layoutBadge(size fyne.Size, dot float32) {
	b := r.b
	if b.badge.Text == "" {
		b.badge.Hide()
		b.pill.Hide()
		return
	}
	ts := b.badge.MinSize()
	pad := theme.Padding()
	w, h := ts.Width+2*pad, ts.Height
	y := (size.Height+dot)/2 + 1
	b.pill.CornerRadius = h / 2
	b.pill.Resize(fyne.NewSize(w, h))
	b.pill.Move(fyne.NewPos((size.Width-w)/2, y))
	b.badge.Resize(ts)
	b.badge.Move(fyne.NewPos((size.Width-ts.Width)/2, y))
	b.pill.Show()
	b.badge.Show()
}

func (r *markerRenderer) MinSize() fyne.Size { return fyne.NewSquareSize(18) }
func (r *markerRenderer) Refresh() {
	r.Layout(r.b.Size())
	canvas.Refresh(r.b)
}
func (r *markerRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.b.dot, r.b.count, r.b.pill, r.b.badge}
}
func (r *markerRenderer) Destroy() {}

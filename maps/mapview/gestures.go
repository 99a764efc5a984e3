package mapview

import (
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/mobile"

	"jiangsupass/maps"
)

var (
	_ fyne.Draggable      = (*Map)(nil)
	_ fyne.Scrollable     = (*Map)(nil)
	_ fyne.Tappable       = (*Map)(nil)
	_ fyne.DoubleTappable = (*Map)(nil)
	_ mobile.Touchable    = (*Map)(nil)
	_ mobile.Movable      = (*Map)(nil)
)

// Dragged pans the map with the finger or mouse.
func (m *Map) Dragged(e *fyne.DragEvent) {
	if m.pinch.active() {
		return
	}
	m.PanBy(e.Dragged.DX, e.Dragged.DY)
}

// DragEnd is part of fyne.Draggable.
func (m *Map) DragEnd() {}

// PanBy moves the map's content by (dx, dy) units, as a drag does.
func (m *Map) PanBy(dx, dy float32) {
	m.fit = nil
	s := maps.WorldSize(m.zoom)
	m.cx -= float64(dx) / s
	m.cy -= float64(dy) / s
	m.cx = math.Max(0, math.Min(1, m.cx))
	m.cy = math.Max(0, math.Min(1, m.cy))
	m.Refresh()
}

// Scrolled zooms by the wheel about the pointer: away from the user zooms in.
func (m *Map) Scrolled(e *fyne.ScrollEvent) {
	switch {
	case e.Scrolled.DY > 0:
		m.zoomAbout(m.zoom+1, e.Position.X, e.Position.Y)
	case e.Scrolled.DY < 0:
		m.zoomAbout(m.zoom-1, e.Position.X, e.Position.Y)
	}
}

// Tapped closes an open card, or tells OnTapped where the map was tapped.
func (m *Map) Tapped(e *fyne.PointEvent) {
	if m.selected != nil {
		m.selected = nil
		m.Refresh()
		return
	}
	if m.OnTapped != nil {
		m.OnTapped(m.PointAt(e.Position))
	}
}

// DoubleTapped zooms in about the place tapped.
func (m *Map) DoubleTapped(e *fyne.PointEvent) { m.zoomAbout(m.zoom+1, e.Position.X, e.Position.Y) }

// pinchState follows two fingers: their positions by touch ID and the
// distance between them when the current zoom step began.
type pinchState struct {
	touches map[int]fyne.Position
	start   float32
}

func (p *pinchState) active() bool { return len(p.touches) >= 2 }

// spread is the distance between the first two fingers and their midpoint.
func (p *pinchState) spread() (float32, fyne.Position) {
	var pts []fyne.Position
	for _, t := range p.touches {
		pts = append(pts, t)
		if len(pts) == 2 {
			break
		}
	}
	dx, dy := pts[0].X-pts[1].X, pts[0].Y-pts[1].Y
	mid := fyne.NewPos((pts[0].X+pts[1].X)/2, (pts[0].Y+pts[1].Y)/2)
	return float32(math.Hypot(float64(dx), float64(dy))), mid
}

// TouchDown starts following a finger for a pinch.
func (m *Map) TouchDown(e *mobile.TouchEvent) {
	if m.pinch.touches == nil {
		m.pinch.touches = map[int]fyne.Position{}
	}
	m.pinch.touches[e.ID] = e.Position
	if m.pinch.active() {
		m.pinch.start, _ = m.pinch.spread()
	}
}

// TouchMoved zooms one level each time two fingers have spread to 1.6
// times (or closed to 1/1.6 of) their distance at the last step.
func (m *Map) TouchMoved(e *mobile.TouchEvent) {
	if _, ok := m.pinch.touches[e.ID]; !ok {
		return
	}
	m.pinch.touches[e.ID] = e.Position
	if !m.pinch.active() || m.pinch.start <= 0 {
		return
	}
	d, mid := m.pinch.spread()
	switch r := d / m.pinch.start; {
	case r >= 1.6:
		m.zoomAbout(m.zoom+1, mid.X, mid.Y)
		m.pinch.start = d
	case r <= 1/1.6:
		m.zoomAbout(m.zoom-1, mid.X, mid.Y)
		m.pinch.start = d
	}
}

// TouchUp stops following a finger.
func (m *Map) TouchUp(e *mobile.TouchEvent) { delete(m.pinch.touches, e.ID) }

// TouchCancel stops following a finger.
func (m *Map) TouchCancel(e *mobile.TouchEvent) { delete(m.pinch.touches, e.ID) }

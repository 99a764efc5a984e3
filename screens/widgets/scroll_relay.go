package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// VerticalScroller is a view that scrolls to an offset from its top, as
// widget.List does.
type VerticalScroller interface {
	GetScrollOffset() float32
	ScrollToOffset(offset float32)
}

// ScrollRelay holds content that stays put above a scrolling view, such
// as a notice over a list, and passes the wheel over it on to that view:
// the wheel moves the screen wherever the pointer is, not only over the
// list.
type ScrollRelay struct {
	widget.BaseWidget
	content fyne.CanvasObject
	target  VerticalScroller
}

var _ fyne.Scrollable = (*ScrollRelay)(nil)

// NewScrollRelay shows content and scrolls target by the wheel over it.
func NewScrollRelay(content fyne.CanvasObject, target VerticalScroller) *ScrollRelay {
	r := &ScrollRelay{content: content, target: target}
	r.ExtendBaseWidget(r)
	return r
}

// Scrolled scrolls the target as the wheel asks: a turn towards the user
// (a negative DY) moves further down.
func (r *ScrollRelay) Scrolled(e *fyne.ScrollEvent) {
	if r.target == nil || e.Scrolled.DY == 0 {
		return
	}
	r.target.ScrollToOffset(r.target.GetScrollOffset() - e.Scrolled.DY)
}

// CreateRenderer draws the content as it is.
func (r *ScrollRelay) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(r.content)
}

package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// NewHeadOver puts head over body, as a border layout with head on top
// would, but gives head no more than share of the height: where head is
// taller (long notices and large text on a small phone) it is dragged
// within that, and body, a list, keeps the rest. With a border layout such
// a head took the whole screen, cut mid-sentence at the bottom, and left
// the list no room at all.
//
// The wheel over the head scrolls body where body scrolls (a list: the
// screen moves wherever the pointer is), else the head.
func NewHeadOver(head, body fyne.CanvasObject, share float32) *fyne.Container {
	h := &headScroller{content: head}
	h.target, _ = body.(VerticalScroller)
	h.ExtendBaseWidget(h)
	return container.New(&headOverLayout{share: share}, h, body)
}

// VerticalScroller is a view that scrolls to an offset from its top, as
// widget.List does.
type VerticalScroller interface {
	GetScrollOffset() float32
	ScrollToOffset(offset float32)
}

// headOverLayout lays out NewHeadOver's head and its body.
type headOverLayout struct{ share float32 }

func (l *headOverLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	head, body := objs[0].(*headScroller), objs[1]
	h := min(head.content.MinSize().Height, size.Height*l.share)
	head.Move(fyne.NewPos(0, 0))
	head.Resize(fyne.NewSize(size.Width, h))
	gap := theme.Padding()
	body.Move(fyne.NewPos(0, h+gap))
	body.Resize(fyne.NewSize(size.Width, max(0, size.Height-h-gap)))
}

// MinSize is as wide as the head and the body, and as high as the body
// and as much of the head as a tappable target or two.
func (l *headOverLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	head, body := objs[0].(*headScroller).content.MinSize(), objs[1].MinSize()
	return fyne.NewSize(max(head.Width, body.Width), body.Height+theme.Padding()+min(head.Height, 2*TargetSize()))
}

// headScroller shows the part of the head its height allows, from an
// offset that a drag moves. It is the only scrolling thing around the
// head: Fyne clips what a scrollable draws to its own bounds, not to
// those of a scroll around it, so a scrollable inside a scroll (a relay
// of the wheel, as the Transport tab had) would draw the whole head over
// the list.
type headScroller struct {
	widget.BaseWidget
	content fyne.CanvasObject
	target  VerticalScroller // what the wheel scrolls, if not the head
	offset  float32
}

var (
	_ fyne.Scrollable = (*headScroller)(nil)
	_ fyne.Draggable  = (*headScroller)(nil)
)

// overflow is how much taller the head is than the room it has.
func (h *headScroller) overflow() float32 {
	return max(0, h.content.MinSize().Height-h.Size().Height)
}

// scrollBy moves the head by dy units, as a finger moving down by dy.
func (h *headScroller) scrollBy(dy float32) {
	h.offset = min(max(h.offset-dy, 0), h.overflow())
	h.Refresh()
}

// Scrolled scrolls the list the head is over, or, where there is none,
// the head.
func (h *headScroller) Scrolled(e *fyne.ScrollEvent) {
	if h.target != nil {
		h.target.ScrollToOffset(h.target.GetScrollOffset() - e.Scrolled.DY)
		return
	}
	h.scrollBy(e.Scrolled.DY)
}

// Dragged moves the head with the finger.
func (h *headScroller) Dragged(e *fyne.DragEvent) { h.scrollBy(e.Dragged.DY) }

// DragEnd is part of fyne.Draggable.
func (h *headScroller) DragEnd() {}

// CreateRenderer draws the content moved up by the offset, with a bar at
// the right edge where there is more of it than is shown.
func (h *headScroller) CreateRenderer() fyne.WidgetRenderer {
	r := &headScrollerRenderer{h: h, bar: canvas.NewRectangle(nil)}
	r.Refresh()
	return r
}

type headScrollerRenderer struct {
	h   *headScroller
	bar *canvas.Rectangle
}

func (r *headScrollerRenderer) Layout(size fyne.Size) {
	h := r.h
	h.offset = min(h.offset, h.overflow())
	full := max(size.Height, h.content.MinSize().Height)
	h.content.Resize(fyne.NewSize(size.Width, full))
	h.content.Move(fyne.NewPos(0, -h.offset))
	// The bar is as long, and as far down, as the part shown is of the
	// whole head.
	r.bar.Hidden = h.overflow() == 0 || full <= 0
	if r.bar.Hidden {
		return
	}
	w := theme.Size(theme.SizeNameScrollBarSmall)
	r.bar.Resize(fyne.NewSize(w, size.Height*size.Height/full))
	r.bar.Move(fyne.NewPos(size.Width-w, size.Height*h.offset/full))
}

func (r *headScrollerRenderer) MinSize() fyne.Size { return r.h.content.MinSize() }

func (r *headScrollerRenderer) Refresh() {
	p := PaletteOf(r.h)
	r.bar.FillColor, r.bar.CornerRadius = p.Color(theme.ColorNameScrollBar), p.Size(theme.SizeNameScrollBarRadius)
	r.Layout(r.h.Size())
	r.h.content.Refresh()
	r.bar.Refresh()
}

func (r *headScrollerRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.h.content, r.bar}
}
func (r *headScrollerRenderer) Destroy() {}

package widgets

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// TestHeadOverKeepsRoomForTheBody: a head taller than its share of the
// height scrolls within that share and the body keeps the rest; a short
// head gets its own height.
func TestHeadOverKeepsRoomForTheBody(t *testing.T) {
	test.NewTempApp(t)
	tall, short := canvas.NewRectangle(nil), canvas.NewRectangle(nil)
	tall.SetMinSize(fyne.NewSize(100, 600))
	short.SetMinSize(fyne.NewSize(100, 80))
	for _, c := range []struct {
		head     fyne.CanvasObject
		wantHead float32
	}{{tall, 250}, {short, 80}} {
		body := canvas.NewRectangle(nil)
		box := NewHeadOver(c.head, body, 0.5)
		box.Resize(fyne.NewSize(320, 500))
		head := box.Objects[0]
		if h := head.Size().Height; h != c.wantHead {
			t.Errorf("a head of %.0f is given %.0f of 500, want %.0f", c.head.MinSize().Height, h, c.wantHead)
		}
		if top, h := body.Position().Y, body.Size().Height; top < c.wantHead || top+h != 500 || h < 500-c.wantHead-10 {
			t.Errorf("a head of %.0f leaves the body %.0f from %.0f", c.head.MinSize().Height, h, top)
		}
	}
	if m := NewHeadOver(tall, canvas.NewRectangle(nil), 0.5).MinSize(); m.Height >= 600 {
		t.Errorf("asks for %.0f units of height, the whole head", m.Height)
	}
}

// TestFormRowsStackWhereNarrow: labels stand beside their fields where the
// fields keep their room, and above them where they would not; the height
// asked for is that of the arrangement drawn, and the width is no more
// than a stacked row's.
func TestFormRowsStackWhereNarrow(t *testing.T) {
	test.NewTempApp(t)
	label, field := canvas.NewRectangle(nil), canvas.NewRectangle(nil)
	label.SetMinSize(fyne.NewSize(100, 30))
	field.SetMinSize(fyne.NewSize(90, 40))
	rows := NewFormRows(200, label, field)
	if w := rows.MinSize().Width; w > 100 {
		t.Errorf("asks for %.0f units, more than a stacked row", w)
	}
	rows.Resize(fyne.NewSize(400, 100))
	if field.Position().X <= label.Position().X || field.Size().Width < 200 || rows.MinSize().Height != 40 {
		t.Errorf("in 400 units: label at %v, field at %v %v, asks %v", label.Position(), field.Position(), field.Size(), rows.MinSize())
	}
	rows.Resize(fyne.NewSize(250, 100))
	if field.Position().Y < label.Position().Y+30 || field.Size().Width != 250 || rows.MinSize().Height < 70 {
		t.Errorf("in 250 units: label at %v, field at %v %v, asks %v", label.Position(), field.Position(), field.Size(), rows.MinSize())
	}
}

// TestMessageScrollsWhenShort: a message given less height than it needs
// scrolls, asking still for its whole height, so that in a box it is drawn
// whole and as a screen's body on a small phone it is read by scrolling.
func TestMessageScrollsWhenShort(t *testing.T) {
	test.NewTempApp(t)
	m := NewMessage(theme.WarningIcon(), "Offline", "Connect to sync again when you have a network. "+
		"Until then everything on this device still works.", "Retry", func() {})
	w := test.NewTempWindow(t, m)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(240, 120))
	var scroll *container.Scroll
	for _, o := range test.WidgetRenderer(m.(fyne.Widget)).Objects() {
		scroll, _ = o.(*container.Scroll)
	}
	if scroll == nil {
		t.Fatal("the message has no scroll")
	}
	if h := scroll.Content.Size().Height; h <= 120 || scroll.Size().Height > 120 {
		t.Errorf("in 120 units the scroll is %v over content %.0f high", scroll.Size(), h)
	}
	if h := m.MinSize().Height; h < scroll.Content.MinSize().Height {
		t.Errorf("asks for %.0f units, less than its content's %.0f", h, scroll.Content.MinSize().Height)
	}
}

// TestHeadOverDragAndWheel: a drag moves a tall head within its room, no
// further than its end; the wheel over it scrolls the list below, as it
// does over the list itself; over a head with no list below, the wheel
// moves the head.
func TestHeadOverDragAndWheel(t *testing.T) {
	test.NewTempApp(t)
	tall := canvas.NewRectangle(nil)
	tall.SetMinSize(fyne.NewSize(100, 600))
	rows := make([]string, 100)
	list := widget.NewList(func() int { return len(rows) }, func() fyne.CanvasObject { return widget.NewLabel("row") }, func(int, fyne.CanvasObject) {})
	box := NewHeadOver(tall, list, 0.5)
	w := test.NewTempWindow(t, box)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(320, 500))
	head := box.Objects[0].(*headScroller)
	test.Drag(w.Canvas(), fyne.NewPos(50, 100), 0, -80)
	if y := tall.Position().Y; y != -80 {
		t.Errorf("a drag of 80 up moved the head to %.0f", y)
	}
	test.Drag(w.Canvas(), fyne.NewPos(50, 100), 0, -1000)
	if y := tall.Position().Y; y != -(600 - head.Size().Height) {
		t.Errorf("a long drag moved the head to %.0f, past its end at %.0f", y, -(600 - head.Size().Height))
	}
	test.Scroll(w.Canvas(), fyne.NewPos(50, 100), 0, -60)
	if got := list.GetScrollOffset(); got != 60 {
		t.Errorf("the wheel over the head moved the list to %.0f, want 60", got)
	}

	alone := canvas.NewRectangle(nil)
	alone.SetMinSize(fyne.NewSize(100, 600))
	box2 := NewHeadOver(alone, canvas.NewRectangle(nil), 0.5)
	w2 := test.NewTempWindow(t, box2)
	w2.SetPadded(false)
	w2.Resize(fyne.NewSize(320, 500))
	test.Scroll(w2.Canvas(), fyne.NewPos(50, 100), 0, -60)
	if y := alone.Position().Y; y != -60 {
		t.Errorf("with no list below, the wheel moved the head to %.0f, want -60", y)
	}
}

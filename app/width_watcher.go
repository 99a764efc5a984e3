package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/widget"
)

// widthWatcher is an invisible object stacked under the chrome; the stack
// gives it the window's size, and it reports every new width.
type widthWatcher struct {
	widget.BaseWidget
	onWidth func(float32)
	last    float32
}

func newWidthWatcher(onWidth func(float32)) *widthWatcher {
	w := &widthWatcher{onWidth: onWidth}
	w.ExtendBaseWidget(w)
	return w
}

// Resize reports a changed width.
func (w *widthWatcher) Resize(s fyne.Size) {
	w.BaseWidget.Resize(s)
	if s.Width != w.last {
		w.last = s.Width
		w.onWidth(s.Width)
	}
}

// MinSize is zero: the watcher never asks for room.
func (w *widthWatcher) MinSize() fyne.Size { return fyne.Size{} }

// CreateRenderer draws nothing.
func (w *widthWatcher) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(canvas.NewRectangle(color.Transparent))
}

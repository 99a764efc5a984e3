package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
)

// NewColumn centres content and keeps it no wider than width, so that a
// screen or a keyboard reads as one column in a wide window.
func NewColumn(width float32, content fyne.CanvasObject) *fyne.Container {
	return container.New(&columnLayout{width: width}, content)
}

// columnLayout gives its objects the full height and at most its width,
// centred.
type columnLayout struct{ width float32 }

func (l *columnLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	w := min(size.Width, l.width)
	for _, o := range objs {
		o.Move(fyne.NewPos((size.Width-w)/2, 0))
		o.Resize(fyne.NewSize(w, size.Height))
	}
}

func (l *columnLayout) MinSize(objs []fyne.CanvasObject) fyne.Size { return largestMinSize(objs) }

// largestMinSize is the smallest size in which each of objs fits.
func largestMinSize(objs []fyne.CanvasObject) fyne.Size {
	var m fyne.Size
	for _, o := range objs {
		m = m.Max(o.MinSize())
	}
	return m
}

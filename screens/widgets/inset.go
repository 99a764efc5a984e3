package widgets

import "fyne.io/fyne/v2"

// insetLayout places its objects inset on every side, and asks for at
// least minSide in each direction so that every target is large enough to
// tap.
type insetLayout struct {
	inset   float32
	minSide float32
}

func (l *insetLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(l.inset, l.inset))
		o.Resize(size.SubtractWidthHeight(2*l.inset, 2*l.inset))
	}
}

func (l *insetLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var m fyne.Size
	for _, o := range objs {
		m = m.Max(o.MinSize())
	}
	m = m.AddWidthHeight(2*l.inset, 2*l.inset)
	return m.Max(fyne.NewSquareSize(l.minSide))
}

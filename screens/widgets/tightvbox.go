package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// NewTightVBox stacks labels that belong together as one block: a title
// and its lines, with no row's worth of padding between them.
func NewTightVBox(objs ...fyne.CanvasObject) *fyne.Container {
	return container.New(tightVBox{}, objs...)
}

// tightVBox stacks labels vertically for a title and its subtitle that
// belong together: each label after the first moves up by the inner
// padding that labels keep above and below their text, so that the two
// read as one block rather than two rows (in 长辈版, whose padding is
// larger, the gap would be most of a line).
type tightVBox struct{}

func (tightVBox) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	overlap := theme.InnerPadding()
	y := float32(0)
	for i, o := range objs {
		if i > 0 {
			y -= overlap
		}
		h := o.MinSize().Height
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(size.Width, h))
		y += h
	}
}

func (tightVBox) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for i, o := range objs {
		m := o.MinSize()
		s.Width = fyne.Max(s.Width, m.Width)
		s.Height += m.Height
		if i > 0 {
			s.Height -= theme.InnerPadding()
		}
	}
	return s
}

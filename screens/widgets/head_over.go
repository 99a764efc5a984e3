package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// NewHeadOver puts head over body, as a border layout with head on top
// would, but gives head no more than share of the height: where head is
// taller (long notices and large text on a small phone) it scrolls within
// that, and body, a list, keeps the rest. With a border layout such a
// head took the whole screen, cut mid-sentence at the bottom, and left
// the list no room at all.
func NewHeadOver(head, body fyne.CanvasObject, share float32) *fyne.Container {
	scroll := container.NewVScroll(head)
	return container.New(&headOverLayout{share: share}, scroll, body)
}

// headOverLayout lays out NewHeadOver's scroll of the head and its body.
type headOverLayout struct{ share float32 }

func (l *headOverLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	scroll, body := objs[0].(*container.Scroll), objs[1]
	h := min(scroll.Content.MinSize().Height, size.Height*l.share)
	scroll.Move(fyne.NewPos(0, 0))
	scroll.Resize(fyne.NewSize(size.Width, h))
	gap := theme.Padding()
	body.Move(fyne.NewPos(0, h+gap))
	body.Resize(fyne.NewSize(size.Width, max(0, size.Height-h-gap)))
}

// MinSize is as wide as the head and the body, and as high as the body
// and as much of the head as a tappable target or two.
func (l *headOverLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	head, body := objs[0].(*container.Scroll).Content.MinSize(), objs[1].MinSize()
	return fyne.NewSize(max(head.Width, body.Width), body.Height+theme.Padding()+min(head.Height, 2*TargetSize()))
}

package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// NewMessage is a screen's empty, offline or error state: an icon, a
// title, a sentence saying what happened and what to do, and optionally
// one action.
func NewMessage(icon fyne.Resource, title, body, action string, onAction func()) fyne.CanvasObject {
	img := canvas.NewImageFromResource(icon)
	img.FillMode = canvas.ImageFillContain
	// Three inline icons high, but no more than 64 units: in 长辈版 a larger
	// one pushed a long message past the bottom of a 320×568 phone.
	img.SetMinSize(fyne.NewSquareSize(min(theme.IconInlineSize()*3, 64)))
	t := NewWrappedLabelWithStyle(title, fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	t.SizeName = theme.SizeNameSubHeadingText
	b := NewWrappedLabelWithStyle(body, fyne.TextAlignCenter, fyne.TextStyle{})
	box := container.NewVBox(img, t, b)
	if action != "" && onAction != nil {
		btn := widget.NewButton(action, onAction)
		btn.Importance = widget.HighImportance
		box.Add(container.NewCenter(btn))
	}
	return newFitScroll(container.New(&centredLayout{max: 320}, box))
}

// NewLoading is a screen's loading state: a label over an infinite
// progress bar.
func NewLoading(text string) fyne.CanvasObject {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignCenter, fyne.TextStyle{})
	bar := widget.NewProgressBarInfinite()
	return container.New(&centredLayout{max: 300}, container.NewVBox(l, bar))
}

// centredLayout centres its objects, as wide as it is up to max so that
// wrapping text has room to read, and as high as they then ask. It asks for
// no more width than its objects do, so that on a narrow phone it is no
// wider than the screen.
type centredLayout struct{ max float32 }

func (l *centredLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	w := min(size.Width, l.max)
	for _, o := range objs {
		// A wrapping label's height follows the width it was given.
		o.Resize(fyne.NewSize(w, o.MinSize().Height))
		h := o.MinSize().Height
		o.Resize(fyne.NewSize(w, h))
		o.Move(fyne.NewPos((size.Width-w)/2, max(0, (size.Height-h)/2)))
	}
}

func (l *centredLayout) MinSize(objs []fyne.CanvasObject) fyne.Size { return largestMinSize(objs) }

// fitScroll shows content whole where it is given the height content
// asks for, and scrolls it where it is given less: a long message in
// 长辈版 on a small phone is read by scrolling instead of being cut at the
// bottom. It asks for content's own size, so that in a box it is drawn
// whole, as content alone would be.
type fitScroll struct {
	widget.BaseWidget
	content fyne.CanvasObject
}

func newFitScroll(content fyne.CanvasObject) *fitScroll {
	f := &fitScroll{content: content}
	f.ExtendBaseWidget(f)
	return f
}

// CreateRenderer puts the content in a vertical scroll.
func (f *fitScroll) CreateRenderer() fyne.WidgetRenderer {
	return &fitScrollRenderer{WidgetRenderer: widget.NewSimpleRenderer(container.NewVScroll(f.content)), f: f}
}

// fitScrollRenderer asks for the content's size, not a scroll's.
type fitScrollRenderer struct {
	fyne.WidgetRenderer
	f *fitScroll
}

func (r *fitScrollRenderer) MinSize() fyne.Size { return r.f.content.MinSize() }

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
	img.SetMinSize(fyne.NewSquareSize(theme.IconInlineSize() * 3))
	t := NewWrappedLabelWithStyle(title, fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	t.SizeName = theme.SizeNameSubHeadingText
	b := NewWrappedLabelWithStyle(body, fyne.TextAlignCenter, fyne.TextStyle{})
	box := container.NewVBox(img, t, b)
	if action != "" && onAction != nil {
		btn := widget.NewButton(action, onAction)
		btn.Importance = widget.HighImportance
		box.Add(container.NewCenter(btn))
	}
	return container.NewCenter(container.New(&maxWidthLayout{max: 320}, box))
}

// NewLoading is a screen's loading state: a label over an infinite
// progress bar.
func NewLoading(text string) fyne.CanvasObject {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignCenter, fyne.TextStyle{})
	bar := widget.NewProgressBarInfinite()
	return container.NewCenter(container.New(&maxWidthLayout{max: 300}, container.NewVBox(l, bar)))
}

// maxWidthLayout gives its objects all of its size and asks for a width of
// at least max, so that wrapping text inside a centring container has room
// to read (a centred VBox would otherwise squeeze it to its narrowest).
type maxWidthLayout struct{ max float32 }

func (l *maxWidthLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Resize(size)
		o.Move(fyne.NewPos(0, 0))
	}
}

func (l *maxWidthLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	m := largestMinSize(objs)
	m.Width = fyne.Max(m.Width, l.max)
	return m
}

package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// NewSection is a titled group of rows, as in Settings.
func NewSection(title string, rows ...fyne.CanvasObject) fyne.CanvasObject {
	h := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	h.SizeName = theme.SizeNameSubHeadingText
	box := container.NewVBox(h)
	for _, r := range rows {
		box.Add(r)
	}
	return box
}

// NewInfoRow is a label and its value on one line, the value wrapping when
// it is long.
func NewInfoRow(label, value string) fyne.CanvasObject {
	l := widget.NewLabel(label)
	l.TextStyle.Bold = true
	v := NewWrappedLabel(value)
	return container.NewBorder(nil, nil, l, nil, v)
}

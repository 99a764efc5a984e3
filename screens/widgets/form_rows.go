package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// NewFormRows lays fields out after their labels, the labels in one
// column (label, field, label, field, ...), where that leaves each field
// at least fieldRoom units; on a narrower screen (a small phone in
// 长辈版) each label goes above its field, which then has the whole width
// to show its choice instead of its first letters.
func NewFormRows(fieldRoom float32, labelsAndFields ...fyne.CanvasObject) *fyne.Container {
	return container.New(&formRowsLayout{room: fieldRoom}, labelsAndFields...)
}

// formRowsLayout is NewFormRows' layout. It remembers whether it last
// stacked, so that the height it asks for is that of the arrangement it
// is drawn in.
type formRowsLayout struct {
	room    float32
	stacked bool
}

// labelWidth is the width of the label column: the widest label.
func labelWidth(objs []fyne.CanvasObject) float32 {
	var w float32
	for i := 0; i+1 < len(objs); i += 2 {
		w = max(w, objs[i].MinSize().Width)
	}
	return w
}

func (l *formRowsLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	lw := labelWidth(objs)
	l.stacked = size.Width-lw-pad < l.room
	y := float32(0)
	for i := 0; i+1 < len(objs); i += 2 {
		label, field := objs[i], objs[i+1]
		if l.stacked {
			label.Move(fyne.NewPos(0, y))
			label.Resize(fyne.NewSize(size.Width, label.MinSize().Height))
			y += label.MinSize().Height
			field.Move(fyne.NewPos(0, y))
			field.Resize(fyne.NewSize(size.Width, field.MinSize().Height))
			y += field.MinSize().Height + pad
			continue
		}
		h := max(label.MinSize().Height, field.MinSize().Height)
		label.Move(fyne.NewPos(0, y))
		label.Resize(fyne.NewSize(lw, h))
		field.Move(fyne.NewPos(lw+pad, y))
		field.Resize(fyne.NewSize(size.Width-lw-pad, h))
		y += h + pad
	}
}

// MinSize is narrow enough to stack, and as high as the arrangement last
// drawn.
func (l *formRowsLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	pad := theme.Padding()
	var w, h float32
	for i := 0; i+1 < len(objs); i += 2 {
		label, field := objs[i].MinSize(), objs[i+1].MinSize()
		w = max(w, label.Width, field.Width)
		if l.stacked {
			h += label.Height + field.Height + pad
		} else {
			h += max(label.Height, field.Height) + pad
		}
	}
	return fyne.NewSize(w, max(0, h-pad))
}

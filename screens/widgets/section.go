package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// NewSection is a titled group of rows, as in Settings. A long title
// wraps.
func NewSection(title string, rows ...fyne.CanvasObject) fyne.CanvasObject {
	h := NewWrappedLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	h.SizeName = theme.SizeNameSubHeadingText
	box := container.NewVBox(h)
	for _, r := range rows {
		box.Add(r)
	}
	return box
}

// NewInfoRow is a label and its value side by side, the value wrapping
// when it is long. The label keeps to one line while it takes at most
// two fifths of the row, and wraps beyond that, so that a long label in
// large text never pushes the row past the screen's edge.
func NewInfoRow(label, value string) fyne.CanvasObject {
	l := NewWrappedLabelWithStyle(label, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v := NewWrappedLabel(value)
	return container.New(&infoRowLayout{}, l, v)
}

// infoRowLayout places a label and its value side by side. It measures
// the label once per text and text size, not at every layout pass.
type infoRowLayout struct {
	measuredFor      string  // the label's text the widths below are of
	measuredAt       float32 // at this text size
	oneLine, longest float32 // the label on one line, and around its widest word
}

// maxLabelShare is the most of the row's width a label takes.
const maxLabelShare = 0.4

// measure keeps the label's two widths current.
func (l *infoRowLayout) measure(label *WrappedLabel) {
	size := theme.TextSize()
	if l.measuredFor == label.Source() && l.measuredAt == size {
		return
	}
	l.measuredFor, l.measuredAt = label.Source(), size
	l.oneLine, l.longest = oneLineWidth(label), widestWord(label)
}

// labelWidth is the label's one line, or two fifths of the row if that is
// less, but never narrower than its longest word.
func (l *infoRowLayout) labelWidth(label *WrappedLabel, rowWidth float32) float32 {
	l.measure(label)
	return min(l.oneLine, max(rowWidth*maxLabelShare, l.longest))
}

func (l *infoRowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	label, value := objs[0].(*WrappedLabel), objs[1]
	w := l.labelWidth(label, size.Width)
	label.Resize(fyne.NewSize(w, label.MinSize().Height))
	label.Move(fyne.NewPos(0, 0))
	value.Resize(fyne.NewSize(size.Width-w, value.MinSize().Height))
	value.Move(fyne.NewPos(w, 0))
	// The heights above follow the widths just set: give each its own.
	label.Resize(fyne.NewSize(w, label.MinSize().Height))
	value.Resize(fyne.NewSize(size.Width-w, value.MinSize().Height))
}

func (l *infoRowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	label, value := objs[0].(*WrappedLabel), objs[1]
	lm, vm := label.MinSize(), value.MinSize()
	// A label asks for its one line up to a few words' width; a narrower
	// row wraps it (see Layout).
	l.measure(label)
	w := min(l.oneLine, max(6*theme.TextSize(), l.longest))
	return fyne.NewSize(w+vm.Width, max(lm.Height, vm.Height))
}

// oneLineWidth is how wide a label is with its text on one line.
func oneLineWidth(l *WrappedLabel) float32 {
	return l.measure(l.Source()) + l.padding()
}

// widestWord is how wide a label is around its widest unbreakable piece.
func widestWord(l *WrappedLabel) float32 {
	var w float32
	for _, u := range breakUnits(l.Source()) {
		w = max(w, l.measure(u.text))
	}
	return w + l.padding()
}

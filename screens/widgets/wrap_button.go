package widgets

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// WrapButton is Fyne's button with a label that wraps onto more lines
// where it is wider than the button is given, breaking lines as
// WrappedLabel does. A long label in 长辈版 on a narrow phone then takes
// two lines instead of pushing the screen past its right edge. It asks
// for the width of its widest word; its Text holds the lines it shows.
type WrapButton struct {
	widget.Button
	source string
	width  float32 // the width Text was broken for
}

// NewWrapButton makes a button with a wrapping label.
func NewWrapButton(label string, tapped func()) *WrapButton {
	return NewWrapButtonWithIcon(label, nil, tapped)
}

// NewWrapButtonWithIcon makes a button with an icon and a wrapping label.
func NewWrapButtonWithIcon(label string, icon fyne.Resource, tapped func()) *WrapButton {
	b := &WrapButton{source: label}
	b.Text, b.Icon, b.OnTapped = label, icon, tapped
	b.ExtendBaseWidget(b)
	return b
}

// Source is the label as set, without the line breaks the button adds.
func (b *WrapButton) Source() string { return b.source }

// SetText shows label, wrapped to the button's width.
func (b *WrapButton) SetText(label string) {
	b.source = label
	b.Button.SetText(b.broken(b.Size().Width))
}

// Resize breaks the label for the new width.
func (b *WrapButton) Resize(size fyne.Size) {
	if size.Width != b.width {
		if text := b.broken(size.Width); text != b.Text {
			b.Text = text
			b.Button.Refresh()
		}
	}
	b.BaseWidget.Resize(size)
}

// MinSize is the button's with its label broken as now, but no wider than
// its widest word needs: the width it is then given breaks it.
func (b *WrapButton) MinSize() fyne.Size {
	m := b.Button.MinSize()
	m.Width = min(m.Width, b.chrome()+b.widestWord())
	return m
}

// broken is the label broken into lines for a button of width.
func (b *WrapButton) broken(width float32) string {
	b.width = width
	room := width - b.chrome()
	if width <= 0 || room <= 0 || b.source == "" {
		return b.source
	}
	return strings.Join(breakLines(b.source, room, b.measure), "\n")
}

// chrome is the width of the button around its label: the padding and
// the icon.
func (b *WrapButton) chrome() float32 {
	th := b.Theme()
	w := 4 * th.Size(theme.SizeNameInnerPadding)
	if b.Icon != nil {
		w += th.Size(theme.SizeNameInlineIcon) + th.Size(theme.SizeNamePadding)
	}
	return w
}

// widestWord is the width of the label's widest unbreakable piece.
func (b *WrapButton) widestWord() float32 {
	var w float32
	for _, u := range breakUnits(b.source) {
		w = max(w, b.measure(u.text))
	}
	return w
}

// measure is how wide s is in a button's label.
func (b *WrapButton) measure(s string) float32 {
	return fyne.MeasureText(s, b.Theme().Size(theme.SizeNameText), fyne.TextStyle{Bold: true}).Width
}

// oneLine is how wide the button is with its label on one line.
func (b *WrapButton) oneLine() float32 { return b.chrome() + b.measure(b.source) }

// NewLeading places b at the leading edge of the row it is given, as wide
// as its label on one line needs, or as the row where that is narrower
// (its label then wraps): a button over a map that leaves the rest of the
// row to the map.
func NewLeading(b *WrapButton) *fyne.Container {
	return container.New(leadingLayout{}, b)
}

// leadingLayout is NewLeading's layout.
type leadingLayout struct{}

func (leadingLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		w := size.Width
		if b, ok := o.(*WrapButton); ok {
			w = min(w, b.oneLine())
		}
		o.Resize(fyne.NewSize(w, o.MinSize().Height))
		o.Resize(fyne.NewSize(w, o.MinSize().Height)) // the height of the lines at that width
		o.Move(fyne.NewPos(0, 0))
	}
}

func (leadingLayout) MinSize(objs []fyne.CanvasObject) fyne.Size { return largestMinSize(objs) }

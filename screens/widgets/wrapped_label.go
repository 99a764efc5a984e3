package widgets

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// WrappedLabel is a label that wraps its text to the width it is given,
// breaking lines where Chinese, Japanese and Korean typography allows
// (see breakLines). Its Text holds the lines it shows; Source is the text
// as it was set.
type WrappedLabel struct {
	widget.Label
	source string
	width  float32 // the width Text was broken for
}

// NewWrappedLabel makes a wrapped label showing text.
func NewWrappedLabel(text string) *WrappedLabel {
	l := &WrappedLabel{source: text}
	l.Text = text
	// Fyne's own wrapping stays on underneath, for a line the breaking
	// measured a little narrower than Fyne draws it.
	l.Wrapping = fyne.TextWrapWord
	l.ExtendBaseWidget(l)
	return l
}

// Source is the text as set, without the line breaks the label adds.
func (l *WrappedLabel) Source() string { return l.source }

// SetText shows text, wrapped to the label's width.
func (l *WrappedLabel) SetText(text string) {
	l.source = text
	l.Text = l.broken(l.Size().Width)
	l.Label.Refresh()
}

// Refresh breaks the text again, for a style or theme that may have
// changed its width, and redraws it.
func (l *WrappedLabel) Refresh() {
	l.Text = l.broken(l.Size().Width)
	l.Label.Refresh()
}

// Resize breaks the text for the new width.
func (l *WrappedLabel) Resize(size fyne.Size) {
	if size.Width != l.width {
		if text := l.broken(size.Width); text != l.Text {
			l.Text = text
			l.Label.Refresh()
		}
	}
	l.BaseWidget.Resize(size)
}

// broken is the source text broken into lines for a label of width.
func (l *WrappedLabel) broken(width float32) string {
	l.width = width
	if width <= 0 || l.source == "" {
		return l.source
	}
	return strings.Join(breakLines(l.source, width-l.padding(), l.measure), "\n")
}

// measure is how wide s is in the label's text size and style.
func (l *WrappedLabel) measure(s string) float32 {
	sizeName := l.SizeName
	if sizeName == "" {
		sizeName = theme.SizeNameText
	}
	return fyne.MeasureText(s, l.Theme().Size(sizeName), l.TextStyle).Width
}

// padding is the room a label keeps around its text, left and right.
func (l *WrappedLabel) padding() float32 {
	return 2 * l.Theme().Size(theme.SizeNameInnerPadding)
}

// NewWrappedLabelWithStyle makes a wrapped label with an alignment and a
// style.
func NewWrappedLabelWithStyle(text string, align fyne.TextAlign, style fyne.TextStyle) *WrappedLabel {
	l := NewWrappedLabel(text)
	l.Alignment, l.TextStyle = align, style
	return l
}

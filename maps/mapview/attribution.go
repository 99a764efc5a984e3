package mapview

import (
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
)

// attribution is the source's credit line at the bottom right of the map
// over a pale strip. Where the map is narrower than the line (长辈版's text
// on a small phone) it takes more lines, broken at spaces, instead of
// running off the left edge.
type attribution struct {
	bg    *canvas.Rectangle
	lines []*canvas.Text
	ink   color.Color
}

func newAttribution() *attribution {
	return &attribution{bg: canvas.NewRectangle(color.NRGBA{0xff, 0xff, 0xff, 0xb0}), ink: color.NRGBA{0x30, 0x30, 0x30, 0xff}}
}

// layout breaks text for a map of size and places the lines and the strip;
// it returns the height they take from the bottom.
func (a *attribution) layout(text string, size fyne.Size, pad float32) float32 {
	ts := theme.CaptionTextSize()
	measure := func(s string) fyne.Size { return fyne.MeasureText(s, ts, fyne.TextStyle{}) }
	words := breakAtSpaces(text, size.Width-4*pad, func(s string) float32 { return measure(s).Width })
	for len(a.lines) < len(words) {
		a.lines = append(a.lines, canvas.NewText("", a.ink))
	}
	a.lines = a.lines[:len(words)]
	var width, height float32
	for _, w := range words {
		m := measure(w)
		width, height = max(width, m.Width), height+m.Height
	}
	y := size.Height - height - pad/2
	for i, l := range a.lines {
		l.Text, l.TextSize, l.Color, l.Alignment = words[i], ts, a.ink, fyne.TextAlignTrailing
		l.Move(fyne.NewPos(size.Width-width-pad, y))
		l.Resize(fyne.NewSize(width, measure(words[i]).Height))
		y += measure(words[i]).Height
	}
	a.bg.Move(fyne.NewPos(size.Width-width-2*pad, size.Height-height-pad))
	a.bg.Resize(fyne.NewSize(width+2*pad, height+pad))
	return height + pad
}

// paint sets the ink and the strip's colour.
func (a *attribution) paint(ink, strip color.Color) {
	a.ink, a.bg.FillColor = ink, strip
	for _, l := range a.lines {
		l.Color = ink
		l.Refresh()
	}
	a.bg.Refresh()
}

// objects are the strip, then the lines.
func (a *attribution) objects() []fyne.CanvasObject {
	out := []fyne.CanvasObject{a.bg}
	for _, l := range a.lines {
		out = append(out, l)
	}
	return out
}

// breakAtSpaces breaks s into lines no wider than room where it can, at
// spaces; a word wider than room has a line of its own.
func breakAtSpaces(s string, room float32, width func(string) float32) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		switch {
		case line == "":
			line = w
		case width(line+" "+w) <= room:
			line += " " + w
		default:
			lines = append(lines, line)
			line = w
		}
	}
	if line != "" || len(lines) == 0 {
		lines = append(lines, line)
	}
	return lines
}

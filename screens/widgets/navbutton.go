package widgets

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// NavButton is one entry of the navigation: a bottom tab (icon over label)
// or a side-bar row (icon beside label). The active one is drawn in the
// primary colour with a bold label, so the state never rests on colour alone.
//
// A tab takes the width its bar gives it: its label is drawn at the
// theme's caption size where it fits, else smaller, down to LeastTextSize,
// and only then shortened with an ellipsis.
type NavButton struct {
	widget.BaseWidget
	// LeastTextSize is the smallest a tab's label is drawn to fit its tab;
	// 0 is four fifths of the theme's caption size. 长辈版 sets it to its
	// caption size, so that its labels never shrink.
	LeastTextSize float32

	icon     fyne.Resource
	label    string
	active   bool
	vertical bool
	onTap    func()
}

// NewNavButton makes a navigation entry; vertical stacks icon over label.
func NewNavButton(icon fyne.Resource, label string, active, vertical bool, onTap func()) *NavButton {
	b := &NavButton{icon: icon, label: label, active: active, vertical: vertical, onTap: onTap}
	b.ExtendBaseWidget(b)
	return b
}

// Tapped calls the button's action.
func (b *NavButton) Tapped(*fyne.PointEvent) {
	if b.onTap != nil {
		b.onTap()
	}
}

// AccessibilityLabel is what a screen reader says: the entry's label.
func (b *NavButton) AccessibilityLabel() string { return b.label }

// AccessibilityRole is a button's.
func (b *NavButton) AccessibilityRole() fyne.AccessibleRole { return fyne.AccessibleRoleButton }

// CreateRenderer draws the icon and the label over a highlight.
func (b *NavButton) CreateRenderer() fyne.WidgetRenderer {
	icon := b.icon
	if icon == nil {
		icon = theme.InfoIcon()
	}
	if b.active {
		icon = theme.NewPrimaryThemedResource(icon)
	}
	r := &navRenderer{b: b, bg: canvas.NewRectangle(color.Transparent), img: canvas.NewImageFromResource(icon),
		text: canvas.NewText(b.label, nil)}
	r.img.FillMode = canvas.ImageFillContain
	r.text.TextStyle.Bold = b.active
	if b.vertical {
		r.text.Alignment = fyne.TextAlignCenter
	}
	r.paint()
	return r
}

// navRenderer lays out a NavButton and takes its colours and sizes from
// the theme whenever it is refreshed.
type navRenderer struct {
	b    *NavButton
	bg   *canvas.Rectangle
	img  *canvas.Image
	text *canvas.Text
	full float32 // the label's size in the theme
}

// paint reads the colours and the label's size from the theme in force.
func (r *navRenderer) paint() {
	p := PaletteOf(r.b)
	r.bg.CornerRadius = p.Size(theme.SizeNameSelectionRadius)
	r.full = p.Size(theme.SizeNameText)
	if r.b.vertical {
		r.full = p.Size(theme.SizeNameCaptionText)
	}
	r.text.Color = p.Color(theme.ColorNameForeground)
	r.bg.FillColor = color.Transparent
	if r.b.active {
		r.text.Color = p.Color(theme.ColorNamePrimary)
		r.bg.FillColor = p.Color(theme.ColorNameSelection)
	}
}

// inset is the room kept inside the highlight around the icon and label.
func (r *navRenderer) inset() float32 { return theme.InnerPadding() / 2 }

// iconSize is the side of the icon.
func (r *navRenderer) iconSize() float32 { return theme.IconInlineSize() * 1.2 }

// least is the smallest the label is drawn.
func (r *navRenderer) least() float32 {
	if r.b.LeastTextSize > 0 {
		return min(r.b.LeastTextSize, r.full)
	}
	return r.full * 0.8
}

// measure is how large the label is at size.
func (r *navRenderer) measure(text string, size float32) fyne.Size {
	return fyne.MeasureText(text, size, r.text.TextStyle)
}

// MinSize is a tappable target's at least. A tab asks for no more width
// than that: its label fits the width the bar gives it (see fitLabel).
func (r *navRenderer) MinSize() fyne.Size {
	in, icon := r.inset(), r.iconSize()
	label := r.measure(r.b.label, r.full)
	var m fyne.Size
	if r.b.vertical {
		m = fyne.NewSize(icon+2*in, icon+theme.Padding()+label.Height+2*in)
	} else {
		m = fyne.NewSize(icon+theme.Padding()+label.Width+2*in, max(icon, label.Height)+2*in)
	}
	return m.Max(fyne.NewSquareSize(TargetSize()))
}

// Layout places the icon over the label (a tab) or beside it (a row).
func (r *navRenderer) Layout(size fyne.Size) {
	r.bg.Resize(size)
	r.bg.Move(fyne.NewPos(0, 0))
	in, icon := r.inset(), r.iconSize()
	r.img.Resize(fyne.NewSquareSize(icon))
	if !r.b.vertical {
		r.text.Text, r.text.TextSize = r.b.label, r.full
		ts := r.measure(r.text.Text, r.full)
		r.img.Move(fyne.NewPos(in, (size.Height-icon)/2))
		r.text.Move(fyne.NewPos(in+icon+theme.Padding(), (size.Height-ts.Height)/2))
		r.text.Resize(ts)
		return
	}
	r.fitLabel(size.Width - 2*in)
	ts := r.measure(r.text.Text, r.text.TextSize)
	top := (size.Height - (icon + theme.Padding() + ts.Height)) / 2
	r.img.Move(fyne.NewPos((size.Width-icon)/2, top))
	r.text.Move(fyne.NewPos(in, top+icon+theme.Padding()))
	r.text.Resize(fyne.NewSize(size.Width-2*in, ts.Height))
}

// fitLabel sets the tab's label to fit room: at the theme's size where it
// fits, else at the size that fits if that is not under least, else at
// least and shortened with an ellipsis.
func (r *navRenderer) fitLabel(room float32) {
	r.text.Text, r.text.TextSize = r.b.label, r.full
	w := r.measure(r.b.label, r.full).Width
	if w <= room || room <= 0 {
		return
	}
	r.text.TextSize = max(r.least(), r.full*room/w)
	for r.measure(r.text.Text, r.text.TextSize).Width > room {
		if s := float32(int(r.text.TextSize*4)-1) / 4; s >= r.least() {
			r.text.TextSize = s // the ratio above is a little short of the measured width
			continue
		}
		r.text.Text = shorten(r.b.label, room, func(s string) float32 { return r.measure(s, r.text.TextSize).Width })
		return
	}
}

// shorten is the longest start of s that, with an ellipsis after it,
// measures no more than room.
func shorten(s string, room float32, measure func(string) float32) string {
	runes := []rune(s)
	for n := len(runes) - 1; n > 0; n-- {
		if t := string(runes[:n]) + "…"; measure(t) <= room {
			return t
		}
	}
	return "…"
}

// Refresh reads the theme again and lays the button out.
func (r *navRenderer) Refresh() {
	r.paint()
	r.Layout(r.b.Size())
	r.bg.Refresh()
	r.img.Refresh()
	r.text.Refresh()
}

// Objects are the highlight, the icon and the label.
func (r *navRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.bg, r.img, r.text}
}

// Destroy is part of fyne.WidgetRenderer.
func (r *navRenderer) Destroy() {}

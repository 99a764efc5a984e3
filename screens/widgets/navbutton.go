package widgets

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// NavButton is one entry of the navigation: a bottom tab (icon over label)
// or a side-bar row (icon beside label). The active one is drawn in the
// primary colour with a bold label, so the state never rests on colour alone.
type NavButton struct {
	widget.BaseWidget
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

// CreateRenderer lays out the icon and label over a highlight. The
// label's and the highlight's colours are read from the theme at every
// refresh.
func (b *NavButton) CreateRenderer() fyne.WidgetRenderer {
	icon := b.icon
	if icon == nil {
		icon = theme.InfoIcon()
	}
	bg := canvas.NewRectangle(color.Transparent)
	text := canvas.NewText(b.label, nil)
	text.TextStyle.Bold = b.active
	if b.active {
		icon = theme.NewPrimaryThemedResource(icon)
	}
	img := canvas.NewImageFromResource(icon)
	img.FillMode = canvas.ImageFillContain
	size := theme.IconInlineSize() * 1.2
	img.SetMinSize(fyne.NewSquareSize(size))
	var body fyne.CanvasObject
	if b.vertical {
		text.Alignment = fyne.TextAlignCenter
		body = container.NewVBox(container.NewCenter(img), text)
	} else {
		body = container.NewHBox(img, container.NewCenter(text))
	}
	pad := theme.InnerPadding() / 2
	entry := container.NewStack(bg, container.New(&insetLayout{inset: pad, minSide: TargetSize()}, body))
	return newPaintedRenderer(b, entry, func(p Palette) {
		bg.CornerRadius = p.Size(theme.SizeNameSelectionRadius)
		text.TextSize = p.Size(theme.SizeNameText)
		if b.vertical {
			text.TextSize = p.Size(theme.SizeNameCaptionText)
		}
		text.Color = p.Color(theme.ColorNameForeground)
		bg.FillColor = color.Transparent
		if b.active {
			text.Color = p.Color(theme.ColorNamePrimary)
			bg.FillColor = p.Color(theme.ColorNameSelection)
		}
	})
}

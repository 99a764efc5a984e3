package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Tile is a Home entry: an icon, a title and a line saying what is there.
type Tile struct {
	widget.BaseWidget
	icon            fyne.Resource
	title, subtitle string
	onTap           func()
}

// NewTile makes a tile that calls onTap when tapped.
func NewTile(icon fyne.Resource, title, subtitle string, onTap func()) *Tile {
	t := &Tile{icon: icon, title: title, subtitle: subtitle, onTap: onTap}
	t.ExtendBaseWidget(t)
	return t
}

// Tapped calls the tile's action.
func (t *Tile) Tapped(*fyne.PointEvent) {
	if t.onTap != nil {
		t.onTap()
	}
}

// AccessibilityLabel is what a screen reader says: the title, then what
// is there.
func (t *Tile) AccessibilityLabel() string {
	if t.subtitle == "" {
		return t.title
	}
	return t.title + ". " + t.subtitle
}

// AccessibilityRole is a button's.
func (t *Tile) AccessibilityRole() fyne.AccessibleRole { return fyne.AccessibleRoleButton }

// CreateRenderer draws a rounded card with the icon beside the two lines.
// The card's colours and corners are read from the theme at every refresh.
func (t *Tile) CreateRenderer() fyne.WidgetRenderer {
	bg := canvas.NewRectangle(nil)
	bg.StrokeWidth = 1
	img := canvas.NewImageFromResource(theme.NewPrimaryThemedResource(t.icon))
	img.FillMode = canvas.ImageFillContain
	img.SetMinSize(fyne.NewSquareSize(theme.IconInlineSize() * 1.6))
	// The title wraps rather than ending in "…": in 长辈版 on a narrow
	// phone "Social security card" did not fit on one line.
	title := NewWrappedLabelWithStyle(t.title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	sub := NewWrappedLabel(t.subtitle)
	sub.SizeName = theme.SizeNameCaptionText
	text := container.New(&tightVBox{}, title, sub)
	body := container.NewBorder(nil, nil, container.NewCenter(img), nil, text)
	card := container.NewStack(bg, container.New(&insetLayout{inset: theme.Padding(), minSide: TargetSize()}, body))
	return newPaintedRenderer(t, card, func(p Palette) {
		bg.FillColor = p.Color(theme.ColorNameInputBackground)
		bg.StrokeColor = p.Color(theme.ColorNameSeparator)
		bg.CornerRadius = p.Size(theme.SizeNameInputRadius) * 2
	})
}

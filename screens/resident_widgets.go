package screens

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"jiangsupass/screens/widgets"
)

// statusBadge says a state in words beside an icon, both in the state's
// colour, so that the state never rests on colour alone.
func statusBadge(icon fyne.Resource, text string, colour fyne.ThemeColorName) fyne.CanvasObject {
	return container.NewHBox(badge(icon, text, colour, theme.TextSize(), theme.IconInlineSize()))
}

// bigBadge is a statusBadge at heading size, for a verdict read from a
// step away.
func bigBadge(icon fyne.Resource, text string, colour fyne.ThemeColorName) fyne.CanvasObject {
	return container.NewCenter(badge(icon, text, colour, theme.Size(theme.SizeNameHeadingText), theme.IconInlineSize()*2))
}

// badge is a pill in the state's colour holding the icon and the words in
// a dark ink, which reads at more than 4.5:1 on the theme's success,
// warning and error colours in light and dark mode alike. Its colours are
// read from the theme again whenever the theme changes.
func badge(icon fyne.Resource, text string, colour fyne.ThemeColorName, textSize, iconSize float32) fyne.CanvasObject {
	img := canvas.NewImageFromResource(icon)
	img.FillMode = canvas.ImageFillContain
	img.SetMinSize(fyne.NewSquareSize(iconSize))
	t := canvas.NewText(text, nil)
	t.TextStyle.Bold = true
	t.TextSize = textSize
	bg := canvas.NewRectangle(nil)
	pill := container.NewStack(bg, container.NewPadded(container.NewHBox(img, container.NewCenter(t))))
	return widgets.Painted(pill, func(p widgets.Palette) {
		ink := theme.ColorNameForeground
		if p.Dark() {
			ink = theme.ColorNameBackground
		}
		img.Resource = theme.NewColoredResource(icon, ink)
		t.Color = p.Color(ink)
		bg.FillColor = p.Color(colour)
		bg.CornerRadius = (textSize + p.Size(theme.SizeNameInnerPadding)) / 2
	})
}

// maskName keeps the first character of a name: 张*.
func maskName(n string) string {
	r := []rune(n)
	if len(r) == 0 {
		return ""
	}
	return string(r[0]) + strings.Repeat("*", max(len(r)-1, 1))
}

// maskMiddle keeps the first head and the last tail characters of a
// number and stars the rest.
func maskMiddle(n string, head, tail int) string {
	if len(n) <= head+tail {
		return strings.Repeat("*", len(n))
	}
	return n[:head] + strings.Repeat("*", len(n)-head-tail) + n[len(n)-tail:]
}

// formatYuan shows cents as yuan with two decimals and thousands
// separators: ¥1,286.50, or −¥48.20.
func formatYuan(cents int64) string {
	sign := ""
	if cents < 0 {
		sign, cents = "−", -cents
	}
	whole := fmt.Sprintf("%d", cents/100)
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return fmt.Sprintf("%s¥%s.%02d", sign, b.String(), cents%100)
}

// qrSize is the side of a QR code: large on a phone, larger still on a
// desktop, within the room the layout gives.
func qrSize(env *Env, big bool) float32 {
	switch {
	case env.Phone && big:
		return 300
	case env.Phone:
		return 240
	case big:
		return 380
	}
	return 300
}

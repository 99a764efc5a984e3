package screens

import (
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// variantTheme is Fyne's default theme held at one variant, with a primary
// colour of its own, so that a colour says which theme it was read from.
type variantTheme struct {
	fyne.Theme
	v       fyne.ThemeVariant
	primary color.NRGBA
}

func (t variantTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	if n == theme.ColorNamePrimary {
		return t.primary
	}
	return t.Theme.Color(n, t.v)
}

// TestCardFaceFollowsTheTheme: the card, drawn in the light theme, is
// repainted in the dark theme's primary colour and ink when the theme
// switches while it is shown, as when the system turns dark.
func TestCardFaceFollowsTheTheme(t *testing.T) {
	env, _ := testEnv(t, "en")
	a := fyne.CurrentApp()
	light := variantTheme{theme.DefaultTheme(), theme.VariantLight, color.NRGBA{0xc0, 0x10, 0x10, 0xff}}
	dark := variantTheme{theme.DefaultTheme(), theme.VariantDark, color.NRGBA{0x10, 0xc0, 0x10, 0xff}}
	a.Settings().SetTheme(light)
	face := newCardFace(env, testCard, widget.NewLabel(""))
	w := test.NewTempWindow(t, face.root)
	w.Resize(fyne.NewSize(390, 600))
	a.Settings().SetTheme(dark)
	same := func(a, b color.Color) bool { return color.NRGBAModel.Convert(a) == color.NRGBAModel.Convert(b) }
	var bgs, inks int
	for _, o := range find[*canvas.Rectangle](face.root) {
		if o.CornerRadius > 0 && same(o.FillColor, dark.Color(theme.ColorNamePrimary, 0)) {
			bgs++
		}
	}
	texts := find[*canvas.Text](face.root)
	for _, txt := range texts {
		if same(txt.Color, dark.Color(theme.ColorNameForegroundOnPrimary, 0)) {
			inks++
		}
	}
	if bgs == 0 {
		t.Error("the card is not drawn in the dark theme's primary colour after the switch")
	}
	if inks < 4 {
		t.Errorf("%d of the card's texts are in the dark theme's ink after the switch", inks)
	}
}

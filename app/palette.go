package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// The app's accent: a deep lake blue (太湖蓝), dark enough to carry white
// text at more than 4.5:1, and a lighter tone of it for dark backgrounds.
var (
	accentLight = color.NRGBA{R: 0x0b, G: 0x5c, B: 0xad, A: 0xff}
	accentDark  = color.NRGBA{R: 0x6c, G: 0xb4, B: 0xf5, A: 0xff}
)

// paletteColor returns the app's colours where they differ from Fyne's
// defaults. In 长辈版 the secondary text colours are raised so that every
// text meets 4.5:1 against its background.
func paletteColor(name fyne.ThemeColorName, v fyne.ThemeVariant, elder bool) (color.Color, bool) {
	dark := v == theme.VariantDark
	switch name {
	case theme.ColorNamePrimary, theme.ColorNameHyperlink, theme.ColorNameFocus:
		if dark {
			return accentDark, true
		}
		return accentLight, true
	case theme.ColorNameForegroundOnPrimary:
		if dark {
			return color.NRGBA{R: 0x0a, G: 0x1a, B: 0x2b, A: 0xff}, true
		}
		return color.White, true
	case theme.ColorNameForeground:
		if dark {
			return color.NRGBA{R: 0xf2, G: 0xf2, B: 0xf2, A: 0xff}, true
		}
		return color.NRGBA{R: 0x1f, G: 0x1f, B: 0x1f, A: 0xff}, true
	case theme.ColorNameInputBorder:
		// Outlines of inputs, checks and radios: at least 3:1 against the
		// background, so an unchecked option is still seen.
		if dark {
			return color.NRGBA{R: 0x9a, G: 0x9a, B: 0x9a, A: 0xff}, true
		}
		return color.NRGBA{R: 0x76, G: 0x76, B: 0x76, A: 0xff}, true
	case theme.ColorNamePlaceHolder, theme.ColorNameDisabled:
		if !elder {
			return nil, false
		}
		if dark {
			return color.NRGBA{R: 0xb8, G: 0xb8, B: 0xb8, A: 0xff}, true
		}
		return color.NRGBA{R: 0x59, G: 0x59, B: 0x59, A: 0xff}, true
	}
	return nil, false
}

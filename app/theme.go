package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"jiangsupass/assets"
)

// ThemeMode is the user's choice of light, dark, or following the system.
type ThemeMode string

// The theme modes the --theme flag and Settings offer.
const (
	ThemeSystem ThemeMode = "system"
	ThemeLight  ThemeMode = "light"
	ThemeDark   ThemeMode = "dark"
)

// ParseThemeMode returns the mode named s, or false when s names none.
func ParseThemeMode(s string) (ThemeMode, bool) {
	switch m := ThemeMode(s); m {
	case ThemeSystem, ThemeLight, ThemeDark:
		return m, true
	}
	return "", false
}

var (
	fontRegular = fyne.NewStaticResource("JiangsuPassSans-Regular.otf", assets.FontRegular)
	fontBold    = fyne.NewStaticResource("JiangsuPassSans-Bold.otf", assets.FontBold)
)

// appTheme is Fyne's default theme with the bundled CJK font, the app's
// colours, a forced light or dark variant, and the larger sizes of 长辈版.
type appTheme struct {
	mode  ThemeMode
	elder bool
}

var _ fyne.Theme = (*appTheme)(nil)

// newTheme returns the theme for a mode and elder setting.
func newTheme(mode ThemeMode, elder bool) *appTheme {
	return &appTheme{mode: mode, elder: elder}
}

// variant resolves the mode against the variant the system asks for.
func (t *appTheme) variant(system fyne.ThemeVariant) fyne.ThemeVariant {
	switch t.mode {
	case ThemeLight:
		return theme.VariantLight
	case ThemeDark:
		return theme.VariantDark
	}
	return system
}

// Color returns the palette colour, see palette.go.
func (t *appTheme) Color(name fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	v = t.variant(v)
	if c, ok := paletteColor(name, v, t.elder); ok {
		return c
	}
	return theme.DefaultTheme().Color(name, v)
}

// Font returns the bundled CJK font for every style but monospace, which
// keeps Fyne's own so that codes and numbers line up.
func (t *appTheme) Font(s fyne.TextStyle) fyne.Resource {
	if s.Monospace || s.Symbol {
		return theme.DefaultTheme().Font(s)
	}
	if s.Bold {
		return fontBold
	}
	return fontRegular
}

// Icon returns Fyne's default icons.
func (t *appTheme) Icon(n fyne.ThemeIconName) fyne.Resource {
	return theme.DefaultTheme().Icon(n)
}

// Size returns the default sizes, or the larger ones of 长辈版.
func (t *appTheme) Size(n fyne.ThemeSizeName) float32 {
	if t.elder {
		if s, ok := elderSizes[n]; ok {
			return s
		}
	} else if s, ok := normalSizes[n]; ok {
		return s
	}
	return theme.DefaultTheme().Size(n)
}

// normalSizes nudges the defaults for CJK, whose strokes need a little more
// room than Latin at Fyne's 14-unit default.
var normalSizes = map[fyne.ThemeSizeName]float32{
	theme.SizeNameText:           15,
	theme.SizeNameCaptionText:    12,
	theme.SizeNameSubHeadingText: 18,
	theme.SizeNameHeadingText:    24,
}

// elderSizes are 长辈版's: no text under 18 units and every tappable target
// at least 60×60 (a button is its text or icon plus twice the inner padding).
var elderSizes = map[fyne.ThemeSizeName]float32{
	theme.SizeNameText:           22,
	theme.SizeNameCaptionText:    18,
	theme.SizeNameSubHeadingText: 26,
	theme.SizeNameHeadingText:    32,
	theme.SizeNameInlineIcon:     30,
	theme.SizeNameInnerPadding:   16,
	theme.SizeNamePadding:        6,
	theme.SizeNameLineSpacing:    6,
	theme.SizeNameScrollBar:      20,
	theme.SizeNameInputBorder:    2,
}

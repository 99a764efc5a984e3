package maps

import "image/color"

// Style is how the basemap looks. Changing anything in a style must change
// its Version, which the tile cache keys on.
type Style struct {
	Name    string // "light" or "dark"
	Version string // bumped whenever the colours or widths change

	Background  color.NRGBA // outside the province
	Land        color.NRGBA // inside the province
	Water       color.NRGBA // lakes and rivers
	Coast       color.NRGBA // the coastline
	Boundary    color.NRGBA // between cities
	Outline     color.NRGBA // the province's border
	Label       color.NRGBA // place names
	WaterLabel  color.NRGBA // lake and river names
	LabelHalo   color.NRGBA // drawn around names so they read over lines
	MetroCasing color.NRGBA // drawn under metro lines

	// Density is the device pixels per unit of the screen the tiles are
	// for: 2 or 3 on most phones draws tiles of 512 or 768 pixels, with
	// lines and letters to match. 0 and 1 draw plain 256-pixel tiles.
	Density int

	// LabelScale is how many times larger than usual place names are
	// drawn, for large-text modes such as 长辈版; 0 and 1 draw them at
	// their usual size. It is part of the renderer's version.
	LabelScale float64
}

// labelScale is s.LabelScale, with 0 meaning 1, within 1 to 3.
func (s Style) labelScale() float64 {
	return min(max(s.LabelScale, 1), 3)
}

// LightStyle is the basemap for the light theme.
var LightStyle = Style{
	Name: "light", Version: "3",
	Background:  rgb(0xe4, 0xe2, 0xdc),
	Land:        rgb(0xf8, 0xf6, 0xef),
	Water:       rgb(0x9c, 0xc8, 0xe8),
	Coast:       rgb(0x5b, 0x8d, 0xb8),
	Boundary:    rgb(0xb8, 0xa8, 0xc4),
	Outline:     rgb(0x8a, 0x6f, 0x9e),
	Label:       rgb(0x2b, 0x2b, 0x2b),
	WaterLabel:  rgb(0x1f, 0x5a, 0x8a),
	LabelHalo:   rgb(0xff, 0xff, 0xff),
	MetroCasing: rgb(0xff, 0xff, 0xff),
}

// DarkStyle is the basemap for the dark theme.
var DarkStyle = Style{
	Name: "dark", Version: "3",
	Background:  rgb(0x16, 0x18, 0x1c),
	Land:        rgb(0x26, 0x29, 0x2f),
	Water:       rgb(0x1d, 0x3f, 0x5e),
	Coast:       rgb(0x4c, 0x7f, 0xab),
	Boundary:    rgb(0x55, 0x50, 0x66),
	Outline:     rgb(0x9a, 0x86, 0xb8),
	Label:       rgb(0xe8, 0xe8, 0xe8),
	WaterLabel:  rgb(0x8c, 0xc0, 0xea),
	LabelHalo:   rgb(0x10, 0x12, 0x16),
	MetroCasing: rgb(0x10, 0x12, 0x16),
}

// StyleNamed is LightStyle or DarkStyle by name; anything else is light.
func StyleNamed(name string) Style {
	if name == DarkStyle.Name {
		return DarkStyle
	}
	return LightStyle
}

func rgb(r, g, b uint8) color.NRGBA { return color.NRGBA{r, g, b, 0xff} }

package screens

import (
	"image"
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"jiangsupass/maps"
	"jiangsupass/maps/mapview"
)

// TestMapsFollowTheSystemTheme: following the system, every map screen
// drawn in the light theme is drawn from the dark basemap once the theme
// turns dark while it is shown (no rebuild), where it stood; a map the
// user holds to light stays light. Read from the window's own capture.
func TestMapsFollowTheSystemTheme(t *testing.T) {
	light := variantTheme{theme.DefaultTheme(), theme.VariantLight, color.NRGBA{0xc0, 0x10, 0x10, 0xff}}
	dark := variantTheme{theme.DefaultTheme(), theme.VariantDark, color.NRGBA{0x10, 0xc0, 0x10, 0xff}}
	screens := map[string]Route{
		"map":    {Screen: MapID, Param: "nanjing"},
		"nearby": {Screen: NearbyID},
		"halls":  {Screen: HallsMapID},
	}
	for name, r := range screens {
		for _, mode := range []string{"system", "light"} {
			t.Run(name+"-"+mode, func(t *testing.T) {
				env, _ := testEnv(t, "en")
				env.Prefs = &fixedPrefs{mode: mode}
				a := fyne.CurrentApp()
				a.Settings().SetTheme(light)
				sc, _ := Lookup(r.Screen)
				w := show(t, sc.Build(env, r))
				ms := find[*mapview.Map](w.Content())
				if len(ms) == 0 {
					t.Fatal("no map")
				}
				m := ms[0]
				at, zoom := m.Center(), m.Zoom()
				if got := mostlyDrawnIn(w.Canvas().Capture(), m); got != maps.LightStyle.Land && got != maps.LightStyle.Background {
					t.Fatalf("in the light theme the map is mostly %v", got)
				}

				a.Settings().SetTheme(dark)
				got := mostlyDrawnIn(w.Canvas().Capture(), m)
				wantDark := mode == "system"
				isDarkStyle := got == maps.DarkStyle.Land || got == maps.DarkStyle.Background
				if isDarkStyle != wantDark {
					t.Errorf("the theme turned dark with the user's choice %q: the map is mostly %v", mode, got)
				}
				if m.Center() != at || m.Zoom() != zoom {
					t.Errorf("the map moved from %v z%d to %v z%d", at, zoom, m.Center(), m.Zoom())
				}
			})
		}
	}
}

// mostlyDrawnIn is the colour most of m's area of the capture img is.
func mostlyDrawnIn(img image.Image, m *mapview.Map) color.NRGBA {
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(m)
	sz := m.Size()
	count := map[color.NRGBA]int{}
	var best color.NRGBA
	for y := int(pos.Y); y < int(pos.Y+sz.Height); y += 3 {
		for x := int(pos.X); x < int(pos.X+sz.Width); x += 3 {
			c := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
			if count[c]++; count[c] > count[best] {
				best = c
			}
		}
	}
	return best
}

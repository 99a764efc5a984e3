package mapview

import (
	"image/color"
	"math"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"github.com/paulmach/orb"

	"jiangsupass/maps"
)

// tintedTheme is Fyne's default theme held at one variant, with a primary
// colour of its own, so that a colour read from the theme says which theme
// it was read from.
type tintedTheme struct {
	fyne.Theme
	v       fyne.ThemeVariant
	primary color.NRGBA
}

func (t tintedTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	if n == theme.ColorNamePrimary {
		return t.primary
	}
	return t.Theme.Color(n, t.v)
}

// sameColor reports whether two colours are the same once made NRGBA.
func sameColor(a, b color.Color) bool {
	if a == nil || b == nil {
		return a == b
	}
	return color.NRGBAModel.Convert(a) == color.NRGBAModel.Convert(b)
}

// TestThemeSwitchRepaints: with a marker's card open, a line and a
// marker drawn in the theme's colour, switching the theme while the map is
// shown (as the system turning dark does, with no rebuild) repaints the
// card, the marker and the line in the new theme's colours.
func TestThemeSwitchRepaints(t *testing.T) {
	light := tintedTheme{theme.DefaultTheme(), theme.VariantLight, color.NRGBA{0xc0, 0x10, 0x10, 0xff}}
	dark := tintedTheme{theme.DefaultTheme(), theme.VariantDark, color.NRGBA{0x10, 0xc0, 0x10, 0xff}}
	a := test.NewTempApp(t)
	a.Settings().SetTheme(light)
	m := New(testSource(t))
	m.Synchronous = true
	w := test.NewTempWindow(t, m)
	w.Resize(fyne.NewSize(400, 400))
	at := orb.Point{118.78, 32.04}
	m.CenterOn(at, 10)
	m.SetMarkers([]Marker{{ID: "a", Point: orb.Point{118.70, 32.00}, Title: "A"}})
	west, east := m.PointAt(fyne.NewPos(20, 100)), m.PointAt(fyne.NewPos(380, 100))
	m.SetPolylines([]Polyline{{Points: []orb.Point{west, east}, Width: 8}})
	m.Select("a")
	r := test.WidgetRenderer(m).(*mapRenderer)
	if r.card == nil {
		t.Fatal("no card open")
	}

	a.Settings().SetTheme(dark)
	bg := r.card.(*fyne.Container).Objects[0].(*canvas.Rectangle)
	if want := dark.Color(theme.ColorNameOverlayBackground, 0); !sameColor(bg.FillColor, want) {
		t.Errorf("the open card is %v after the switch, want the dark theme's %v", bg.FillColor, want)
	}
	if len(r.markers) == 0 || !sameColor(r.markers[0].dot.FillColor, dark.primary) {
		t.Errorf("the marker is not in the dark theme's primary colour after the switch")
	}
	m.mu.Lock()
	frame := m.frame
	m.mu.Unlock()
	scale := float32(frame.Bounds().Dx()) / m.Size().Width
	if got := frame.At(int(200*scale), int(100*scale)); !sameColor(got, dark.primary) {
		t.Errorf("the line is drawn %v after the switch, want the dark theme's %v", got, dark.primary)
	}
}

// TestAttributionWraps: on a map narrower than its credit line the credit
// takes more lines, each inside the map, instead of running off its left
// edge; on a wide map it is one line.
func TestAttributionWraps(t *testing.T) {
	test.NewTempApp(t)
	m := New(testSource(t))
	m.Synchronous = true
	w := test.NewTempWindow(t, m)
	credit := func() []*canvas.Text {
		var out []*canvas.Text
		for _, o := range test.WidgetRenderer(m).Objects() {
			if txt, ok := o.(*canvas.Text); ok && txt.Text != "" && strings.Contains("test attribution", txt.Text) {
				out = append(out, txt)
			}
		}
		return out
	}
	w.Resize(fyne.NewSize(800, 300))
	if n := len(credit()); n != 1 {
		t.Errorf("on an 800-unit map the credit takes %d lines", n)
	}
	w.Resize(fyne.NewSize(90, 300))
	lines := credit()
	if len(lines) < 2 {
		t.Errorf("on a 90-unit map the credit takes %d line", len(lines))
	}
	for _, l := range lines {
		width := fyne.MeasureText(l.Text, l.TextSize, l.TextStyle).Width
		if x := l.Position().X + l.Size().Width - width; x < 0 {
			t.Errorf("the line %q starts at %.0f, left of the map", l.Text, x)
		}
	}
}

// TestThemeChangeAsksForAMatchingBasemap: a map told of a theme change
// (the system turning dark, with no rebuild) calls OnThemeChange once per
// change and never on a refresh under the same theme; the source it is
// then given draws the map, at the same place and zoom.
func TestThemeChangeAsksForAMatchingBasemap(t *testing.T) {
	light := tintedTheme{theme.DefaultTheme(), theme.VariantLight, color.NRGBA{0xc0, 0x10, 0x10, 0xff}}
	dark := tintedTheme{theme.DefaultTheme(), theme.VariantDark, color.NRGBA{0x10, 0xc0, 0x10, 0xff}}
	a := test.NewTempApp(t)
	a.Settings().SetTheme(light)
	m := New(testSourceStyled(t, maps.LightStyle))
	m.Synchronous = true
	m.Background = maps.LightStyle.Background
	calls := 0
	m.OnThemeChange = func() {
		calls++
		m.Background = maps.DarkStyle.Background
		m.SetSource(testSourceStyled(t, maps.DarkStyle))
	}
	w := test.NewTempWindow(t, m)
	w.Resize(fyne.NewSize(400, 400))
	at := orb.Point{119.4, 32.9}
	m.CenterOn(at, 7)
	m.Refresh()
	if calls != 0 {
		t.Fatalf("OnThemeChange was called %d times with no change of theme", calls)
	}
	if got := mostCommon(t, m); !sameColor(got, maps.LightStyle.Land) && !sameColor(got, maps.LightStyle.Background) {
		t.Fatalf("before the change the map is mostly %v, not the light style's land or background", got)
	}

	a.Settings().SetTheme(dark)
	m.Refresh()
	if calls != 1 {
		t.Fatalf("OnThemeChange was called %d times for one change of theme", calls)
	}
	if got := mostCommon(t, m); !sameColor(got, maps.DarkStyle.Land) && !sameColor(got, maps.DarkStyle.Background) {
		t.Errorf("after the change the map is mostly %v, not the dark style's land or background", got)
	}
	if c := m.Center(); m.Zoom() != 7 || math.Abs(c[0]-at[0]) > 1e-6 || math.Abs(c[1]-at[1]) > 1e-6 {
		t.Errorf("the map moved to %v at zoom %d", m.Center(), m.Zoom())
	}
}

// mostCommon is the colour most of m's last frame is drawn in.
func mostCommon(t *testing.T, m *Map) color.Color {
	t.Helper()
	m.mu.Lock()
	frame := m.frame
	m.mu.Unlock()
	if frame == nil {
		t.Fatal("the map has drawn no frame")
	}
	count := map[color.NRGBA]int{}
	var best color.NRGBA
	b := frame.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 3 {
		for x := b.Min.X; x < b.Max.X; x += 3 {
			c := color.NRGBAModel.Convert(frame.At(x, y)).(color.NRGBA)
			if count[c]++; count[c] > count[best] {
				best = c
			}
		}
	}
	return best
}

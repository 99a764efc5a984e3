package screens

import (
	"context"
	"image"
	"image/color"
	"testing"

	"github.com/paulmach/orb"

	"jiangsupass/maps"
)

// TestElderMapLabelsLarger: 长辈版 draws the basemap's place names larger
// than the normal mode: the tiles around 南京 at zoom 8 hold at least a
// third more ink in the names' colour, and the normal mode's stay as
// they were.
func TestElderMapLabelsLarger(t *testing.T) {
	ctx := context.Background()
	ink := map[bool]int{}
	for _, elder := range []bool{false, true} {
		env, _ := testEnv(t, "zh-Hans")
		env.Elder = elder
		st := mapStyle(env)
		src, _, err := mapSource(ctx, env, st)
		if err != nil {
			t.Fatal(err)
		}
		centre := maps.TileAt(orb.Point{118.78, 32.06}, 8)
		for dx := -1; dx <= 1; dx++ {
			for dy := -1; dy <= 1; dy++ {
				img, err := src.Tile(ctx, maps.TileID{Z: centre.Z, X: centre.X + dx, Y: centre.Y + dy})
				if err != nil {
					t.Fatal(err)
				}
				ink[elder] += inkOf(img, st.Label)
			}
		}
	}
	if ink[false] == 0 {
		t.Fatal("no place name drawn around 南京 at zoom 8: the test looks in the wrong place")
	}
	t.Logf("ink of place names: normal %d, 长辈版 %d", ink[false], ink[true])
	if ink[true]*3 < ink[false]*4 {
		t.Errorf("长辈版's place names have %d pixels of ink, the normal mode's %d: not enlarged", ink[true], ink[false])
	}
}

// inkOf counts the pixels of img within a small distance of c.
func inkOf(img image.Image, c color.NRGBA) int {
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			p := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
			if near(p.R, c.R) && near(p.G, c.G) && near(p.B, c.B) {
				n++
			}
		}
	}
	return n
}

func near(a, b uint8) bool { return int(a)-int(b) < 24 && int(b)-int(a) < 24 }

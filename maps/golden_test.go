package maps_test

import (
	"context"
	"flag"
	"image"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"testing"

	xdraw "golang.org/x/image/draw"

	"jiangsupass/maps"
)

var update = flag.Bool("update", false, "rewrite the golden tiles in testdata/")

// TestRenderGolden draws tiles with Lake Tai (z8), central Nanjing with
// its metro (z12) and the dark style, and compares each with its golden
// image: the mean channel difference must stay under 1.5 and under 1% of
// pixels may differ by more than 40 in any channel (anti-aliasing and font
// rasterising may move by a little between library versions, a lost layer
// may not).
func TestRenderGolden(t *testing.T) {
	cases := []struct {
		name  string
		tile  maps.TileID
		style maps.Style
	}{
		{"z8-taihu-light", maps.TileID{Z: 8, X: 213, Y: 105}, maps.LightStyle},
		{"z12-nanjing-light", maps.TileID{Z: 12, X: 3399, Y: 1662}, maps.LightStyle},
		{"z12-nanjing-dark", maps.TileID{Z: 12, X: 3399, Y: 1662}, maps.DarkStyle},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			img, err := newRenderer(t, c.style).Tile(context.Background(), c.tile)
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", c.name+".png")
			if *update {
				writePNG(t, path, img)
				return
			}
			f, err := os.Open(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			defer f.Close()
			want, err := png.Decode(f)
			if err != nil {
				t.Fatal(err)
			}
			if d := meanDiff(img, want); d > 1.5 {
				writePNG(t, filepath.Join(t.TempDir(), "got.png"), img)
				t.Errorf("mean difference %.2f from %s", d, path)
			}
			if share := farShare(img, want, 40); share > 0.01 {
				t.Errorf("%.1f%% of pixels differ by more than 40 from %s", share*100, path)
			}
		})
	}
}

// TestGoldenCheckFails proves the comparison can fail: the light and the
// dark tile of the same place are far apart.
func TestGoldenCheckFails(t *testing.T) {
	tile := maps.TileID{Z: 12, X: 3399, Y: 1662}
	a, _ := newRenderer(t, maps.LightStyle).Tile(context.Background(), tile)
	b, _ := newRenderer(t, maps.DarkStyle).Tile(context.Background(), tile)
	if meanDiff(a, b) <= 1.5 || farShare(a, b, 40) <= 0.01 {
		t.Error("light and dark tiles pass as equal")
	}
}

func writePNG(t *testing.T, path string, img image.Image) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// meanDiff is the mean absolute difference per channel (0–255).
func meanDiff(a, b image.Image) float64 {
	if a.Bounds() != b.Bounds() {
		return math.Inf(1)
	}
	var sum float64
	var n int
	eachPixel(a, b, func(d [3]float64) {
		sum += d[0] + d[1] + d[2]
		n += 3
	})
	return sum / float64(n)
}

// farShare is the share of pixels with a channel that differs by more
// than limit.
func farShare(a, b image.Image, limit float64) float64 {
	if a.Bounds() != b.Bounds() {
		return 1
	}
	var far, n int
	eachPixel(a, b, func(d [3]float64) {
		n++
		if d[0] > limit || d[1] > limit || d[2] > limit {
			far++
		}
	})
	return float64(far) / float64(n)
}

func eachPixel(a, b image.Image, f func(d [3]float64)) {
	r := a.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			r1, g1, b1, _ := a.At(x, y).RGBA()
			r2, g2, b2, _ := b.At(x, y).RGBA()
			f([3]float64{math.Abs(float64(r1>>8) - float64(r2>>8)), math.Abs(float64(g1>>8) - float64(g2>>8)), math.Abs(float64(b1>>8) - float64(b2>>8))})
		}
	}
}

// TestDensityTwo draws a tile for a screen of two pixels to the unit: it
// is 512 pixels square and, shrunk to 256, looks like the tile drawn at
// density 1 (the same layers and labels in the same places).
func TestDensityTwo(t *testing.T) {
	r := newRenderer(t, maps.LightStyle)
	r2 := r.WithDensity(2)
	if r2.Version() == r.Version() || r2.Density() != 2 || r.Density() != 1 {
		t.Fatalf("versions %q %q, densities %d %d", r.Version(), r2.Version(), r.Density(), r2.Density())
	}
	tile := maps.TileID{Z: 12, X: 3399, Y: 1662}
	one, err := r.Tile(context.Background(), tile)
	if err != nil {
		t.Fatal(err)
	}
	two, err := r2.Tile(context.Background(), tile)
	if err != nil {
		t.Fatal(err)
	}
	if two.Bounds().Dx() != 512 || two.Bounds().Dy() != 512 {
		t.Fatalf("density 2 tile is %v", two.Bounds())
	}
	small := image.NewRGBA(image.Rect(0, 0, 256, 256))
	xdraw.ApproxBiLinear.Scale(small, small.Bounds(), two, two.Bounds(), xdraw.Src, nil)
	if d := meanDiff(small, one); d > 4 {
		t.Errorf("shrunk density-2 tile differs from density 1 by %.2f", d)
	}
}

package codes

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"math"
	"os/exec"
	"path/filepath"
	"testing"

	"golang.org/x/image/draw"
)

// photoSizes are the sizes the app's codes are resized to: a code shot by
// a phone or cut from a screenshot, from small to large.
var photoSizes = []int{200, 245, 290, 335, 380, 425, 470, 515, 560}

// photoVariant is one of the app's codes resized, sharp or blurred.
type photoVariant struct {
	name string
	code string
	img  *image.Gray
}

// photoVariants renders a code of each kind as the code panel does (640
// pixels), resizes it to each of photoSizes with Catmull-Rom, and keeps it
// sharp and with a light blur: 54 images.
func photoVariants(t *testing.T) []photoVariant {
	t.Helper()
	f := newFixture(t)
	var out []photoVariant
	for _, kind := range Kinds {
		code := f.code(t, kind, t0)
		drawn, err := QR(code, 640)
		if err != nil {
			t.Fatal(err)
		}
		src := image.NewGray(drawn.Bounds()) // grey once, so that each resize reads it directly
		draw.Draw(src, src.Bounds(), drawn, image.Point{}, draw.Src)
		for _, size := range photoSizes {
			small := image.NewGray(image.Rect(0, 0, size, size))
			draw.CatmullRom.Scale(small, small.Bounds(), src, src.Bounds(), draw.Src, nil)
			out = append(out,
				photoVariant{fmt.Sprintf("%s-%d-sharp", kind, size), code, small},
				photoVariant{fmt.Sprintf("%s-%d-blurred", kind, size), code, lightBlur(small)})
		}
	}
	return out
}

// lightBlur is img blurred by a Gaussian of 0.8 pixels (7 taps, across
// and then down, the edges clamped), like a camera slightly out of focus.
func lightBlur(img *image.Gray) *image.Gray {
	const sigma, r = 0.8, 3
	var tap [2*r + 1]float64
	total := 0.0
	for i := -r; i <= r; i++ {
		tap[i+r] = math.Exp(-float64(i*i) / (2 * sigma * sigma))
		total += tap[i+r]
	}
	w, h := img.Bounds().Dx(), img.Bounds().Dy()
	across := make([]float64, w*h)
	for y := 0; y < h; y++ {
		row := img.Pix[y*img.Stride:]
		for x := 0; x < w; x++ {
			for i := -r; i <= r; i++ {
				across[y*w+x] += tap[i+r] * float64(row[min(max(x+i, 0), w-1)])
			}
		}
	}
	out := image.NewGray(img.Bounds())
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			v := 0.0
			for i := -r; i <= r; i++ {
				v += tap[i+r] * across[min(max(y+i, 0), h-1)*w+x]
			}
			out.Pix[y*out.Stride+x] = uint8(v/(total*total) + 0.5)
		}
	}
	return out
}

// TestReadQRPhotos reads the 54 resized and blurred variants of the app's
// codes with ReadQR and with zbarimg, an independent reader: of those
// zbarimg reads, ReadQR must read all but at most one, each exactly.
func TestReadQRPhotos(t *testing.T) {
	zbar, err := exec.LookPath("zbarimg")
	if err != nil {
		t.Skip("zbarimg is missing, so there is no independent reader to hold ReadQR to: install zbar-tools (make deps)")
	}
	dir := t.TempDir()
	counted, missed := 0, []string{}
	for _, v := range photoVariants(t) {
		var b bytes.Buffer
		if err := png.Encode(&b, v.img); err != nil {
			t.Fatal(err)
		}
		text, _ := zbarRead(zbar, filepath.Join(dir, v.name+".png"), b.Bytes()) // zbarimg fails when it finds nothing
		zbarSaw := text == v.code
		got, err := ReadQR(v.img)
		ours := err == nil && got == v.code
		if err == nil && got != v.code {
			t.Errorf("%s: ReadQR read %q, not the code", v.name, got)
		}
		switch {
		case zbarSaw && !ours:
			missed = append(missed, v.name)
			counted++
		case zbarSaw:
			counted++
		case ours:
			t.Logf("%s: read by ReadQR, not by zbarimg", v.name)
		default:
			t.Logf("%s: read by neither", v.name)
		}
	}
	t.Logf("zbarimg read %d of %d variants; ReadQR missed %d of those: %v", counted, 3*2*len(photoSizes), len(missed), missed)
	if counted < 50 {
		t.Errorf("zbarimg read only %d variants: the variants are not what the test means them to be", counted)
	}
	if len(missed) > 1 {
		t.Errorf("ReadQR missed %d of the %d variants zbarimg read: %v", len(missed), counted, missed)
	}
}

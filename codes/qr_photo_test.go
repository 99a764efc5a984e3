package codes

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
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
		src, err := QR(code, 640)
		if err != nil {
			t.Fatal(err)
		}
		for _, size := range photoSizes {
			small := image.NewGray(image.Rect(0, 0, size, size))
			draw.CatmullRom.Scale(small, small.Bounds(), src, src.Bounds(), draw.Src, nil)
			out = append(out,
				photoVariant{fmt.Sprintf("%s-%d-sharp", kind, size), code, small},
				photoVariant{fmt.Sprintf("%s-%d-blurred", kind, size), code, softBlur(small)})
		}
	}
	return out
}

// softBlur is img blurred by the 3×3 kernel [1 2 1]ᵀ[1 2 1]/16 (the
// edges clamped): a light blur, a Gaussian of about 0.7 pixels, like a
// camera slightly out of focus.
func softBlur(img *image.Gray) *image.Gray {
	w, h := img.Bounds().Dx(), img.Bounds().Dy()
	weight := [3]int{1, 2, 1}
	out := image.NewGray(img.Bounds())
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			sum := 0
			for dy := -1; dy <= 1; dy++ {
				for dx := -1; dx <= 1; dx++ {
					sx, sy := min(max(x+dx, 0), w-1), min(max(y+dy, 0), h-1)
					sum += weight[dx+1] * weight[dy+1] * int(img.Pix[sy*img.Stride+sx])
				}
			}
			out.Pix[y*out.Stride+x] = uint8((sum + 8) / 16)
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
		path := filepath.Join(dir, v.name+".png")
		var b bytes.Buffer
		if err := png.Encode(&b, v.img); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, b.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
		out, _ := exec.Command(zbar, "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", path).Output()
		zbarRead := strings.TrimSuffix(string(out), "\n") == v.code
		got, err := ReadQR(v.img)
		ours := err == nil && got == v.code
		if err == nil && got != v.code {
			t.Errorf("%s: ReadQR read %q, not the code", v.name, got)
		}
		switch {
		case zbarRead && !ours:
			missed = append(missed, v.name)
			counted++
		case zbarRead:
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

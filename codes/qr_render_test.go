package codes

import (
	"image"
	"testing"
)

// TestQRModulesEven draws a code at every size from 120 to 330 pixels and
// at every seventh up to 1000, and measures it as a reader would: nothing
// dark outside the symbol; along every row and column, every run of one
// colour within it is a whole number of modules of one width; the width is
// the largest that leaves a quiet zone of four modules; the symbol is
// centred; and the finder pattern in the corner is 7 modules wide.
func TestQRModulesEven(t *testing.T) {
	f := newFixture(t)
	code := f.code(t, KindService, t0)
	for size := 120; size <= 1000; size += 1 + 6*(size/331) {
		img, err := QR(code, size)
		if err != nil {
			t.Fatalf("size %d: %v", size, err)
		}
		checkModules(t, img.(*image.Paletted), size)
	}
	if _, err := QR(code, 60); err == nil {
		t.Error("drew a code with less than a pixel a module")
	}
}

// checkModules holds one rendering to TestQRModulesEven's rules.
func checkModules(t *testing.T, img *image.Paletted, size int) {
	t.Helper()
	if b := img.Bounds(); b.Dx() != size || b.Dy() != size {
		t.Fatalf("size %d: image %v", size, b)
	}
	dark := func(x, y int) bool { return img.Pix[y*img.Stride+x] == 1 }
	// The symbol's extent: the box around every dark pixel (its first and
	// last rows and columns each cross two finder patterns).
	lo, hi := size, -1
	for y := 0; y < size; y++ {
		for x := 0; x < size; x++ {
			if dark(x, y) {
				lo, hi = min(lo, x, y), max(hi, x, y)
			}
		}
	}
	// The top-left finder's first row: 7 dark modules from lo.
	run := 0
	for x := lo; x < size && dark(x, lo); x++ {
		run++
	}
	if run%7 != 0 {
		t.Fatalf("size %d: the finder pattern's top edge is %d pixels, not 7 modules", size, run)
	}
	px := run / 7
	n := (hi - lo + 1) / px
	if (hi-lo+1)%px != 0 || (n-17)%4 != 0 {
		t.Fatalf("size %d: symbol of %d pixels is not a whole number of %d-pixel modules of a QR version", size, hi-lo+1, px)
	}
	if want := size / (n + 2*quietModules); px != want {
		t.Errorf("size %d: modules of %d pixels, want the largest that fits, %d", size, px, want)
	}
	if left, right := lo, size-1-hi; left < quietModules*px || right < quietModules*px || left-right > 1 || right-left > 1 {
		t.Errorf("size %d: margins %d and %d pixels around %d-pixel modules", size, left, right, px)
	}
	for i := lo; i <= hi; i++ {
		for _, line := range [2]func(j int) bool{
			func(j int) bool { return dark(j, i) },
			func(j int) bool { return dark(i, j) },
		} {
			start := lo
			for j := lo + 1; j <= hi+1; j++ {
				if j <= hi && line(j) == line(start) {
					continue
				}
				if (j-start)%px != 0 {
					t.Fatalf("size %d: line %d has a run of %d pixels at %d, not whole %d-pixel modules", size, i, j-start, start, px)
				}
				start = j
			}
		}
	}
}

package codes

import (
	"image"
	"testing"

	goqr "github.com/skip2/go-qrcode"
)

// TestQRModulesEven draws a code at every size from 120 to 330 pixels and
// at every seventh up to 1000, and measures it as a reader would: nothing
// dark outside the symbol; along every row and every column through the
// middle of a module, every run of one colour is a whole number of
// modules of one width; the width is the largest that leaves a quiet zone
// of four modules; the symbol is centred; and the finder pattern in the
// corner is 7 modules wide.
func TestQRModulesEven(t *testing.T) {
	f := newFixture(t)
	code := f.code(t, KindService, t0)
	q, err := goqr.New(code, goqr.Medium)
	if err != nil {
		t.Fatal(err)
	}
	q.DisableBorder = true
	modules := q.Bitmap() // encoded once; QR itself is checked at a few sizes
	for size := 120; size <= 1000; size += 1 + 6*(size/331) {
		img, err := drawModules(modules, size)
		if size%100 == 0 {
			var whole image.Image
			whole, err = QR(code, size)
			img, _ = whole.(*image.Paletted)
		}
		if err != nil {
			t.Fatalf("size %d: %v", size, err)
		}
		checkModules(t, img, size)
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
	row := func(y int) func(int) bool { return func(x int) bool { return dark(x, y) } }
	column := func(x int) func(int) bool { return func(y int) bool { return dark(x, y) } }
	// The symbol's extent: the first and last rows and columns with a dark
	// pixel (each crosses two finder patterns).
	edge := func(line func(int) func(int) bool, from, step int) int {
		for i := from; i >= 0 && i < size; i += step {
			for j := 0; j < size; j++ {
				if line(i)(j) {
					return i
				}
			}
		}
		t.Fatalf("size %d: nothing drawn", size)
		return 0
	}
	top, bottom := edge(row, 0, 1), edge(row, size-1, -1)
	left, right := edge(column, 0, 1), edge(column, size-1, -1)
	// The top-left finder's first row: 7 dark modules.
	run := 0
	for x := left; x < size && dark(x, top); x++ {
		run++
	}
	if run%7 != 0 {
		t.Fatalf("size %d: the finder pattern's top edge is %d pixels, not 7 modules", size, run)
	}
	px := run / 7
	n := (right - left + 1) / px
	if bottom-top != right-left || (right-left+1)%px != 0 || (n-17)%4 != 0 {
		t.Fatalf("size %d: symbol of %d×%d pixels is not a whole number of %d-pixel modules of a QR version",
			size, right-left+1, bottom-top+1, px)
	}
	if want := size / (n + 2*quietModules); px != want {
		t.Errorf("size %d: modules of %d pixels, want the largest that fits, %d", size, px, want)
	}
	if a, b := left, size-1-right; a < quietModules*px || b < quietModules*px || a-b > 1 || b-a > 1 || top != left {
		t.Errorf("size %d: margins %d, %d (top %d) around %d-pixel modules", size, a, b, top, px)
	}
	for m := 0; m < n; m++ {
		for _, line := range []func(int) bool{row(top + m*px + px/2), column(left + m*px + px/2)} {
			start := left
			for j := left + 1; j <= right+1; j++ {
				if j <= right && line(j) == line(start) {
					continue
				}
				if (j-start)%px != 0 {
					t.Fatalf("size %d: module line %d has a run of %d pixels at %d, not whole %d-pixel modules", size, m, j-start, start, px)
				}
				start = j
			}
		}
	}
}

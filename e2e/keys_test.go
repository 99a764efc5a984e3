package e2e

import (
	"image"
	"image/color"
	"image/draw"
	"testing"
)

// TestKeysFindsAQwertyKeyboard draws a keyboard (a row of digits, the
// three letter rows, a row of three wide keys, a letter on each key) and
// finds every letter key where it was drawn.
func TestKeysFindsAQwertyKeyboard(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 1000, 400))
	draw.Draw(img, img.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	fill := image.NewUniform(color.RGBA{0xf0, 0xf0, 0xf0, 0xff})
	want := map[rune]image.Rectangle{}
	rows := []int{10, 10, 9, 7, 3}
	for r, n := range rows {
		kw := 900 / n
		for k := 0; k < n; k++ {
			rect := image.Rect(50+k*kw+4, 20+r*70, 50+(k+1)*kw-4, 20+r*70+60)
			draw.Draw(img, rect, fill, image.Point{}, draw.Src)
			// a letter's dark stroke in the middle
			draw.Draw(img, image.Rect(rect.Min.X+rect.Dx()/2-2, rect.Min.Y+20, rect.Min.X+rect.Dx()/2+2, rect.Min.Y+40),
				image.NewUniform(color.Black), image.Point{}, draw.Src)
			if r >= 1 && r <= 3 {
				want[rune(qwerty[r-1][k])] = rect
			}
		}
	}
	found := Keys(img, img.Bounds())
	if len(found) != len(rows) {
		t.Fatalf("%d rows, want %d: %v", len(found), len(rows), found)
	}
	got := LetterKeys(found)
	for c, r := range want {
		if got[c] != r {
			t.Errorf("%c at %v, want %v", c, got[c], r)
		}
	}
}

package codes

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"math/rand/v2"
	"testing"
)

// TestLumaOverWhite holds the fast paths of luma to the standard
// library's colour model: random pixels, some transparent, in each image
// type a decoder returns, read at an offset, composed over white by
// draw.Draw and converted by color.GrayModel.
func TestLumaOverWhite(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	r := image.Rect(3, 5, 40, 29)
	nrgba := image.NewNRGBA(r)
	for i := range nrgba.Pix {
		nrgba.Pix[i] = uint8(rng.IntN(256))
	}
	for i := 3; i < len(nrgba.Pix); i += 16 {
		nrgba.Pix[i] = 0 // fully transparent now and then
	}
	rgba := image.NewRGBA(r)
	draw.Draw(rgba, r, nrgba, r.Min, draw.Src)
	gray := image.NewGray(r)
	draw.Draw(gray, r, nrgba, r.Min, draw.Src)
	ycc := image.NewYCbCr(r, image.YCbCrSubsampleRatio420)
	for i := range ycc.Y { // within 16–235, and near grey, so that the colour is inside RGB
		ycc.Y[i] = uint8(16 + rng.IntN(220))
	}
	for i := range ycc.Cb {
		ycc.Cb[i], ycc.Cr[i] = uint8(118+rng.IntN(20)), uint8(118+rng.IntN(20))
	}
	pal := image.NewPaletted(r, color.Palette{color.Transparent, color.Black, color.RGBA{200, 30, 60, 255}})
	for i := range pal.Pix {
		pal.Pix[i] = uint8(rng.IntN(3))
	}
	for name, img := range map[string]image.Image{"NRGBA": nrgba, "RGBA": rgba, "Gray": gray, "YCbCr": ycc, "Paletted": pal,
		"a part of an NRGBA": nrgba.SubImage(image.Rect(10, 10, 30, 20))} {
		b := img.Bounds()
		want := image.NewGray(image.Rect(0, 0, b.Dx(), b.Dy()))
		draw.Draw(want, want.Bounds(), image.White, image.Point{}, draw.Src)
		draw.Draw(want, want.Bounds(), img, b.Min, draw.Over)
		got := luma(img)
		if got.Bounds() != want.Bounds() {
			t.Fatalf("%s: bounds %v, want %v", name, got.Bounds(), want.Bounds())
		}
		for i := range want.Pix {
			if d := int(got.Pix[i]) - int(want.Pix[i]); d < -1 || d > 1 {
				t.Fatalf("%s: pixel %d is %d, want %d", name, i, got.Pix[i], want.Pix[i])
			}
		}
	}
}

// TestReadQRKindsOfImage reads a code drawn black on a transparent
// background, as a JPEG photo, and as a small part of a large canvas at
// an offset.
func TestReadQRKindsOfImage(t *testing.T) {
	f := newFixture(t)
	code := f.code(t, KindTicket, t0)
	q, err := QR(code, 420)
	if err != nil {
		t.Fatal(err)
	}
	clear := image.NewNRGBA(q.Bounds())
	draw.DrawMask(clear, clear.Bounds(), image.Black, image.Point{}, invert(q), image.Point{}, draw.Src)
	var jb bytes.Buffer
	if err := jpeg.Encode(&jb, q, &jpeg.Options{Quality: 60}); err != nil {
		t.Fatal(err)
	}
	photo, err := jpeg.Decode(&jb)
	if err != nil {
		t.Fatal(err)
	}
	canvas := image.NewRGBA(image.Rect(-500, -300, 2500, 2000))
	draw.Draw(canvas, canvas.Bounds(), image.NewUniform(color.RGBA{180, 190, 200, 255}), image.Point{}, draw.Src)
	draw.Draw(canvas, q.Bounds().Add(image.Pt(900, 700)), q, image.Point{}, draw.Src)
	for name, img := range map[string]image.Image{"on transparent": clear, "JPEG": photo, "on a large canvas": canvas} {
		if got, err := ReadQR(img); err != nil || got != code {
			t.Errorf("%s: read %.20q, %v", name, got, err)
		}
	}
}

// invert is a mask that is opaque where q is dark.
func invert(q image.Image) *image.Alpha {
	b := q.Bounds()
	m := image.NewAlpha(b)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if c := color.GrayModel.Convert(q.At(x, y)).(color.Gray); c.Y < 128 {
				m.SetAlpha(x, y, color.Alpha{A: 255})
			}
		}
	}
	return m
}

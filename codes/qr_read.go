package codes

import (
	"errors"
	"fmt"
	"image"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"
	xdraw "golang.org/x/image/draw"
)

// readSide is the longest side an image is first read at: a phone's photo
// (4000 pixels and more) is brought down to it, which keeps the modules of
// a code that fills much of the frame several pixels wide and a reading
// quick. A code small in a large photo is looked for again at up to twice
// this side.
const readSide = 1600

// upscaleBelow is the longest side up to which an image is also read at
// twice its size. gozxing's finder-pattern search and its sampling of the
// grid miss codes whose modules are two or three pixels wide, softened by
// a camera or a resize (the app's code cut from a screenshot at 200
// pixels); the same picture, interpolated to twice the size, reads.
const upscaleBelow = 800

// sharpenSigma and sharpenAmount are the unsharp mask a soft image is
// also read through (before it is doubled, when it is). In trials on 120
// of the app's codes cut to 200 and 215 pixels and blurred by a Gaussian
// of 0.8 pixels, gozxing read about two in three doubled, and 119 or 120
// sharpened and then doubled.
const (
	sharpenSigma  = 1.0
	sharpenAmount = 2.0
)

// halveAbove is the longest side above which an image is also read at
// half its size: a code filling a large photo has modules wider than the
// 40-pixel neighbourhood of gozxing's local threshold.
const halveAbove = 1200

// ReadQR finds and reads a QR code in an image: a photo or screenshot of a
// code, for a terminal that has no scanner. The image is taken in grey
// over white (a transparent background counts as white) and brought down
// to readSide if larger. It is then read in several views, the first
// reading winning: as it is, with gozxing's local (hybrid) threshold;
// sharpened, and doubled too if small (see upscaleBelow); doubled, or
// halved if large; a large image again at up to twice readSide; as it is
// with one global threshold; and the first two views turned a quarter, a
// half and three quarters round (the finder-pattern search misses some
// clean renderings in one orientation and finds them in another). Views
// are made only when reached.
func ReadQR(img image.Image) (string, error) {
	if img == nil {
		return "", errors.New("read qr: no image")
	}
	full := luma(img)
	if full.Bounds().Empty() {
		return "", errors.New("read qr: an empty image")
	}
	grey := fit(full, readSide)
	views := readViews(grey)
	if grey != full {
		views = append(views, func() *image.Gray { return fit(full, 2*readSide) })
	}
	var first error
	try := func(g *image.Gray, global bool) (string, bool) {
		text, err := decodeQR(g, global)
		if err != nil && first == nil {
			first = err
		}
		return text, err == nil
	}
	made := make([]*image.Gray, len(views))
	for i, view := range views {
		made[i] = view()
		if text, ok := try(made[i], false); ok {
			return text, nil
		}
	}
	if text, ok := try(grey, true); ok {
		return text, nil
	}
	for turn := 1; turn < 4; turn++ {
		for i := range made[:min(2, len(made))] {
			made[i] = quarterTurn(made[i])
			if text, ok := try(made[i], false); ok {
				return text, nil
			}
		}
	}
	return "", fmt.Errorf("read qr: no QR code found: %w", first)
}

// readViews are the views of grey that ReadQR reads, in order, each made
// when called.
func readViews(grey *image.Gray) []func() *image.Gray {
	same := func() *image.Gray { return grey }
	sharp := func() *image.Gray { return sharpen(grey, sharpenSigma, sharpenAmount) }
	w, h := grey.Bounds().Dx(), grey.Bounds().Dy()
	switch side := max(w, h); {
	case side <= upscaleBelow:
		return []func() *image.Gray{same, func() *image.Gray { return doubled(sharp()) }, func() *image.Gray { return doubled(grey) }}
	case side > halveAbove:
		return []func() *image.Gray{same, sharp, func() *image.Gray { return shrink(grey, max(1, w/2), max(1, h/2)) }}
	}
	return []func() *image.Gray{same, sharp}
}

// decodeQR reads a QR code in g with gozxing, thresholding it locally
// (hybrid) or with one global threshold.
func decodeQR(g *image.Gray, global bool) (string, error) {
	src := gozxing.NewLuminanceSourceFromImage(g)
	bin := gozxing.NewHybridBinarizer(src)
	if global {
		bin = gozxing.NewGlobalHistgramBinarizer(src)
	}
	bmp, err := gozxing.NewBinaryBitmap(bin)
	if err != nil {
		return "", err
	}
	hints := map[gozxing.DecodeHintType]any{gozxing.DecodeHintType_TRY_HARDER: true}
	res, err := qrcode.NewQRCodeReader().Decode(bmp, hints)
	if err != nil {
		return "", err
	}
	return res.GetText(), nil
}

// doubled is g at twice its size, interpolated with the Catmull-Rom
// filter.
func doubled(g *image.Gray) *image.Gray {
	b := g.Bounds()
	out := image.NewGray(image.Rect(0, 0, 2*b.Dx(), 2*b.Dy()))
	xdraw.CatmullRom.Scale(out, out.Bounds(), g, b, xdraw.Src, nil)
	return out
}

// quarterTurn is g turned a quarter round, clockwise.
func quarterTurn(g *image.Gray) *image.Gray {
	b := g.Bounds()
	w, h := b.Dx(), b.Dy()
	out := image.NewGray(image.Rect(0, 0, h, w))
	for y := 0; y < h; y++ {
		row := g.Pix[y*g.Stride:]
		for x := 0; x < w; x++ {
			out.Pix[x*out.Stride+h-1-y] = row[x]
		}
	}
	return out
}

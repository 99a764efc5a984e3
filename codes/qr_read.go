package codes

import (
	"errors"
	"fmt"
	"image"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"
)

// ReadQR finds and reads a QR code in an image: a photo or screenshot of a
// code, for a terminal that has no scanner. The reader's search for the
// finder patterns misses about one clean rendering in thirty in one
// orientation and finds it in another, so an image it cannot read is tried
// again turned a quarter, a half and three quarters round.
func ReadQR(img image.Image) (string, error) {
	if img == nil {
		return "", errors.New("read qr: no image")
	}
	hints := map[gozxing.DecodeHintType]any{gozxing.DecodeHintType_TRY_HARDER: true}
	var first error
	for turn := 0; turn < 4; turn++ {
		if turn > 0 {
			img = quarterTurn(img)
		}
		bmp, err := gozxing.NewBinaryBitmapFromImage(img)
		if err != nil {
			return "", fmt.Errorf("read qr: %w", err)
		}
		res, err := qrcode.NewQRCodeReader().Decode(bmp, hints)
		if err == nil {
			return res.GetText(), nil
		}
		if first == nil {
			first = err
		}
	}
	return "", fmt.Errorf("read qr: no QR code found: %w", first)
}

// quarterTurn is img turned a quarter round, clockwise, in grey.
func quarterTurn(img image.Image) *image.Gray {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	out := image.NewGray(image.Rect(0, 0, h, w))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			out.Set(h-1-y, x, img.At(b.Min.X+x, b.Min.Y+y))
		}
	}
	return out
}

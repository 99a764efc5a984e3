package codes

import (
	"errors"
	"fmt"
	"image"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"
	goqr "github.com/skip2/go-qrcode"
)

// QR draws code as a QR image of size×size pixels, black on white, with
// medium error correction (15%) and a quiet zone, so that phone cameras and
// hall scanners read it. The code's characters are all in the QR
// alphanumeric set, which packs them densely.
func QR(code string, size int) (image.Image, error) {
	q, err := goqr.New(code, goqr.Medium)
	if err != nil {
		return nil, fmt.Errorf("qr: %w", err)
	}
	return q.Image(size), nil
}

// QRPNG is QR encoded as a PNG file.
func QRPNG(code string, size int) ([]byte, error) {
	b, err := goqr.Encode(code, goqr.Medium, size)
	if err != nil {
		return nil, fmt.Errorf("qr: %w", err)
	}
	return b, nil
}

// ReadQR finds and reads a QR code in an image: a photo or screenshot of a
// code, for a terminal that has no scanner.
func ReadQR(img image.Image) (string, error) {
	if img == nil {
		return "", errors.New("read qr: no image")
	}
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		return "", fmt.Errorf("read qr: %w", err)
	}
	hints := map[gozxing.DecodeHintType]any{gozxing.DecodeHintType_TRY_HARDER: true}
	res, err := qrcode.NewQRCodeReader().Decode(bmp, hints)
	if err != nil {
		return "", fmt.Errorf("read qr: no QR code found: %w", err)
	}
	return res.GetText(), nil
}

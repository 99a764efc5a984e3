package codes

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"

	goqr "github.com/skip2/go-qrcode"
)

// quietModules is the width of the blank margin around a QR symbol, in
// modules: the least ISO/IEC 18004 asks for.
const quietModules = 4

// QR draws code as a QR image of size×size pixels, black on white, with
// medium error correction (15%). Every module is the same whole number of
// pixels, the largest that fits with a quiet zone of at least four modules,
// and the symbol is centred: modules of uneven width (7 and 8 pixels side
// by side) are what scanners and photo readers misjudge. The code's
// characters are all in the QR alphanumeric set, which packs them densely.
func QR(code string, size int) (image.Image, error) {
	q, err := goqr.New(code, goqr.Medium)
	if err != nil {
		return nil, fmt.Errorf("qr: %w", err)
	}
	q.DisableBorder = true
	img, err := drawModules(q.Bitmap(), size)
	if err != nil {
		return nil, err
	}
	return img, nil
}

// drawModules draws a QR symbol's modules (dark where true) centred on a
// white square of size pixels, each module the largest whole number of
// pixels that leaves a quiet zone of quietModules.
func drawModules(modules [][]bool, size int) (*image.Paletted, error) {
	n := len(modules)
	px := size / (n + 2*quietModules)
	if px < 1 {
		return nil, fmt.Errorf("qr: %d pixels cannot hold %d modules and their quiet zone", size, n+2*quietModules)
	}
	img := image.NewPaletted(image.Rect(0, 0, size, size), color.Palette{color.White, color.Black})
	at := (size - n*px) / 2
	for my, row := range modules {
		for mx, dark := range row {
			if !dark {
				continue
			}
			for y := at + my*px; y < at+(my+1)*px; y++ {
				line := img.Pix[y*img.Stride:]
				for x := at + mx*px; x < at+(mx+1)*px; x++ {
					line[x] = 1
				}
			}
		}
	}
	return img, nil
}

// QRPNG is QR encoded as a PNG file.
func QRPNG(code string, size int) ([]byte, error) {
	img, err := QR(code, size)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&b, img); err != nil {
		return nil, fmt.Errorf("qr: %w", err)
	}
	return b.Bytes(), nil
}

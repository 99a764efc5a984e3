package e2e

import (
	"bytes"
	"encoding/binary"
	"errors"
	"image/color"
	"testing"
)

// encodeXWD writes a dump the way xwd does for a 32-bit TrueColor screen,
// least significant byte first, from the spec's field list.
func encodeXWD(w, h int, px func(x, y int) color.RGBA) []byte {
	var b bytes.Buffer
	name := []byte("xwdump\x00")
	hd := xwdHeader{HeaderSize: uint32(100 + len(name)), FileVersion: 7, PixmapFormat: 2, PixmapDepth: 24,
		Width: uint32(w), Height: uint32(h), BitmapUnit: 32, BitmapPad: 32, BitsPerPixel: 32,
		BytesPerLine: uint32(4 * w), VisualClass: 4, RedMask: 0xff0000, GreenMask: 0xff00, BlueMask: 0xff,
		BitsPerRGB: 8, ColormapEntries: 256, NColors: 2, WindowWidth: uint32(w), WindowHeight: uint32(h)}
	_ = binary.Write(&b, binary.BigEndian, hd)
	b.Write(name)
	b.Write(make([]byte, 2*12))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := px(x, y)
			b.Write([]byte{c.B, c.G, c.R, 0})
		}
	}
	return b.Bytes()
}

func TestDecodeXWD(t *testing.T) {
	px := func(x, y int) color.RGBA { return color.RGBA{uint8(x * 40), uint8(y * 60), uint8(x + y), 0xff} }
	img, err := DecodeXWD(bytes.NewReader(encodeXWD(5, 3, px)))
	if err != nil {
		t.Fatal(err)
	}
	for y := 0; y < 3; y++ {
		for x := 0; x < 5; x++ {
			if got := img.RGBAAt(x, y); got != px(x, y) {
				t.Fatalf("pixel %d,%d = %v, want %v", x, y, got, px(x, y))
			}
		}
	}
	good := encodeXWD(2, 2, px)
	for name, bad := range map[string][]byte{
		"empty":     nil,
		"truncated": good[:len(good)-3],
		"version 6": append(append([]byte{}, good[:4]...), append([]byte{0, 0, 0, 6}, good[8:]...)...),
		"huge":      append(append([]byte{}, good[:16]...), append([]byte{0x7f, 0, 0, 0}, good[20:]...)...),
	} {
		if _, err := DecodeXWD(bytes.NewReader(bad)); err == nil {
			t.Errorf("%s: decoded", name)
		} else if name != "empty" && name != "truncated" && !errors.Is(err, ErrXWD) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func FuzzDecodeXWD(f *testing.F) {
	f.Add(encodeXWD(3, 2, func(x, y int) color.RGBA { return color.RGBA{1, 2, 3, 255} }))
	f.Fuzz(func(t *testing.T, b []byte) {
		img, err := DecodeXWD(bytes.NewReader(b))
		if err == nil && (img.Bounds().Dx() > maxXWDSide || img.Bounds().Dy() > maxXWDSide) {
			t.Fatalf("decoded %v", img.Bounds())
		}
	})
}

package e2e

import (
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"image/color"
	"io"
)

// xwdHeader is the fixed part of an X Window Dump (XWDFileHeader, file
// version 7), as xwd writes it: 25 big-endian 32-bit fields.
type xwdHeader struct {
	HeaderSize, FileVersion, PixmapFormat, PixmapDepth   uint32
	Width, Height, XOffset, ByteOrder                    uint32
	BitmapUnit, BitmapBitOrder, BitmapPad, BitsPerPixel  uint32
	BytesPerLine, VisualClass, RedMask, GreenMask        uint32
	BlueMask, BitsPerRGB, ColormapEntries, NColors       uint32
	WindowWidth, WindowHeight, WindowX, WindowY, BorderW uint32
}

// maxXWDSide bounds a dump's width and height: no screen here is larger.
const maxXWDSide = 4096

// ErrXWD is returned (wrapped) for a dump this decoder cannot read.
var ErrXWD = errors.New("not an XWD image this reader knows")

// DecodeXWD reads a TrueColor or DirectColor ZPixmap dump of 24 or 32 bits
// per pixel, the kind `xwd -root` writes for an Xvfb screen of depth 24
// (whose DirectColor map is the identity, so the masks give the colour).
func DecodeXWD(r io.Reader) (*image.RGBA, error) {
	var h xwdHeader
	if err := binary.Read(r, binary.BigEndian, &h); err != nil {
		return nil, fmt.Errorf("xwd header: %w", err)
	}
	if err := h.check(); err != nil {
		return nil, err
	}
	// The window's name, then the colour map (12 bytes an entry).
	if _, err := io.CopyN(io.Discard, r, int64(h.HeaderSize-xwdFixedHeader)+int64(h.NColors)*12); err != nil {
		return nil, fmt.Errorf("xwd colour map: %w", err)
	}
	img := image.NewRGBA(image.Rect(0, 0, int(h.Width), int(h.Height)))
	line := make([]byte, h.BytesPerLine)
	px := h.pixelReader()
	for y := 0; y < int(h.Height); y++ {
		if _, err := io.ReadFull(r, line); err != nil {
			return nil, fmt.Errorf("xwd line %d: %w", y, err)
		}
		for x := 0; x < int(h.Width); x++ {
			img.SetRGBA(x, y, px(line, x))
		}
	}
	return img, nil
}

// xwdFixedHeader is the size of xwdHeader in the file, before the
// window's name.
const xwdFixedHeader = 100

// check returns an error wrapping ErrXWD for a header this decoder cannot
// read, or one whose sizes are out of bounds.
func (h *xwdHeader) check() error {
	switch {
	case h.FileVersion != 7 || h.PixmapFormat != 2 || (h.VisualClass != 4 && h.VisualClass != 5):
		return fmt.Errorf("%w: version %d, format %d, visual %d", ErrXWD, h.FileVersion, h.PixmapFormat, h.VisualClass)
	case h.BitsPerPixel != 32 && h.BitsPerPixel != 24:
		return fmt.Errorf("%w: %d bits per pixel", ErrXWD, h.BitsPerPixel)
	case h.Width == 0 || h.Height == 0 || h.Width > maxXWDSide || h.Height > maxXWDSide:
		return fmt.Errorf("%w: %d×%d", ErrXWD, h.Width, h.Height)
	case h.HeaderSize < xwdFixedHeader || h.HeaderSize > xwdFixedHeader+4096 || h.NColors > 1<<16:
		return fmt.Errorf("%w: header of %d bytes, %d colours", ErrXWD, h.HeaderSize, h.NColors)
	case uint64(h.BytesPerLine) < uint64(h.Width)*uint64(h.BitsPerPixel/8) || h.BytesPerLine > 4*maxXWDSide:
		return fmt.Errorf("%w: %d bytes a line for %d pixels", ErrXWD, h.BytesPerLine, h.Width)
	}
	return nil
}

// pixelReader returns the function that reads pixel x of a line of the
// dump into a colour, by the header's byte order and colour masks.
func (h *xwdHeader) pixelReader() func(line []byte, x int) color.RGBA {
	rs, gs, bs := maskShift(h.RedMask), maskShift(h.GreenMask), maskShift(h.BlueMask)
	bpp := int(h.BitsPerPixel / 8)
	lsbFirst := h.ByteOrder == 0
	rm, gm, bm := h.RedMask, h.GreenMask, h.BlueMask
	return func(line []byte, x int) color.RGBA {
		v := pixelValue(line[x*bpp:x*bpp+bpp], lsbFirst)
		return color.RGBA{R: uint8((v & rm) >> rs), G: uint8((v & gm) >> gs), B: uint8((v & bm) >> bs), A: 0xff}
	}
}

// pixelValue is the number a pixel's bytes hold, least significant byte
// first or last.
func pixelValue(p []byte, lsbFirst bool) uint32 {
	var v uint32
	if lsbFirst {
		for i := len(p) - 1; i >= 0; i-- {
			v = v<<8 | uint32(p[i])
		}
		return v
	}
	for _, b := range p {
		v = v<<8 | uint32(b)
	}
	return v
}

// maskShift is how far a colour mask's lowest set bit is from bit 0.
func maskShift(mask uint32) uint {
	s := uint(0)
	for mask != 0 && mask&1 == 0 {
		mask >>= 1
		s++
	}
	return s
}

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
	const fixed = 100
	switch {
	case h.FileVersion != 7 || h.PixmapFormat != 2 || (h.VisualClass != 4 && h.VisualClass != 5):
		return nil, fmt.Errorf("%w: version %d, format %d, visual %d", ErrXWD, h.FileVersion, h.PixmapFormat, h.VisualClass)
	case h.BitsPerPixel != 32 && h.BitsPerPixel != 24:
		return nil, fmt.Errorf("%w: %d bits per pixel", ErrXWD, h.BitsPerPixel)
	case h.Width == 0 || h.Height == 0 || h.Width > maxXWDSide || h.Height > maxXWDSide:
		return nil, fmt.Errorf("%w: %d×%d", ErrXWD, h.Width, h.Height)
	case h.HeaderSize < fixed || h.HeaderSize > fixed+4096 || h.NColors > 1<<16:
		return nil, fmt.Errorf("%w: header of %d bytes, %d colours", ErrXWD, h.HeaderSize, h.NColors)
	case uint64(h.BytesPerLine) < uint64(h.Width)*uint64(h.BitsPerPixel/8) || h.BytesPerLine > 4*maxXWDSide:
		return nil, fmt.Errorf("%w: %d bytes a line for %d pixels", ErrXWD, h.BytesPerLine, h.Width)
	}
	// The window's name, then the colour map (12 bytes an entry).
	if _, err := io.CopyN(io.Discard, r, int64(h.HeaderSize-fixed)+int64(h.NColors)*12); err != nil {
		return nil, fmt.Errorf("xwd colour map: %w", err)
	}
	shift := func(mask uint32) uint {
		s := uint(0)
		for mask != 0 && mask&1 == 0 {
			mask >>= 1
			s++
		}
		return s
	}
	rs, gs, bs := shift(h.RedMask), shift(h.GreenMask), shift(h.BlueMask)
	img := image.NewRGBA(image.Rect(0, 0, int(h.Width), int(h.Height)))
	line := make([]byte, h.BytesPerLine)
	bpp := int(h.BitsPerPixel / 8)
	for y := 0; y < int(h.Height); y++ {
		if _, err := io.ReadFull(r, line); err != nil {
			return nil, fmt.Errorf("xwd line %d: %w", y, err)
		}
		for x := 0; x < int(h.Width); x++ {
			p := line[x*bpp : x*bpp+bpp]
			var v uint32
			if h.ByteOrder == 0 { // least significant byte first
				for i := bpp - 1; i >= 0; i-- {
					v = v<<8 | uint32(p[i])
				}
			} else {
				for i := 0; i < bpp; i++ {
					v = v<<8 | uint32(p[i])
				}
			}
			img.SetRGBA(x, y, color.RGBA{R: uint8((v & h.RedMask) >> rs), G: uint8((v & h.GreenMask) >> gs),
				B: uint8((v & h.BlueMask) >> bs), A: 0xff})
		}
	}
	return img, nil
}

package codes

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // photos
	_ "image/png"  // screenshots
	"io"
)

// The limits on an image read for a code ([DecodeImage]). A phone's photo
// has 12 megapixels (4032×3024) and a 4K screenshot 8.3; a code needs far
// fewer. At the pixel limit a decoded image takes 16 MB (grey) to 128 MB
// (16-bit RGBA); a 12000×12000 PNG of 140 KB would take 144 MB to 1.2 GB.
const (
	MaxImagePixels = 16_000_000 // pixels (width × height)
	MaxImageBytes  = 32 << 20   // bytes of the file
)

// ErrImageTooLarge is an image refused for its size: more pixels, or a
// larger file, than the reader takes.
var ErrImageTooLarge = errors.New("image too large")

// DecodeImage decodes a PNG or JPEG image of at most maxPixels pixels from
// r, reading at most MaxImageBytes. The size is read from the image's
// header first, and an image too large is refused (errors.Is
// ErrImageTooLarge) before any pixel is decoded, so a small file that
// claims a huge image costs almost nothing.
func DecodeImage(r io.Reader, maxPixels int) (image.Image, error) {
	src := &cappedReader{r: r, left: MaxImageBytes}
	var head bytes.Buffer
	cfg, format, err := image.DecodeConfig(io.TeeReader(src, &head))
	if err != nil {
		return nil, imageFailure("read image header", err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return nil, fmt.Errorf("decode image: a %s of %d×%d pixels", format, cfg.Width, cfg.Height)
	}
	if int64(cfg.Width)*int64(cfg.Height) > int64(maxPixels) {
		return nil, fmt.Errorf("decode image: %w: a %s of %d×%d pixels, more than %d", ErrImageTooLarge, format, cfg.Width, cfg.Height, maxPixels)
	}
	img, _, err := image.Decode(io.MultiReader(&head, src))
	if err != nil {
		return nil, imageFailure("decode image", err)
	}
	return img, nil
}

// imageFailure wraps a decoding error, keeping a refusal for size
// recognisable.
func imageFailure(what string, err error) error {
	if errors.Is(err, ErrImageTooLarge) {
		return fmt.Errorf("%s: %w: a file of more than %d bytes", what, ErrImageTooLarge, MaxImageBytes)
	}
	return fmt.Errorf("%s: %w", what, err)
}

// cappedReader reads at most left bytes from r, then fails with
// ErrImageTooLarge (where io.LimitReader would end the file quietly and
// let a decoder report it as damaged).
type cappedReader struct {
	r    io.Reader
	left int64
}

func (c *cappedReader) Read(p []byte) (int, error) {
	if c.left <= 0 {
		// One more byte tells a file that ends exactly at the cap from
		// one that goes on.
		var one [1]byte
		if n, _ := io.ReadFull(c.r, one[:]); n == 0 {
			return 0, io.EOF
		}
		return 0, ErrImageTooLarge
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	return n, err
}

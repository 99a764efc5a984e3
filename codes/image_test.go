package codes

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/jpeg"
	"io"
	"runtime"
	"testing"
	"time"
)

// pngChunk is one PNG chunk: length, type, data and CRC.
func pngChunk(kind string, data []byte) []byte {
	out := binary.BigEndian.AppendUint32(nil, uint32(len(data)))
	out = append(out, kind...)
	out = append(out, data...)
	return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(append([]byte(kind), data...)))
}

// pngHeader is a PNG's signature and IHDR for a w×h image, 1-bit grey.
func pngHeader(w, h int) []byte {
	ihdr := binary.BigEndian.AppendUint32(nil, uint32(w))
	ihdr = binary.BigEndian.AppendUint32(ihdr, uint32(h))
	ihdr = append(ihdr, 1, 0, 0, 0, 0) // bit depth 1, grey, deflate, adaptive filter, no interlace
	return append([]byte("\x89PNG\r\n\x1a\n"), pngChunk("IHDR", ihdr)...)
}

// blankPNG is a valid black w×h PNG, 1 bit a pixel, written row by row
// so that a huge one costs the test little: 12000×12000 is 18 KB.
func blankPNG(t testing.TB, w, h int) []byte {
	t.Helper()
	var idat bytes.Buffer
	z, _ := zlib.NewWriterLevel(&idat, zlib.BestCompression)
	row := make([]byte, 1+(w+7)/8) // filter byte 0, then the row's bits
	for y := 0; y < h; y++ {
		if _, err := z.Write(row); err != nil {
			t.Fatal(err)
		}
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	out := pngHeader(w, h)
	out = append(out, pngChunk("IDAT", idat.Bytes())...)
	return append(out, pngChunk("IEND", nil)...)
}

// allocated is how many bytes f allocates, and how long it takes.
func allocated(f func()) (uint64, time.Duration) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	f()
	took := time.Since(start)
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc, took
}

// TestDecodeImageRefusesHuge: a PNG of 12000×12000 pixels (18 KB here,
// 144 MB decoded) is refused from its header, allocating next to
// nothing.
func TestDecodeImageRefusesHuge(t *testing.T) {
	huge := blankPNG(t, 12000, 12000)
	var err error
	bytesUsed, took := allocated(func() { _, err = DecodeImage(bytes.NewReader(huge), MaxImagePixels) })
	if !errors.Is(err, ErrImageTooLarge) {
		t.Fatalf("a 12000×12000 PNG: %v, want ErrImageTooLarge", err)
	}
	t.Logf("a %d-byte PNG of 12000×12000 pixels refused in %v, %d bytes allocated: %v", len(huge), took, bytesUsed, err)
	if bytesUsed > 256<<10 {
		t.Errorf("refusing it allocated %d bytes, want it refused before decoding", bytesUsed)
	}
}

// TestDecodeImageLimits: an image at the pixel limit decodes and one a
// row larger is refused; a file that runs past MaxImageBytes is refused
// for its size without being held; a damaged file is refused for what it
// is; a JPEG decodes.
func TestDecodeImageLimits(t *testing.T) {
	if img, err := DecodeImage(bytes.NewReader(blankPNG(t, 100, 100)), 100*100); err != nil || img.Bounds().Dx() != 100 {
		t.Errorf("at the limit: %v", err)
	}
	if _, err := DecodeImage(bytes.NewReader(blankPNG(t, 100, 101)), 100*100); !errors.Is(err, ErrImageTooLarge) {
		t.Errorf("a row over the limit: %v", err)
	}

	// A small image whose file goes on past the cap in a chunk the
	// decoder skips.
	padding := MaxImageBytes + 1
	chunkHead := binary.BigEndian.AppendUint32(nil, uint32(padding))
	long := io.MultiReader(bytes.NewReader(pngHeader(10, 10)), bytes.NewReader(append(chunkHead, "zzZz"...)),
		io.LimitReader(zeros{}, int64(padding)))
	var err error
	bytesUsed, _ := allocated(func() { _, err = DecodeImage(long, MaxImagePixels) })
	if !errors.Is(err, ErrImageTooLarge) {
		t.Errorf("a file past %d bytes: %v", MaxImageBytes, err)
	}
	if bytesUsed > 1<<20 {
		t.Errorf("refusing a long file allocated %d bytes", bytesUsed)
	}

	damaged := blankPNG(t, 50, 50)
	damaged[len(damaged)-20] ^= 0xFF
	if _, err := DecodeImage(bytes.NewReader(damaged), MaxImagePixels); err == nil || errors.Is(err, ErrImageTooLarge) {
		t.Errorf("a damaged PNG: %v", err)
	}
	if _, err := DecodeImage(bytes.NewReader([]byte("not an image")), MaxImagePixels); err == nil || errors.Is(err, ErrImageTooLarge) {
		t.Errorf("not an image: %v", err)
	}

	var jb bytes.Buffer
	if err := jpeg.Encode(&jb, image.NewGray(image.Rect(0, 0, 64, 48)), nil); err != nil {
		t.Fatal(err)
	}
	if img, err := DecodeImage(&jb, MaxImagePixels); err != nil || img.Bounds().Dy() != 48 {
		t.Errorf("a JPEG: %v", err)
	}
}

// zeros reads as endless zero bytes.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// FuzzDecodeImage feeds files to DecodeImage with a limit of 64×64
// pixels: an image comes back within the limit, or an error.
func FuzzDecodeImage(f *testing.F) {
	f.Add(blankPNG(f, 8, 8))
	f.Add(blankPNG(f, 12000, 12000))
	var jb bytes.Buffer
	_ = jpeg.Encode(&jb, image.NewGray(image.Rect(0, 0, 16, 16)), nil)
	f.Add(jb.Bytes())
	f.Fuzz(func(t *testing.T, b []byte) {
		img, err := DecodeImage(bytes.NewReader(b), 64*64)
		if err != nil {
			return
		}
		if r := img.Bounds(); r.Dx()*r.Dy() > 64*64 || r.Empty() {
			t.Fatalf("decoded an image of %v past the limit", r)
		}
	})
}

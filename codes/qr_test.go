package codes

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestZbarReadsOurQR renders a code of each kind to a PNG file and has an
// independent decoder, zbarimg (Debian zbar-tools), read it back: the text
// must be exactly the code, and the code must verify.
func TestZbarReadsOurQR(t *testing.T) {
	zbar, err := exec.LookPath("zbarimg")
	if err != nil {
		t.Fatal("zbarimg is missing: run `make deps` (Debian package zbar-tools)")
	}
	f := newFixture(t)
	dir := t.TempDir()
	for _, kind := range Kinds {
		code := f.code(t, kind, t0)
		img, err := QRPNG(code, 512)
		if err != nil {
			t.Fatal(err)
		}
		got, err := zbarRead(zbar, filepath.Join(dir, kind.String()+".png"), img)
		if err != nil {
			t.Fatalf("%s: zbarimg: %v", kind, err)
		}
		if got != code {
			t.Fatalf("%s: zbarimg read %q, want %q", kind, got, code)
		}
		if _, err := f.verifier.Verify(got, f.trust, t0); err != nil {
			t.Fatalf("%s: the code zbarimg read does not verify: %v", kind, err)
		}
	}
}

// zbarRead writes a PNG file to path and has zbarimg read the QR code in
// it: the text, without the newline zbarimg ends it with.
func zbarRead(zbar, path string, png []byte) (string, error) {
	if err := os.WriteFile(path, png, 0o600); err != nil {
		return "", err
	}
	out, err := exec.Command(zbar, "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", path).Output()
	return strings.TrimSuffix(string(out), "\n"), err
}

// TestReadQR reads our own rendering back with the in-app reader, as the
// Verify screen does with an image file.
// TestReadQR reads back 60 codes, each signed by a new device (a first
// reading missed about one in thirty), and finds nothing in a blank image.
func TestReadQR(t *testing.T) {
	f := newFixture(t)
	for i := 0; i < 60; i++ {
		f.device = mustDevice(t)
		code := f.code(t, KindService, t0)
		b, err := QRPNG(code, 400)
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		got, err := ReadQR(img)
		if err != nil || got != code {
			t.Fatalf("code %d: read %q, %v", i, got, err)
		}
	}
	blank := image.NewGray(image.Rect(0, 0, 200, 200))
	for i := range blank.Pix {
		blank.Pix[i] = 0xFF
	}
	if _, err := ReadQR(blank); err == nil {
		t.Error("read a code from an image of nothing")
	}
}

package screens

import (
	"context"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/storage"

	"jiangsupass/codes"
	"jiangsupass/platform"
	"jiangsupass/screens/widgets"
)

// TestOpenImageReadsOffTheUIGoroutine: Open image's reading shows that it
// is looking, does the work through env.Load (off the UI goroutine), and
// then shows the verdict of the code in a real PNG file, or says an image
// over the pixel limit is too large.
func TestOpenImageReadsOffTheUIGoroutine(t *testing.T) {
	env, _ := testEnv(t, "en")
	var pending []func()
	load := env.Load
	env.Load = func(work func(context.Context), apply func()) {
		pending = append(pending, func() { load(work, apply) })
	}
	trust := testTrustList(t, env.Now())
	shown, err := testResident(t, env.Now()).present(context.Background(), platform.CredentialService, env.Now())
	if err != nil {
		t.Fatal(err)
	}
	code := shown.Text
	qr, err := codes.QR(code, 480)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		img  image.Image
		want string
	}{
		{"a code", qr, "Valid"},
		{"too many pixels", image.NewGray(image.Rect(0, 0, 5000, 4000)), "16"},
		{"no code", image.NewGray(image.Rect(0, 0, 300, 300)), env.T("VerifyNoCodeInImage")},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			pending = nil
			v := &verifyView{env: env, verifier: codes.NewVerifier(), trust: trust, input: widgets.NewScanEntry(env.Now), result: container.NewVBox()}
			v.readImage(openPNG(t, c.img))
			if got := shownTexts(v.result); !strings.Contains(got, env.T("VerifyReadingImage")) {
				t.Errorf("while reading the screen shows %q", got)
			}
			if len(pending) != 1 {
				t.Fatalf("%d loads started, want 1 (the reading through env.Load)", len(pending))
			}
			pending[0]()
			if got := shownTexts(v.result); !strings.Contains(got, c.want) {
				t.Errorf("after reading the screen shows %q, want %q", got, c.want)
			}
		})
	}
}

// openPNG writes img to a PNG file and opens it as the file dialog would.
func openPNG(t *testing.T, img image.Image) fyne.URIReadCloser {
	t.Helper()
	path := filepath.Join(t.TempDir(), "code.png")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	rc, err := storage.Reader(storage.NewFileURI(path))
	if err != nil {
		t.Fatal(err)
	}
	return rc
}

package e2e

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// Screen is an Xvfb display of a given size that a test draws on.
type Screen struct {
	t    testing.TB
	Num  int
	Size image.Point
	name string // names the screenshots: "kiosk-1280x800"
	xvfb *exec.Cmd
	shot atomic.Int32
}

// startingScreens lets one Xvfb start at a time; nextDisplay is the
// lowest display number a new screen may take. Numbers are not reused
// within a run, so that a new server never meets what a stopping one of
// the same number leaves behind.
var (
	startingScreens sync.Mutex
	nextDisplay     = 90
)

// StartScreen starts an Xvfb display of w×h pixels (depth 24) that ends
// with the test. name prefixes the files of its screenshots.
func StartScreen(t testing.TB, name string, w, h int) *Screen {
	t.Helper()
	s := &Screen{t: t, Size: image.Pt(w, h), name: name}
	startingScreens.Lock()
	defer startingScreens.Unlock()
	for n := nextDisplay; n < 400; n++ {
		if _, err := os.Stat(fmt.Sprintf("/tmp/.X%d-lock", n)); err == nil {
			continue // another X server's
		}
		if s.start(n) {
			nextDisplay = n + 1
			return s
		}
	}
	t.Fatalf("no free X display between :%d and :399", nextDisplay)
	return nil
}

// start runs Xvfb on display n and reports whether it is up and ours:
// Xvfb takes the display's lock file itself and stops if another server
// holds it.
func (s *Screen) start(n int) bool {
	s.t.Helper()
	s.Num = n
	s.xvfb = exec.Command("Xvfb", ":"+strconv.Itoa(n), "-screen", "0", fmt.Sprintf("%dx%dx24", s.Size.X, s.Size.Y), "-nolisten", "tcp")
	if logf, err := os.Create(filepath.Join(ShotsDir(s.t), s.name+".xvfb.log")); err == nil {
		s.xvfb.Stdout, s.xvfb.Stderr = logf, logf
		s.t.Cleanup(func() { _ = logf.Close() })
	}
	if err := s.xvfb.Start(); err != nil {
		s.t.Fatalf("Xvfb: %v (make deps installs it)", err)
	}
	exited := make(chan struct{})
	go func() { _ = s.xvfb.Wait(); close(exited) }()
	want := fmt.Sprintf("%d %d", s.Size.X, s.Size.Y)
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); {
		select {
		case <-exited:
			return false // the display was taken
		case <-time.After(100 * time.Millisecond):
		}
		lock, _ := os.ReadFile(fmt.Sprintf("/tmp/.X%d-lock", n))
		if strings.TrimSpace(string(lock)) != strconv.Itoa(s.xvfb.Process.Pid) {
			continue
		}
		if out, err := s.run("xdotool", "getdisplaygeometry"); err == nil && strings.TrimSpace(out) == want {
			s.t.Cleanup(func() {
				_ = s.xvfb.Process.Signal(syscall.SIGTERM) // so that it removes its lock and socket
				select {
				case <-exited:
				case <-time.After(5 * time.Second):
					_ = s.xvfb.Process.Kill()
					<-exited
				}
			})
			return true
		}
	}
	_ = s.xvfb.Process.Kill()
	<-exited
	s.t.Fatalf("Xvfb :%d did not come up in 15 s", n)
	return false
}

// Env is the environment of a program on this display.
func (s *Screen) Env() []string {
	return append(os.Environ(), "DISPLAY=:"+strconv.Itoa(s.Num))
}

// run runs a command against the display and returns its output.
func (s *Screen) run(name string, args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = s.Env()
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		return out.String(), fmt.Errorf("%s %s: %w: %s", name, strings.Join(args, " "), err, errb.String())
	}
	return out.String(), nil
}

// do runs a command against the display and fails the test if it fails.
func (s *Screen) do(name string, args ...string) string {
	s.t.Helper()
	out, err := s.run(name, args...)
	if err != nil {
		s.t.Fatal(err)
	}
	return out
}

// Shot takes a screenshot of the whole display with xwd, keeps it as a
// numbered PNG in the shots folder, and returns it.
func (s *Screen) Shot(step string) image.Image {
	s.t.Helper()
	raw := s.settled()
	img, err := DecodeXWD(bytes.NewReader(raw))
	if err != nil {
		s.t.Fatalf("screenshot: %v", err)
	}
	path := filepath.Join(ShotsDir(s.t), fmt.Sprintf("%s-%02d-%s.png", s.name, s.shot.Add(1), step))
	var b bytes.Buffer
	if err := png.Encode(&b, img); err == nil {
		_ = os.WriteFile(path, b.Bytes(), 0o644)
	}
	s.t.Logf("screenshot %s", path)
	return img
}

// settled dumps the screen until it has stopped changing (a blinking
// cursor aside: fewer than settleSlack pixels differ between two dumps a
// quarter of a second apart), for at most five seconds.
func (s *Screen) settled() []byte {
	s.t.Helper()
	dump := func() []byte {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		cmd := exec.CommandContext(ctx, "xwd", "-root", "-silent")
		cmd.Env = s.Env()
		raw, err := cmd.Output()
		if err != nil {
			s.t.Fatalf("xwd: %v (make deps installs x11-apps)", err)
		}
		return raw
	}
	last := dump()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); {
		time.Sleep(250 * time.Millisecond)
		next := dump()
		if len(next) == len(last) && differing(last, next) < settleSlack {
			return next
		}
		last = next
	}
	return last
}

// settleSlack is how many changed pixels still count as a settled screen.
const settleSlack = 400

// differing counts the 4-byte words that differ between two dumps.
func differing(a, b []byte) int {
	n := 0
	for i := 0; i+4 <= len(a); i += 4 {
		if a[i] != b[i] || a[i+1] != b[i+1] || a[i+2] != b[i+2] || a[i+3] != b[i+3] {
			n++
		}
	}
	return n
}

// Read takes a screenshot and reads its words.
func (s *Screen) Read(step string) Reading {
	s.t.Helper()
	r, err := OCR(context.Background(), s.Shot(step))
	if err != nil {
		s.t.Fatal(err)
	}
	return r
}

// ReadLarge reads the screen at half its size, where tesseract finds
// large text (a queue number drawn four times the body size) that it
// misses at full size. The words' boxes are in half-size pixels.
func (s *Screen) ReadLarge(step string) Reading {
	s.t.Helper()
	img := s.Shot(step)
	b := img.Bounds()
	half := image.NewRGBA(image.Rect(0, 0, b.Dx()/2, b.Dy()/2))
	for y := 0; y < half.Rect.Dy(); y++ {
		for x := 0; x < half.Rect.Dx(); x++ {
			var r, g, bl uint32
			for _, d := range [4]image.Point{{0, 0}, {1, 0}, {0, 1}, {1, 1}} {
				cr, cg, cb, _ := img.At(b.Min.X+2*x+d.X, b.Min.Y+2*y+d.Y).RGBA()
				r, g, bl = r+cr, g+cg, bl+cb
			}
			half.Set(x, y, color.RGBA64{R: uint16(r / 4), G: uint16(g / 4), B: uint16(bl / 4), A: 0xffff})
		}
	}
	r, err := OCR(context.Background(), half)
	if err != nil {
		s.t.Fatal(err)
	}
	return r
}

// readBands reads img again in four overlapping bands, top to bottom:
// tesseract lays out a smaller picture differently, and reads some words
// there that it missed on the whole screen.
func (s *Screen) readBands(img image.Image) Reading {
	s.t.Helper()
	b := img.Bounds()
	sub, ok := img.(interface {
		SubImage(image.Rectangle) image.Image
	})
	var r Reading
	if !ok {
		return r
	}
	step := b.Dy() / 4
	for top := b.Min.Y; top < b.Max.Y; top += step {
		band := image.Rect(b.Min.X, max(top-step/2, b.Min.Y), b.Max.X, min(top+step+step/2, b.Max.Y))
		part, err := OCR(context.Background(), sub.SubImage(band))
		if err != nil {
			s.t.Fatal(err)
		}
		r.Words = append(r.Words, part.Words...)
	}
	return r
}

// ReadUntil reads the screen until every phrase is found or timeout
// passes, and fails the test with what it read then. Between readings it
// waits for the screen to change; a screen that has not changed since a
// reading that missed a phrase is read again in bands (slower, so not
// while something is still coming: a warning shown for twenty seconds
// must not be missed while the last picture is read again). It reads at
// least twice, and fails only on a picture taken once the timeout has
// passed: on a busy machine one reading can outlast the timeout, and its
// picture may have been taken long before the screen changed.
func (s *Screen) ReadUntil(step string, timeout time.Duration, phrases ...string) Reading {
	s.t.Helper()
	deadline := time.Now().Add(timeout)
	var last image.Image
	for {
		shotAt := time.Now()
		img := s.Shot(step)
		r, err := OCR(context.Background(), img)
		if err != nil {
			s.t.Fatal(err)
		}
		missing := r.missing(phrases)
		if len(missing) > 0 && last != nil && sameImage(last, img) {
			r.Words = append(r.Words, s.readBands(img).Words...)
			missing = r.missing(phrases)
		}
		if len(missing) == 0 {
			return r
		}
		left := time.Until(deadline)
		if left <= 0 && last != nil && !shotAt.Before(deadline) {
			s.t.Fatalf("%s: not on screen after %v: %q\nread: %s", step, timeout, missing, r.Text())
		}
		last = img
		s.WaitChange(max(min(left, 3*time.Second), 500*time.Millisecond))
	}
}

// ReadUntilGone reads the screen until phrase is no longer on it (a
// dialog closed), for at most timeout, and fails the test if it stays
// (read at least twice, as ReadUntil).
func (s *Screen) ReadUntilGone(step string, timeout time.Duration, phrase string) {
	s.t.Helper()
	for deadline, reads := time.Now().Add(timeout), 1; ; reads++ {
		r := s.Read(step)
		if !r.Has(phrase) {
			return
		}
		if time.Now().After(deadline) && reads >= 2 {
			s.t.Fatalf("%s: still on screen after %v: %q\nread: %s", step, timeout, phrase, r.Text())
		}
		s.WaitChange(2 * time.Second)
	}
}

// sameImage reports whether two screenshots differ in fewer than
// settleSlack pixels.
func sameImage(a, b image.Image) bool {
	ra, ok1 := a.(*image.RGBA)
	rb, ok2 := b.(*image.RGBA)
	return ok1 && ok2 && len(ra.Pix) == len(rb.Pix) && differing(ra.Pix, rb.Pix) < settleSlack
}

// WaitChange waits until the screen differs from what it shows now (a
// dialog opens, a page changes by itself), for at most timeout, and
// reports whether it did. It reads no words: it is cheap to wait with.
func (s *Screen) WaitChange(timeout time.Duration) bool {
	s.t.Helper()
	before := s.settled()
	for deadline := time.Now().Add(timeout); time.Now().Before(deadline); {
		time.Sleep(500 * time.Millisecond)
		if now := s.settled(); len(now) != len(before) || differing(before, now) >= settleSlack {
			return true
		}
	}
	return false
}

// Click taps the display at p.
func (s *Screen) Click(p image.Point) {
	s.t.Helper()
	s.t.Logf("tap at %d,%d", p.X, p.Y)
	s.do("xdotool", "mousemove", strconv.Itoa(p.X), strconv.Itoa(p.Y), "click", "1")
	time.Sleep(300 * time.Millisecond) // the app redraws
}

// ClickText finds phrase on the screen and taps the middle of it.
func (s *Screen) ClickText(step, phrase string) Reading {
	s.t.Helper()
	r := s.ReadUntil(step, 30*time.Second, phrase)
	box, ok := r.Find(phrase)
	if !ok {
		s.t.Fatalf("%s: %q is read only across lines: %s", step, phrase, r.Text())
	}
	s.Click(center(box))
	return r
}

// ClickLowest finds phrase on the screen, where it stands more than once
// the lowest of them, and taps its middle.
func (s *Screen) ClickLowest(step, phrase string) {
	s.t.Helper()
	r := s.ReadUntil(step, 30*time.Second, phrase)
	box, ok := r.FindLowest(phrase)
	if !ok {
		s.t.Fatalf("%s: %q is read only across lines: %s", step, phrase, r.Text())
	}
	s.Click(center(box))
}

// QR reads the QR codes on the screen with zbarimg, from a screenshot
// kept like the others.
func (s *Screen) QR(step string) []string {
	s.t.Helper()
	s.Shot(step)
	path := filepath.Join(ShotsDir(s.t), fmt.Sprintf("%s-%02d-%s.png", s.name, s.shot.Load(), step))
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, "zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", path).Output()
	if err != nil && len(out) == 0 {
		return nil // zbarimg exits 4 when it finds no code
	}
	var codes []string
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if line != "" {
			codes = append(codes, line)
		}
	}
	return codes
}

// Type types text as a person at a keyboard would, delay between keys.
func (s *Screen) Type(text string, delay time.Duration) {
	s.t.Helper()
	s.do("xdotool", "type", "--delay", strconv.Itoa(int(delay/time.Millisecond)), text)
	time.Sleep(300 * time.Millisecond)
}

// Scan types code as a barcode scanner does: every key delay apart and
// Enter right after, in one burst (a second xdotool run would come too
// late after the last key for the kiosk to take it as a scan).
func (s *Screen) Scan(code string, delay time.Duration) {
	s.t.Helper()
	// Keys by their keysym names: xdotool's typing of punctuation remaps
	// the keyboard on the fly, which can lose a key.
	args := []string{"key", "--delay", strconv.Itoa(int(delay / time.Millisecond))}
	for _, c := range code {
		name, ok := keysyms[c]
		if !ok {
			name = string(c)
		}
		args = append(args, name)
	}
	s.do("xdotool", append(args, "Return")...)
	time.Sleep(300 * time.Millisecond)
}

// keysyms name the keys of base45's punctuation, for xdotool key.
var keysyms = map[rune]string{':': "colon", '%': "percent", '$': "dollar", '-': "minus", '.': "period",
	'+': "plus", '/': "slash", '*': "asterisk", ' ': "space"}

// Key presses a named key (xdotool's names: Return, BackSpace, ctrl+a).
func (s *Screen) Key(name string) {
	s.t.Helper()
	s.do("xdotool", "key", name)
	time.Sleep(300 * time.Millisecond)
}

// center is the middle of r.
func center(r image.Rectangle) image.Point {
	return image.Pt((r.Min.X+r.Max.X)/2, (r.Min.Y+r.Max.Y)/2)
}

// ShotsDir is where the screenshots go: E2E_SHOTS, or e2e-shots/ at the
// repository's root. It is made on first use.
func ShotsDir(t testing.TB) string {
	dir := os.Getenv("E2E_SHOTS")
	if dir == "" {
		dir = filepath.Join("..", "e2e-shots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	abs, _ := filepath.Abs(dir)
	return abs
}

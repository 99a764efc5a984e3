package e2e

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// MobileBinary is the phone build, on Fyne's mobile driver (build tag
// mobile), built once per test binary with the race detector. On Linux
// the driver draws in an X11 window of its own, named "App", and takes
// the mouse for a finger; it has no keyboard.
func MobileBinary(t testing.TB) string { return mobileBuild.binary(t) }

// mobileWindowName is the title the mobile driver gives its X11 window.
const mobileWindowName = "App"

// StartMobileApp runs the phone build on s with args (a fresh data folder
// is added), waits for its window and sizes it to fill the screen: the
// driver draws nothing, and the app does not start, until its window has
// been sized once. The test fails if the app logged a data race (see
// launch) or a panic, or ended before the test did.
func StartMobileApp(t testing.TB, s *Screen, args ...string) *App {
	t.Helper()
	a := &App{s: s, bin: MobileBinary(t), log: filepath.Join(ShotsDir(t), s.name+".log")}
	exited := a.launch(t, t.TempDir(), args)
	if err := a.waitForMobileWindow(exited, time.Minute); err != nil {
		t.Fatalf("%v; its log: %s", err, a.log)
	}
	t.Cleanup(func() {
		select {
		case <-exited:
			t.Errorf("the app ended before the test did: see %s", a.log)
		default:
		}
		if b, err := os.ReadFile(a.log); err == nil && crashed(string(b)) {
			t.Errorf("the app panicked: see %s", a.log)
		}
	})
	a.Resize(s.Size.X, s.Size.Y)
	return a
}

// crashed reports whether a log holds a Go panic or fatal error.
func crashed(log string) bool {
	return strings.Contains(log, "panic: ") || strings.Contains(log, "fatal error: ")
}

// waitForMobileWindow waits up to limit for the mobile driver's window
// and keeps its id (the screen is the test's own, so the name is the
// app's). It returns early when the process ends first.
func (a *App) waitForMobileWindow(exited <-chan struct{}, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for {
		out, _ := a.s.run("xdotool", "search", "--name", "^"+mobileWindowName+"$")
		if ids := strings.Fields(out); len(ids) > 0 {
			a.Window = ids[len(ids)-1]
			return nil
		}
		select {
		case <-exited:
			return errors.New("the app ended before showing a window")
		case <-time.After(200 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("no window of the app after %v", limit)
		}
	}
}

// Drag moves a finger (the mouse, held) from one point to another in
// steps, as a person pans a map, and lifts it after a pause with a last
// one-pixel move: a pan, not a fling. (Fyne 2.8.1's mobile driver carries
// a fling on in a goroutine that rewrites the drag event the UI goroutine
// is reading, in driver.go's tapUpCanvas: a data race of the toolkit's
// own, in any widget that takes drags.)
func (s *Screen) Drag(fromX, fromY, toX, toY int) {
	s.t.Helper()
	s.t.Logf("drag from %d,%d to %d,%d", fromX, fromY, toX, toY)
	s.do("xdotool", "mousemove", strconv.Itoa(fromX), strconv.Itoa(fromY), "mousedown", "1")
	const steps = 8
	for i := 1; i <= steps; i++ {
		x, y := fromX+(toX-fromX)*i/steps, fromY+(toY-fromY)*i/steps
		s.do("xdotool", "mousemove", strconv.Itoa(x), strconv.Itoa(y))
		time.Sleep(40 * time.Millisecond)
	}
	time.Sleep(200 * time.Millisecond)
	s.do("xdotool", "mousemove", strconv.Itoa(toX+1), strconv.Itoa(toY))
	time.Sleep(100 * time.Millisecond)
	s.do("xdotool", "mouseup", "1")
	time.Sleep(300 * time.Millisecond) // the app redraws
}

package e2e

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Binary is the desktop app, built once per test binary with the race
// detector.
func Binary(t testing.TB) string { return desktopBuild.binary(t) }

// App is the app running on a Screen.
type App struct {
	s      *Screen
	bin    string // the binary it runs (Binary, MobileBinary)
	cmd    *exec.Cmd
	log    string
	Window string // the X window id of its window
}

// StartApp runs the app on s with args (a fresh data folder is added) and
// waits for its window. It is stopped when the test ends, and the test
// fails if it logged a data race. An app that ends before it shows a
// window because its windowing library found no display is started
// again, once, after the display has answered: under load that start has
// been seen to fail while the display was up.
func StartApp(t testing.TB, s *Screen, args ...string) *App {
	t.Helper()
	home := t.TempDir()
	a := &App{s: s, bin: Binary(t), log: filepath.Join(ShotsDir(t), s.name+".log")}
	for attempt := 1; ; attempt++ {
		exited := a.launch(t, home, args)
		err := a.waitForWindow(exited, time.Minute)
		if err == nil {
			break
		}
		if attempt == 2 || !errors.Is(err, errNoDisplay) {
			t.Fatalf("%v; its log: %s", err, a.log)
		}
		t.Logf("the app found no display at its start (log %s); starting it again", a.log)
		s.do("xdotool", "getdisplaygeometry")
		_ = os.Rename(a.log, strings.TrimSuffix(a.log, ".log")+"-first-start.log")
	}
	time.Sleep(time.Second) // the first frames
	return a
}

// launch starts the app's process and returns a channel closed when it
// ends. The process is killed, and its log checked for data races, when
// the test ends.
func (a *App) launch(t testing.TB, home string, args []string) <-chan struct{} {
	t.Helper()
	logf, err := os.Create(a.log)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(a.bin, append([]string{"--data-dir", filepath.Join(home, "data")}, args...)...)
	// A home of its own: no saved preferences, fonts or caches from the
	// machine's user.
	cmd.Env = append(a.s.Env(), "HOME="+home, "XDG_CONFIG_HOME="+filepath.Join(home, ".config"),
		"XDG_CACHE_HOME="+filepath.Join(home, ".cache"), "XDG_DATA_HOME="+filepath.Join(home, ".local/share"),
		"GORACE=halt_on_error=0")
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	a.cmd = cmd
	exited := make(chan struct{})
	go func() { _ = cmd.Wait(); close(exited) }()
	log := a.log
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		<-exited
		_ = logf.Close()
		if b, err := os.ReadFile(log); err == nil && strings.Contains(string(b), "WARNING: DATA RACE") {
			t.Errorf("the app logged a data race: see %s", log)
		}
	})
	return exited
}

// errNoDisplay is the start that ended because the windowing library
// found no display to open.
var errNoDisplay = errors.New("the app found no display")

// waitForWindow waits up to limit for the app's visible window and keeps
// its id. It returns early when the process ends first.
func (a *App) waitForWindow(exited <-chan struct{}, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for {
		out, _ := a.s.run("xdotool", "search", "--onlyvisible", "--pid", strconv.Itoa(a.cmd.Process.Pid))
		if ids := strings.Fields(out); len(ids) > 0 {
			a.Window = ids[len(ids)-1]
			return nil
		}
		select {
		case <-exited:
			b, _ := os.ReadFile(a.log)
			if strings.Contains(string(b), "Failed to detect any supported platform") {
				return fmt.Errorf("%w: it ended before showing a window", errNoDisplay)
			}
			return errors.New("the app ended before showing a window")
		case <-time.After(200 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("no window of the app after %v", limit)
		}
	}
}

// Resize sets the window's size, as a user dragging its corner would,
// and waits until the window has kept it for a second (an app still
// starting may size its window once more).
func (a *App) Resize(w, h int) {
	a.s.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for kept := 0; kept < 2; {
		if _, _, gw, gh := a.Geometry(); gw == w && gh == h {
			kept++
		} else {
			kept = 0
			a.s.do("xdotool", "windowsize", a.Window, strconv.Itoa(w), strconv.Itoa(h))
		}
		if time.Now().After(deadline) {
			a.s.t.Fatalf("the window did not keep the size %d×%d", w, h)
		}
		time.Sleep(500 * time.Millisecond)
	}
}

// Geometry is the window's position and size on the screen.
func (a *App) Geometry() (x, y, w, h int) {
	a.s.t.Helper()
	out := a.s.do("xdotool", "getwindowgeometry", "--shell", a.Window)
	for _, line := range strings.Fields(out) {
		k, v, _ := strings.Cut(line, "=")
		n, _ := strconv.Atoi(v)
		switch k {
		case "X":
			x = n
		case "Y":
			y = n
		case "WIDTH":
			w = n
		case "HEIGHT":
			h = n
		}
	}
	return
}

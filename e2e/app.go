package e2e

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// Binary builds the app once per test binary, with the race detector, so
// that a data race on the real driver fails the journey that met it.
func Binary(t testing.TB) string {
	t.Helper()
	binaryOnce.Do(func() {
		dir, err := os.MkdirTemp("", "jsp-e2e-")
		if err != nil {
			binaryErr = err
			return
		}
		binaryPath = filepath.Join(dir, "jiangsupass")
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, "go", "build", "-race", "-tags", "sqlite_fts5", "-o", binaryPath, "..")
		out, err := cmd.CombinedOutput()
		if err != nil {
			binaryErr = fmt.Errorf("go build: %w: %s", err, out)
		}
	})
	if binaryErr != nil {
		t.Fatal(binaryErr)
	}
	return binaryPath
}

// App is the app running on a Screen.
type App struct {
	s      *Screen
	cmd    *exec.Cmd
	log    string
	Window string // the X window id of its window
}

// StartApp runs the app on s with args (a fresh data folder is added) and
// waits for its window. It is stopped when the test ends, and the test
// fails if it logged a data race.
func StartApp(t testing.TB, s *Screen, args ...string) *App {
	t.Helper()
	home := t.TempDir()
	a := &App{s: s, log: filepath.Join(ShotsDir(t), s.name+".log")}
	logf, err := os.Create(a.log)
	if err != nil {
		t.Fatal(err)
	}
	a.cmd = exec.Command(Binary(t), append([]string{"--data-dir", filepath.Join(home, "data")}, args...)...)
	// A home of its own: no saved preferences, fonts or caches from the
	// machine's user.
	a.cmd.Env = append(s.Env(), "HOME="+home, "XDG_CONFIG_HOME="+filepath.Join(home, ".config"),
		"XDG_CACHE_HOME="+filepath.Join(home, ".cache"), "XDG_DATA_HOME="+filepath.Join(home, ".local/share"),
		"GORACE=halt_on_error=0")
	a.cmd.Stdout, a.cmd.Stderr = logf, logf
	if err := a.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = a.cmd.Process.Kill()
		_ = a.cmd.Wait()
		_ = logf.Close()
		if b, err := os.ReadFile(a.log); err == nil && strings.Contains(string(b), "WARNING: DATA RACE") {
			t.Errorf("the app logged a data race: see %s", a.log)
		}
	})
	deadline := time.Now().Add(60 * time.Second)
	for a.Window == "" {
		out, _ := s.run("xdotool", "search", "--onlyvisible", "--pid", strconv.Itoa(a.cmd.Process.Pid))
		if ids := strings.Fields(out); len(ids) > 0 {
			a.Window = ids[len(ids)-1]
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no window of the app after a minute; its log: %s", a.log)
		}
		time.Sleep(200 * time.Millisecond)
	}
	time.Sleep(time.Second) // the first frames
	return a
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

var (
	binaryOnce sync.Once
	binaryPath string
	binaryErr  error
)

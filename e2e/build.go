package e2e

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// build is one build of the app, made once per test binary and shared by
// every journey that runs it, with the race detector, so that a data race
// on the real driver fails the journey that met it.
type build struct {
	tags string // the build tags
	once sync.Once
	path string
	err  error
}

// binary builds the app the first time it is asked for, and returns its
// path; the test fails if it does not build.
func (b *build) binary(t testing.TB) string {
	t.Helper()
	b.once.Do(func() {
		dir, err := os.MkdirTemp("", "jsp-e2e-")
		if err != nil {
			b.err = err
			return
		}
		b.path = filepath.Join(dir, "jiangsupass")
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, "go", "build", "-race", "-tags", b.tags, "-o", b.path, "..")
		if out, err := cmd.CombinedOutput(); err != nil {
			b.err = fmt.Errorf("go build -tags '%s': %w: %s", b.tags, err, out)
		}
	})
	if b.err != nil {
		t.Fatal(b.err)
	}
	return b.path
}

// The builds: the desktop app on GLFW, and the phone build on Fyne's
// mobile driver (which on Linux draws in an X11 window of its own).
var (
	desktopBuild = &build{tags: "sqlite_fts5"}
	mobileBuild  = &build{tags: "sqlite_fts5 mobile"}
)

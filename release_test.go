package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"jiangsupass/app"
)

// TestReleaseRefusesTheDemoAnchors builds the app as `make release` does
// (-tags release), from the repository's release anchors file, which
// holds the demo anchor until a deployment puts its own there, and runs
// it. Without --demo it exits non-zero and says why on stderr: at once
// where no window can be shown, and after showing the reason in a window
// where one can. With --demo it starts and draws its window. The runs with
// a window need a display: this one's, or a virtual one from xvfb-run.
func TestReleaseRefusesTheDemoAnchors(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the app: not in -short")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "jiangsupass-release")
	build := exec.Command("go", "build", "-tags", "sqlite_fts5 release", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build the release: %v\n%s", err, out)
	}
	data := filepath.Join(dir, "data")
	const said = "demo trust anchor"

	// No display: the reason on stderr, and out.
	out, code := runRelease(t, bin, false, "--data-dir", data)
	if code == 0 || !strings.Contains(out.stderr, said) || !strings.Contains(out.stderr, "--demo") {
		t.Fatalf("with no display and no --demo: exit %d, stderr %q; want non-zero and the reason", code, out.stderr)
	}
	if strings.Contains(out.stdout, "first-frame") {
		t.Error("with no display it drew a window")
	}

	if _, err := exec.LookPath("xvfb-run"); os.Getenv("DISPLAY") == "" && err != nil {
		t.Skip("no display and no xvfb-run: the runs with a window are not made")
	}
	// A display: the reason in a window too (the first-frame probe quits
	// the app once the window has drawn), and out with an error.
	out, code = runRelease(t, bin, true, "--data-dir", data)
	if code == 0 || !strings.Contains(out.stderr, said) || !strings.Contains(out.stdout, "first-frame") {
		t.Errorf("with a display and no --demo: exit %d, stdout %q, stderr %q; want the reason in a window, then non-zero", code, out.stdout, out.stderr)
	}
	// --demo: it starts, and draws its screens.
	out, code = runRelease(t, bin, true, "--data-dir", data, "--demo")
	if code != 0 || !strings.Contains(out.stdout, "first-frame") || strings.Contains(out.stderr, said) {
		t.Errorf("with --demo: exit %d, stdout %q, stderr %q; want it to start and draw", code, out.stdout, out.stderr)
	}
}

// output is what a run wrote.
type output struct{ stdout, stderr string }

// runRelease runs bin with args, on a display when window says so (the
// test's own, else one xvfb-run makes), or with none, and with the
// first-frame probe, which quits the app once it has drawn. It returns
// what the run wrote and its exit code.
func runRelease(t *testing.T, bin string, window bool, args ...string) (output, int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	env := []string{app.FirstFrameEnv + "=1"}
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "DISPLAY=") && !strings.HasPrefix(kv, "WAYLAND_DISPLAY=") {
			env = append(env, kv)
		}
	}
	var cmd *exec.Cmd
	switch {
	case !window:
		cmd = exec.CommandContext(ctx, bin, args...)
	case os.Getenv("DISPLAY") != "":
		cmd = exec.CommandContext(ctx, bin, args...)
		env = append(env, "DISPLAY="+os.Getenv("DISPLAY"))
	default:
		cmd = exec.CommandContext(ctx, "xvfb-run", append([]string{"-a", "-s", "-screen 0 1280x1024x24", bin}, args...)...)
	}
	cmd.Env = env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("%s %v did not end within its time: stdout %q, stderr %q", bin, args, stdout.String(), stderr.String())
	}
	code := 0
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		code = exit.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return output{stdout.String(), stderr.String()}, code
}

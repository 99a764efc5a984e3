package main

import (
	"bufio"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"jiangsupass/app"
)

// BenchmarkStartup measures the time from process start to the first frame
// on screen of the app with its full store (already seeded), beside the
// same binary showing an empty window (--bare), alternating the two so that
// both see the same machine. It needs a display: `make bench` runs it under
// Xvfb.
func BenchmarkStartup(b *testing.B) {
	if os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
		b.Skip("no display: run under xvfb-run (make bench)")
	}
	dir := b.TempDir()
	bin := filepath.Join(dir, "jiangsupass")
	build := exec.Command("go", "build", "-tags", "sqlite_fts5", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		b.Fatalf("build: %v\n%s", err, out)
	}
	data := filepath.Join(dir, "data")
	firstFrame(b, bin, "--data-dir", data) // seed the store first
	const runs = 7
	for i := 0; i < b.N; i++ {
		var full, bare []time.Duration
		for r := 0; r < runs; r++ {
			full = append(full, firstFrame(b, bin, "--data-dir", data))
			bare = append(bare, firstFrame(b, bin, "--bare"))
		}
		f, br := median(full), median(bare)
		b.ReportMetric(float64(f.Milliseconds()), "ms/app")
		b.ReportMetric(float64(br.Milliseconds()), "ms/bare")
		b.ReportMetric(float64(f)/float64(br), "app/bare(goal≤1.5)")
	}
}

// firstFrame starts the binary and returns how long it took to print the
// probe's "first-frame" line.
func firstFrame(b *testing.B, bin string, args ...string) time.Duration {
	b.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = append(os.Environ(), app.FirstFrameEnv+"=1")
	out, err := cmd.StdoutPipe()
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	sc := bufio.NewScanner(out)
	var took time.Duration
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) == "first-frame" {
			took = time.Since(start)
			break
		}
	}
	_ = cmd.Wait()
	if took == 0 {
		b.Fatalf("%s %v never painted a frame", bin, args)
	}
	return took
}

func median(d []time.Duration) time.Duration {
	s := append([]time.Duration(nil), d...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[len(s)/2]
}

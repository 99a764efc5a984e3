// Command benchtable reads `go test -bench` output on stdin and prints the
// project's benchmark table: each benchmark with the figures it reported,
// its baseline and their ratio side by side. Lines that are not benchmark
// results pass through to stderr so that failures stay visible.
package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"text/tabwriter"
)

func main() {
	tw := tabwriter.NewWriter(os.Stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "benchmark\tfigures")
	fmt.Fprintln(tw, "---------\t-------")
	sc := bufio.NewScanner(os.Stdin)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	failed := false
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "FAIL") || strings.HasPrefix(line, "--- FAIL") {
			failed = true
		}
		if !strings.HasPrefix(line, "Benchmark") {
			continue
		}
		f := strings.Fields(line)
		if len(f) < 4 {
			continue
		}
		name := strings.TrimPrefix(f[0], "Benchmark")
		if i := strings.LastIndex(name, "-"); i > 0 {
			name = name[:i] // drop the GOMAXPROCS suffix
		}
		var figs []string
		for i := 2; i+1 < len(f); i += 2 {
			figs = append(figs, f[i]+" "+f[i+1])
		}
		fmt.Fprintf(tw, "%s\t%s\n", name, strings.Join(figs, "   "))
	}
	tw.Flush()
	if failed {
		fmt.Fprintln(os.Stderr, "some benchmarks failed: see bench.txt")
		os.Exit(1)
	}
}

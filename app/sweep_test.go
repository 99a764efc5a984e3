package app

import "testing"

// sweep marks a test that builds every screen in many languages, sizes or
// roles: layout, not concurrency. The race detector makes such a sweep ten
// times slower (320 s for the six of them) and finds nothing a sweep can
// race on, so it is skipped under -race; `make test` runs this package a
// second time without it, where the sweeps take 30 s.
func sweep(t *testing.T) {
	t.Helper()
	if raceDetector {
		t.Skip("a layout sweep: run without -race (make test does)")
	}
}

//go:build race

package app

// raceDetector reports whether the tests run with the race detector.
const raceDetector = true

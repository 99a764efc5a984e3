package kiosk

import (
	"strings"
	"time"
)

// A barcode scanner in keyboard mode types a whole code in a few tens of
// milliseconds and ends it with Enter; a person needs a tenth of a second
// or more per key. The classifier takes keystrokes with their times and,
// at Enter, says whether they came that fast.
const (
	// ScanMaxGap is the longest pause between two keys of a scan.
	ScanMaxGap = 50 * time.Millisecond
	// ScanMinLen is the shortest code taken as a scan.
	ScanMinLen = 4
)

// ScanClassifier tells scans from typing. Feed it every typed character
// with Rune and call Enter at the Enter key. The zero value is ready.
type ScanClassifier struct {
	buf  strings.Builder
	last time.Time
	fast bool // every gap so far was within ScanMaxGap
}

// Rune records a typed character at time at.
func (c *ScanClassifier) Rune(r rune, at time.Time) {
	if c.buf.Len() == 0 {
		c.fast = true
	} else if at.Sub(c.last) > ScanMaxGap || at.Before(c.last) {
		// A pause: what came before was typed by hand; a scan may start here.
		c.buf.Reset()
		c.fast = true
	}
	c.buf.WriteRune(r)
	c.last = at
}

// Enter ends the keystrokes at time at. It returns the code and true when
// they were a scan: at least ScanMinLen characters, each within ScanMaxGap
// of the one before, and Enter within ScanMaxGap of the last. Either way
// the classifier starts afresh.
func (c *ScanClassifier) Enter(at time.Time) (string, bool) {
	code := c.buf.String()
	ok := c.fast && len([]rune(code)) >= ScanMinLen && at.Sub(c.last) <= ScanMaxGap && !at.Before(c.last)
	c.Reset()
	return code, ok
}

// Reset forgets the keystrokes so far.
func (c *ScanClassifier) Reset() {
	c.buf.Reset()
	c.fast = false
}

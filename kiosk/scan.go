package kiosk

import (
	"time"
)

// A barcode scanner in keyboard mode types a whole code in a few tens of
// milliseconds and ends it with Enter; a person needs a tenth of a second
// or more per key. The classifier takes keystrokes with their times and,
// at Enter, says whether the keys before it came that fast.
//
// The times are when the app handled each key, not when the scanner sent
// it: a busy app (a frame drawn, a collection of garbage) now and then
// holds a few keys back and hands them on together. A scan is therefore a
// run of fast keys that may hold a few such stalls, each between two fast
// keys; a person's slow keys never chain into a run.
const (
	// ScanMaxGap is the longest pause between two keys of a scan.
	ScanMaxGap = 50 * time.Millisecond
	// ScanMaxStall is the longest pause taken as the app being busy in
	// the middle of a scan, and ScanMaxStalls how many a scan may hold.
	ScanMaxStall  = 750 * time.Millisecond
	ScanMaxStalls = 3
	// ScanMinLen is the shortest code taken as a scan.
	ScanMinLen = 4
	// ScanMaxLen is the most keys kept: no QR code holds more, and a
	// stuck key cannot grow the classifier without bound.
	ScanMaxLen = 4296
)

// ScanClassifier tells scans from typing. Feed it every typed character
// with Rune and call Enter at the Enter key. The zero value is ready.
type ScanClassifier struct {
	runes []rune
	times []time.Time
}

// Rune records a typed character at time at.
func (c *ScanClassifier) Rune(r rune, at time.Time) {
	if n := len(c.times); n > 0 && (at.Before(c.times[n-1]) || at.Sub(c.times[n-1]) > ScanMaxStall || n >= ScanMaxLen) {
		// A long pause (or a clock gone back, or a flood): what came
		// before cannot be part of the same scan.
		c.Reset()
	}
	c.runes = append(c.runes, r)
	c.times = append(c.times, at)
}

// Enter ends the keystrokes at time at. It returns the code and true when
// they end in a scan: at least ScanMinLen characters, each within
// ScanMaxGap of the one before but for at most ScanMaxStalls stalls of up
// to ScanMaxStall between fast keys, and Enter within ScanMaxGap of the
// last key (or one stall after it). The code is that run alone: keys
// typed by hand before it are left out. Either way the classifier starts
// afresh.
func (c *ScanClassifier) Enter(at time.Time) (string, bool) {
	defer c.Reset()
	n := len(c.times)
	if n < ScanMinLen || at.Before(c.times[n-1]) {
		return "", false
	}
	stalls := 0
	switch enter := at.Sub(c.times[n-1]); {
	case enter <= ScanMaxGap:
	case enter <= ScanMaxStall && c.fastBefore(n-1):
		stalls++
	default:
		return "", false
	}
	start := n - 1 // the run is runes[start:]
	for start > 0 {
		gap := c.times[start].Sub(c.times[start-1])
		if gap <= ScanMaxGap {
			start--
			continue
		}
		if gap <= ScanMaxStall && stalls < ScanMaxStalls && c.fastBefore(start-1) {
			stalls++
			start--
			continue
		}
		break
	}
	if n-start < ScanMinLen {
		return "", false
	}
	return string(c.runes[start:]), true
}

// fastBefore reports whether key i came within ScanMaxGap of the key
// before it.
func (c *ScanClassifier) fastBefore(i int) bool {
	return i > 0 && i < len(c.times) && c.times[i].Sub(c.times[i-1]) <= ScanMaxGap
}

// Reset forgets the keystrokes so far.
func (c *ScanClassifier) Reset() {
	c.runes = c.runes[:0]
	c.times = c.times[:0]
}

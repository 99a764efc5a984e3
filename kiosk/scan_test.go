package kiosk

import (
	"testing"
	"time"
)

// TestScanClassifier types codes with the given gaps between keys and
// before Enter, and checks which are taken as scans.
func TestScanClassifier(t *testing.T) {
	ms := time.Millisecond
	cases := []struct {
		name  string
		text  string
		gap   time.Duration // between keys
		enter time.Duration // last key to Enter
		want  bool
		code  string
	}{
		{"scanner, 8 ms a key", "JSP1:abcdef0123", 8 * ms, 8 * ms, true, "JSP1:abcdef0123"},
		{"scanner at the gap limit", "ABCDEFGH", ScanMaxGap, ScanMaxGap, true, "ABCDEFGH"},
		{"fast typist, 90 ms a key", "ABCDEFGH", 90 * ms, 30 * ms, false, ""},
		{"person, 250 ms a key", "123456", 250 * ms, 200 * ms, false, ""},
		{"fast keys, slow Enter", "ABCDEFGH", 10 * ms, 400 * ms, false, ""},
		{"too short", "AB", 5 * ms, 5 * ms, false, ""},
		{"empty", "", 5 * ms, 5 * ms, false, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var k ScanClassifier
			at := time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)
			for i, r := range []rune(c.text) {
				if i > 0 {
					at = at.Add(c.gap)
				}
				k.Rune(r, at)
			}
			code, ok := k.Enter(at.Add(c.enter))
			if ok != c.want || (ok && code != c.code) {
				t.Errorf("Enter = %q, %v; want %q, %v", code, ok, c.code, c.want)
			}
		})
	}
}

// TestScanAfterTyping: hand-typed keys followed by a pause and a scan
// give the scan alone.
func TestScanAfterTyping(t *testing.T) {
	var k ScanClassifier
	at := time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)
	for _, r := range "hello" {
		at = at.Add(300 * time.Millisecond)
		k.Rune(r, at)
	}
	at = at.Add(2 * time.Second)
	for _, r := range "CODE1234" {
		at = at.Add(5 * time.Millisecond)
		k.Rune(r, at)
	}
	if code, ok := k.Enter(at.Add(5 * time.Millisecond)); !ok || code != "CODE1234" {
		t.Errorf("Enter = %q, %v; want the scan alone", code, ok)
	}
	if _, ok := k.Enter(at.Add(10 * time.Millisecond)); ok {
		t.Error("a second Enter with no keys is a scan")
	}
}

// TestIdle walks the idle timer through its states.
func TestIdle(t *testing.T) {
	t0 := time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)
	i := NewIdle(time.Minute, 30*time.Second, t0)
	steps := []struct {
		at   time.Duration
		want IdleState
		left time.Duration
	}{
		{0, Active, 90 * time.Second},
		{59 * time.Second, Active, 31 * time.Second},
		{60 * time.Second, Warning, 30 * time.Second},
		{89 * time.Second, Warning, time.Second},
		{90 * time.Second, Expired, 0},
	}
	for _, s := range steps {
		if st, left := i.State(t0.Add(s.at)); st != s.want || left != s.left {
			t.Errorf("at %v: %v, %v; want %v, %v", s.at, st, left, s.want, s.left)
		}
	}
	i.Touch(t0.Add(80 * time.Second))
	if st, _ := i.State(t0.Add(100 * time.Second)); st != Active {
		t.Errorf("after input: %v, want active", st)
	}
}

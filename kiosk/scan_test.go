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
		{"fast keys, Enter held back", "ABCDEFGH", 10 * ms, 400 * ms, true, "ABCDEFGH"},
		{"fast keys, Enter a second later", "ABCDEFGH", 10 * ms, time.Second, false, ""},
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

// TestScanThroughStalls: a scan whose keys the busy app held back a few
// times is still one scan; more stalls than that, or a stall after a slow
// key, are not.
func TestScanThroughStalls(t *testing.T) {
	ms := time.Millisecond
	type key struct {
		r   rune
		gap time.Duration // since the key before
	}
	typed := func(s string, gap time.Duration) []key {
		var out []key
		for _, r := range s {
			out = append(out, key{r, gap})
		}
		return out
	}
	join := func(parts ...[]key) []key {
		var out []key
		for _, p := range parts {
			out = append(out, p...)
		}
		return out
	}
	stall := func(s string, d time.Duration) []key { // s's first key comes d after the key before
		k := typed(s, 8*ms)
		k[0].gap = d
		return k
	}
	cases := []struct {
		name string
		keys []key
		want string // "" when not a scan
	}{
		{"one stall", join(typed("JSP1:abc", 8*ms), stall("def0123", 300*ms)), "JSP1:abcdef0123"},
		{"three stalls", join(typed("JSP1", 8*ms), stall(":ab", 700*ms), stall("cdef", 200*ms), stall("0123", 60*ms)), "JSP1:abcdef0123"},
		{"four stalls", join(typed("JS", 8*ms), stall("P1", 100*ms), stall(":ab", 100*ms), stall("cdef", 100*ms), stall("0123", 100*ms)), "P1:abcdef0123"},
		{"a stall too long", join(typed("JSP1:abc", 8*ms), stall("def0123", time.Second)), "def0123"},
		{"typing, then a scan in half a second", join(typed("hello", 300*ms), stall("CODE1234", 500*ms)), "CODE1234"},
		{"a person at 120 ms a key", typed("123456789", 120*ms), ""},
		{"a person, then one fast pair", join(typed("12345", 200*ms), stall("67", 200*ms)), ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var k ScanClassifier
			at := time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)
			for _, key := range c.keys {
				at = at.Add(key.gap)
				k.Rune(key.r, at)
			}
			code, ok := k.Enter(at.Add(8 * ms))
			if ok != (c.want != "") || code != c.want {
				t.Errorf("Enter = %q, %v; want %q", code, ok, c.want)
			}
		})
	}
}

// TestScanKeepsNoMoreThanItMust: a flood of fast keys keeps at most
// ScanMaxLen of them.
func TestScanKeepsNoMoreThanItMust(t *testing.T) {
	var k ScanClassifier
	at := time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)
	for range 10 * ScanMaxLen {
		at = at.Add(time.Millisecond)
		k.Rune('x', at)
	}
	if code, ok := k.Enter(at.Add(time.Millisecond)); !ok || len(code) > ScanMaxLen {
		t.Errorf("Enter gave %d keys, %v; want at most %d", len(code), ok, ScanMaxLen)
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

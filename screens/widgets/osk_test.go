package widgets

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// keyHeights are the heights of the keyboard's rows of keys as laid out.
func keyHeights(k *OSK) []float32 {
	var out []float32
	for _, o := range k.box.Objects {
		if isKeyRow(o) {
			out = append(out, o.Size().Height)
		}
	}
	return out
}

// TestOSKKeysShareTheHeight: the keyboard asks for keys OSKLeastKeySize
// high and would like them OSKKeySize high; given a height between the
// two, the rows of keys share it evenly, and given more they stay at
// OSKKeySize, so that a kiosk can fit it on a short screen.
func TestOSKKeysShareTheHeight(t *testing.T) {
	test.NewTempApp(t)
	for _, mode := range []OSKMode{OSKLetters, OSKDigits, OSKInitials} {
		k := NewOSK(OSKLabels{Letters: "abc", Digits: "123", Initials: "zzy", InitialsHint: "拙政园 → zzy",
			Space: "space", Backspace: "back", Enter: "enter"}, mode, nil)
		least, ideal := k.MinSize(), k.IdealSize()
		if ideal.Height <= least.Height || ideal.Width != least.Width {
			t.Fatalf("mode %d: least %v, ideal %v", mode, least, ideal)
		}
		for _, c := range []struct {
			height float32
			want   float32
		}{{least.Height, OSKLeastKeySize}, {ideal.Height, OSKKeySize}, {ideal.Height + 100, OSKKeySize}} {
			k.Resize(fyne.NewSize(least.Width, c.height))
			for i, h := range keyHeights(k) {
				if h < c.want-0.5 || h > c.want+0.5 {
					t.Errorf("mode %d in %.0f: row %d is %.1f high, want %.0f", mode, c.height, i, h, c.want)
				}
			}
		}
		mid := (least.Height + ideal.Height) / 2
		k.Resize(fyne.NewSize(least.Width, mid))
		hs := keyHeights(k)
		for _, h := range hs {
			if h != hs[0] || h <= OSKLeastKeySize || h >= OSKKeySize {
				t.Errorf("mode %d in %.0f: rows %v, want equal, between the least and the ideal", mode, mid, hs)
				break
			}
		}
	}
}

// TestOSKHideModes: a PIN pad has no mode keys.
func TestOSKHideModes(t *testing.T) {
	test.NewTempApp(t)
	k := NewOSK(OSKLabels{Letters: "abc", Digits: "123", Initials: "zzy"}, OSKDigits, nil)
	rows := len(k.box.Objects)
	k.HideModes()
	if len(k.box.Objects) != rows-1 || k.Mode() != OSKDigits {
		t.Errorf("%d rows with modes, %d without, mode %d", rows, len(k.box.Objects), k.Mode())
	}
}

package textnorm

import (
	"slices"
	"testing"
)

// TestKeysAgree: the ways of writing one name that search treats as the
// same have the same key.
func TestKeysAgree(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Zhuō Zhèng Yuán", "zhuozhengyuan"},
		{"zhuo zheng yuan", "zhuozhengyuan"},
		{"ZhuoZhengYuan", "zhuozhengyuan"},
		{"Lǜbóyuán", "lvboyuan"},
		{"拙政园 (Suzhou)", "拙政园suzhou"},
		{"“” ,", ""},
	} {
		if got := Key(tc.in); got != tc.want {
			t.Errorf("Key(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if got, want := Initials("新街口"), "xjk"; got != want {
		t.Errorf("Initials(新街口) = %q, want %q", got, want)
	}
}

// TestSplitParts cuts at the separators of a name's parts, but not at a
// hyphen inside a word.
func TestSplitParts(t *testing.T) {
	for in, want := range map[string][]string{
		"苏州园林（拙政园、虎丘山、留园）":      {"苏州园林", "拙政园", "虎丘山", "留园"},
		"Sun Yat-sen Mausoleum": {"Sun Yat-sen Mausoleum"},
		"南京 - 上海":               {"南京 ", " 上海"},
		"":                      nil,
	} {
		if got := SplitParts(in); !slices.Equal(got, want) {
			t.Errorf("SplitParts(%q) = %q, want %q", in, got, want)
		}
	}
}

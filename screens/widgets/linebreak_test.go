package widgets

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// runeWidth measures a string as one unit per rune.
func runeWidth(s string) float32 { return float32(utf8.RuneCountInString(s)) }

func TestBreakLines(t *testing.T) {
	for _, c := range []struct {
		name  string
		text  string
		width float32
		want  []string
	}{
		{"a space around a number does not end the line early", "信任列表第 1 版：江苏省、上海市", 10,
			[]string{"信任列表第 1 版：", "江苏省、上海市"}},
		{"a comma never starts a line", "一二三四五，六", 5, []string{"一二三四", "五，六"}},
		{"an opening bracket never ends a line", "一二三四（五）", 5, []string{"一二三四", "（五）"}},
		{"a full stop stays with its word", "码已过时（超过 30 秒）。请刷新", 8, []string{"码已过时（超过", "30 秒）。请刷", "新"}},
		{"Latin breaks at spaces", "hello world foo", 11, []string{"hello world", "foo"}},
		{"a Latin word inside Chinese stays whole", "请在 App 中查看", 4, []string{"请在", "App", "中查看"}},
		{"a word wider than the line is cut", "abcdefghij", 4, []string{"abcd", "efgh", "ij"}},
		{"Korean breaks at spaces", "전자 티켓은 환불되었습니다", 7, []string{"전자 티켓은", "환불되었습니다"}},
		{"small kana never start a line", "チケットです", 3, []string{"チケッ", "トです"}},
		{"a time stays whole", "周一至周五 09:00–17:00 · generated", 16, []string{"周一至周五", "09:00–17:00 ·", "generated"}},
		{"newlines are kept", "一\n二", 5, []string{"一", "二"}},
		{"empty", "", 5, []string{""}},
	} {
		if got := breakLines(c.text, c.width, runeWidth); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: %q → %q, want %q", c.name, c.text, got, c.want)
		}
	}
}

// TestBreakLinesKeepsEveryCharacter: on random mixed text, the lines hold
// every non-space character in order, none is wider than the line, and
// none but a cut word starts with closing punctuation.
func TestBreakLinesKeepsEveryCharacter(t *testing.T) {
	alphabet := []rune("江苏通行码，。、（）「」 abc 12 ー ッ 한국")
	rng := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < 2000; i++ {
		runes := make([]rune, rng.IntN(40))
		for k := range runes {
			runes[k] = alphabet[rng.IntN(len(alphabet))]
		}
		text := string(runes)
		width := float32(3 + rng.IntN(12))
		lines := breakLines(text, width, runeWidth)
		if strip(strings.Join(lines, "")) != strip(text) {
			t.Fatalf("%q → %q lost or moved characters", text, lines)
		}
		for k, l := range lines {
			if runeWidth(l) > width {
				t.Fatalf("%q at %v → line %q is too wide", text, width, l)
			}
			if k > 0 && l != "" && strings.ContainsRune(noLineStart, []rune(l)[0]) && !cutLine(lines[k-1], width) {
				t.Fatalf("%q at %v → line %q starts with closing punctuation", text, width, l)
			}
		}
	}
}

func strip(s string) string { return strings.Join(strings.Fields(s), "") }

// cutLine reports whether a line was filled to the width, as a cut one is.
func cutLine(l string, width float32) bool { return runeWidth(l) == width }

// FuzzBreakLines: on any text, even invalid UTF-8, breaking keeps every
// non-space character in order and makes no line wider than the width
// unless a single character is.
func FuzzBreakLines(f *testing.F) {
	f.Add("信任列表第 1 版：江苏省、上海市", uint8(10))
	f.Add("hello world", uint8(3))
	f.Add("（「」）\xff\xfe", uint8(1))
	f.Fuzz(func(t *testing.T, text string, w uint8) {
		width := float32(w%40 + 1)
		lines := breakLines(text, width, runeWidth)
		// Each invalid byte reads as U+FFFD, as ranging over a string does.
		if strip(string([]rune(strings.Join(lines, "")))) != strip(string([]rune(text))) {
			t.Fatalf("%q → %q lost or moved characters", text, lines)
		}
		for _, l := range lines {
			if runeWidth(l) > width && utf8.RuneCountInString(l) > 1 {
				t.Fatalf("%q at %v → line %q is too wide", text, width, l)
			}
		}
	})
}

// TestBreakLinesFollowsUAX14: where Unicode's line breaking differs from
// breaking only at spaces and between ideographs, lines break as UAX #14
// says; the rules on top of it (Korean at spaces only, a range of numbers
// whole) still hold.
func TestBreakLinesFollowsUAX14(t *testing.T) {
	checkBreaks(t, []breakCase{
		{"an apostrophe stays inside its word", "I don’t know", 6, []string{"I", "don’t", "know"}},
		{"a line may break after a hyphen", "a well-known garden", 7, []string{"a well-", "known", "garden"}},
		{"a path breaks after a slash", "见 www.js.gov.cn/app 页面", 16, []string{"见 www.js.gov.cn/", "app 页面"}},
		{"emoji break as ideographs do", "门票🎫🎫🎫🎫", 4, []string{"门票🎫🎫", "🎫🎫"}},
		{"an emoji keeps its skin tone", "👍🏽👍🏽", 3, []string{"👍🏽", "👍🏽"}},
		{"a flag is never split", "🇨🇳🇯🇵🇰🇷", 3, []string{"🇨🇳", "🇯🇵", "🇰🇷"}},
		{"a cut word keeps its accents", "e\u0301e\u0301e\u0301e\u0301", 3, []string{"e\u0301", "e\u0301", "e\u0301", "e\u0301"}},
		{"Korean breaks only at spaces", "표 환불되었습니다", 4, []string{"표", "환불되었", "습니다"}},
		{"a Korean particle stays with its Latin word", "App에서 확인", 6, []string{"App에서", "확인"}},
		{"a range of numbers stays whole", "开放 8:30–17:00", 10, []string{"开放", "8:30–17:00"}},
	})
}

// breakCase is a text, the width it is broken for (one unit a rune) and
// the lines it should break into.
type breakCase struct {
	name  string
	text  string
	width float32
	want  []string
}

// checkBreaks breaks each case's text and compares the lines.
func checkBreaks(t *testing.T, cases []breakCase) {
	t.Helper()
	for _, c := range cases {
		if got := breakLines(c.text, c.width, runeWidth); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: %q → %q, want %q", c.name, c.text, got, c.want)
		}
	}
}

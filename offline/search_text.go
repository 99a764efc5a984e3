package offline

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Search text is cut into units: a CJK character, a pinyin syllable or a
// word of letters and digits. A key is the units of a name part joined
// with nothing between them, lower-case and without accents or tone marks,
// so that "Zhuō Zhèng Yuán", "zhuozhengyuan" and "zhuo zheng yuan" agree.

// Token caps: an index term is at most this many characters long; a longer
// query is looked up by its first characters and checked in full.
const (
	capCJK   = 6
	capLatin = 16
)

// isCJK reports whether r is written one character per unit.
func isCJK(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}

// isPartSeparator reports whether r separates the parts of a name, such
// as the areas listed in brackets after a scenic area's name.
func isPartSeparator(r rune) bool {
	return strings.ContainsRune("()（）、,，:：·・-–—/;；《》【】[]|\"“”", r)
}

// foldRune lower-cases r and maps ü to v, as pinyin input does; accents
// are removed by fold.
func foldRune(r rune) rune {
	switch r {
	case 'ü', 'Ü', 'ǖ', 'ǘ', 'ǚ', 'ǜ':
		return 'v'
	}
	return unicode.ToLower(r)
}

// fold lower-cases s and strips accents and tone marks.
func fold(s string) string {
	if isASCII(s) {
		return strings.ToLower(s)
	}
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.Map(foldRune, s)) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return norm.NFC.String(b.String())
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// formUnits cuts s as written: each CJK character is a unit, and so is
// each run of letters and digits.
func formUnits(s string) []string {
	var out []string
	word := -1
	s = fold(s)
	for i, r := range s {
		switch {
		case isCJK(r):
			if word >= 0 {
				out, word = append(out, s[word:i]), -1
			}
			out = append(out, string(r))
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if word < 0 {
				word = i
			}
		default:
			if word >= 0 {
				out, word = append(out, s[word:i]), -1
			}
		}
	}
	if word >= 0 {
		out = append(out, s[word:])
	}
	return out
}

// syllable is a unit of pinyin: a hanzi's reading (han) or a unit that
// was not a hanzi, kept as written.
type syllable struct {
	text string
	han  bool
}

// pinyinSyllables cuts s into syllables: each hanzi becomes its reading in
// context (hanzi the table lacks are dropped), other units stay as they are.
func pinyinSyllables(s string) []syllable {
	t := pinyin()
	units := formUnits(s)
	out := make([]syllable, 0, len(units))
	var run []rune
	flush := func() {
		for _, syl := range t.Syllables(run) {
			if syl != "" {
				out = append(out, syllable{syl, true})
			}
		}
		run = run[:0]
	}
	for _, u := range units {
		r, _ := utf8.DecodeRuneInString(u)
		if unicode.Is(unicode.Han, r) {
			run = append(run, r)
			continue
		}
		flush()
		out = append(out, syllable{u, false})
	}
	flush()
	return out
}

// pinyinUnits is the text of each of s's syllables.
func pinyinUnits(s string) []string {
	syl := pinyinSyllables(s)
	out := make([]string, len(syl))
	for i, y := range syl {
		out[i] = y.text
	}
	return out
}

// initials are the first letters of the syllables of hanzi; a unit that
// was not a hanzi (a word, a number) is kept whole.
func initials(s string) []string {
	syl := pinyinSyllables(s)
	out := make([]string, len(syl))
	for i, y := range syl {
		out[i] = y.text
		if y.han {
			out[i] = y.text[:1]
		}
	}
	return out
}

// hasHan reports whether s has a Chinese character.
func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// queryKey is the key of what the user typed: its units joined.
func queryKey(q string) string { return strings.Join(formUnits(q), "") }

// capKey cuts a key to the length of an index term.
func capKey(k string) string {
	r, _ := utf8.DecodeRuneInString(k)
	limit := capLatin
	if isCJK(r) {
		limit = capCJK
	}
	n := 0
	for i := range k {
		if n == limit {
			return k[:i]
		}
		n++
	}
	return k
}

// splitParts cuts a name at the separators of its parts; a hyphen
// between two letters ("Yat-sen") joins a word rather than separating.
func splitParts(s string) []string {
	r := []rune(s)
	var out []string
	start := 0
	for i, c := range r {
		if !isPartSeparator(c) || (c == '-' && i > 0 && i+1 < len(r) && isLatinLetter(r[i-1]) && isLatinLetter(r[i+1])) {
			continue
		}
		if i > start {
			out = append(out, string(r[start:i]))
		}
		start = i + 1
	}
	if start < len(r) {
		out = append(out, string(r[start:]))
	}
	return out
}

func isLatinLetter(r rune) bool { return unicode.IsLetter(r) && !isCJK(r) }

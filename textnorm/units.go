// Package textnorm cuts and folds text the way the app's search matches
// it, and writes Chinese in toneless pinyin and pinyin initials.
//
// Text is cut into units: a CJK character, or a word of letters and
// digits. A key is the units of a text joined with nothing between them,
// lower-case and without accents or tone marks, so that "Zhuō Zhèng
// Yuán", "zhuozhengyuan" and "zhuo zheng yuan" agree. A name is cut into
// parts at the separators that list what it holds (the areas in brackets
// after a scenic area's name).
//
// The pinyin comes from placename's shared table, so that a station is
// found by the same pinyin its English name is written in. The package
// keeps no state and imports nothing of Fyne.
package textnorm

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// IsCJK reports whether r is written one character per unit (Chinese,
// kana, Hangul).
func IsCJK(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}

// isPartSeparator reports whether r separates the parts of a name, such
// as the areas listed in brackets after a scenic area's name.
func isPartSeparator(r rune) bool {
	return strings.ContainsRune("()（）、,，:：·・-–—/;；《》【】[]|\"“”", r)
}

// foldRune lower-cases r and maps ü to v, as pinyin input does; accents
// are removed by Fold.
func foldRune(r rune) rune {
	switch r {
	case 'ü', 'Ü', 'ǖ', 'ǘ', 'ǚ', 'ǜ':
		return 'v'
	}
	return unicode.ToLower(r)
}

// Fold lower-cases s and strips accents and tone marks; ü becomes v.
func Fold(s string) string {
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

// Units cuts s as written, folded: each CJK character is a unit, and so
// is each run of letters and digits; everything else separates them.
func Units(s string) []string {
	var out []string
	word := -1
	s = Fold(s)
	for i, r := range s {
		switch {
		case IsCJK(r):
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

// Key is the key of s, as a query or a name is matched: its units
// joined ("Xīn jiē kǒu" → "xinjiekou"); "" when s has none.
func Key(s string) string { return strings.Join(Units(s), "") }

// SplitParts cuts a name at the separators of its parts; a hyphen
// between two letters ("Yat-sen") joins a word rather than separating.
func SplitParts(s string) []string {
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

func isLatinLetter(r rune) bool { return unicode.IsLetter(r) && !IsCJK(r) }

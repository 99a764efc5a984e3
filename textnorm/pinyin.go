package textnorm

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"jiangsupass/placename"
)

// syllable is a unit of pinyin: a hanzi's reading (han) or a unit that
// was not a hanzi, kept as written.
type syllable struct {
	text string
	han  bool
}

// pinyinSyllables cuts s into syllables: each hanzi becomes its reading in
// context (hanzi the table lacks are dropped), other units stay as they
// are. The table is placename's: assets/pinyin with the place-name
// readings placename corrects.
func pinyinSyllables(s string) []syllable {
	t := placename.Pinyin()
	units := Units(s)
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

// PinyinUnits are the units of s with each hanzi replaced by its toneless
// reading in context: 银行 → ["yin" "hang"], S1号线 → ["s1" "hao" "xian"].
func PinyinUnits(s string) []string {
	syl := pinyinSyllables(s)
	out := make([]string, len(syl))
	for i, y := range syl {
		out[i] = y.text
	}
	return out
}

// InitialUnits are the first letters of the syllables of s's hanzi; a
// unit that was not a hanzi (a word, a number) is kept whole.
func InitialUnits(s string) []string {
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

// Pinyin returns the toneless pinyin of s, syllables separated by spaces;
// characters that are not hanzi are kept, hanzi the table lacks dropped.
func Pinyin(s string) string { return strings.Join(PinyinUnits(s), " ") }

// Initials returns the first letters of the pinyin syllables of s's
// hanzi, joined, as search matches them: 新街口 → "xjk". Words that are
// not hanzi are kept whole.
func Initials(s string) string { return strings.Join(InitialUnits(s), "") }

// HasHan reports whether s has a Chinese character.
func HasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

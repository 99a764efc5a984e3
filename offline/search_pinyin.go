package offline

import (
	"strings"

	"jiangsupass/placename"
)

// pinyin returns the shared hanzi→pinyin table: assets/pinyin with the
// place-name readings placename corrects, so that a station is found by
// the same pinyin its English name is written in.
func pinyin() *placename.Table { return placename.Pinyin() }

// Pinyin returns the toneless pinyin of s, syllables separated by spaces;
// characters that are not hanzi are kept, hanzi the table lacks dropped.
func Pinyin(s string) string {
	var b strings.Builder
	for _, u := range pinyinUnits(s) {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(u)
	}
	return b.String()
}

// Initials returns the first letters of the pinyin syllables of s's
// hanzi, joined, as search matches them: 新街口 → "xjk". Words that are
// not hanzi are kept whole.
func Initials(s string) string { return strings.Join(initials(s), "") }

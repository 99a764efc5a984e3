package offline

import (
	"strings"
	"sync"
	"unicode/utf8"

	"jiangsupass/assets"
)

// pinyinTable is the hanzi→pinyin table of assets/pinyin, loaded once.
type pinyinTable struct {
	readings  map[rune]string
	phrases   map[string][]string // word → one syllable per character
	maxPhrase int                 // the longest word, in characters
}

var (
	pinyinOnce sync.Once
	pinyinData *pinyinTable
)

// pinyin returns the shared table.
func pinyin() *pinyinTable {
	pinyinOnce.Do(func() { pinyinData = parsePinyin(assets.PinyinReadings, assets.PinyinPhrases) })
	return pinyinData
}

// parsePinyin reads the two files of assets/pinyin; lines it cannot read
// are skipped.
func parsePinyin(readings, phrases string) *pinyinTable {
	t := &pinyinTable{readings: make(map[rune]string, 21000), phrases: map[string][]string{}}
	for _, line := range strings.Split(readings, "\n") {
		syl, chars, ok := strings.Cut(line, "\t")
		if !ok || syl == "" {
			continue
		}
		for _, r := range chars {
			t.readings[r] = syl
		}
	}
	for _, line := range strings.Split(phrases, "\n") {
		word, syls, ok := strings.Cut(line, "\t")
		f := strings.Fields(syls)
		if !ok || len(f) != utf8.RuneCountInString(word) {
			continue
		}
		t.phrases[word] = f
		t.maxPhrase = max(t.maxPhrase, len(f))
	}
	return t
}

// syllables gives the reading of each character of a run of hanzi,
// preferring the reading of a known word (longest first) over the
// characters' default readings; "" for a character the table lacks.
func (t *pinyinTable) syllables(run []rune) []string {
	out := make([]string, 0, len(run))
	for i := 0; i < len(run); {
		n := 0
		for l := min(t.maxPhrase, len(run)-i); l >= 2; l-- {
			if p, ok := t.phrases[string(run[i:i+l])]; ok {
				out = append(out, p...)
				n = l
				break
			}
		}
		if n == 0 {
			out = append(out, t.readings[run[i]])
			n = 1
		}
		i += n
	}
	return out
}

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

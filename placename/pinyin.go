package placename

import (
	"strings"
	"sync"
	"unicode/utf8"

	"jiangsupass/assets"
)

// Table is a hanzi→pinyin table: each character's default toneless
// reading, and the words whose reading in context differs.
type Table struct {
	readings  map[rune]string
	phrases   map[string][]string // word → one syllable per character
	maxPhrase int                 // the longest word, in characters
}

// pinyinTable is the shared table, read once.
var pinyinTable = sync.OnceValue(func() *Table {
	t := ParseTable(assets.PinyinReadings, assets.PinyinPhrases)
	for word, syl := range tables().readings {
		t.addPhrase(word, syl)
	}
	return t
})

// Pinyin is the shared table: assets/pinyin, with the readings of place
// names that placename_overrides.csv corrects (梦都 mengdu, 小行 xiaohang).
func Pinyin() *Table { return pinyinTable() }

// ParseTable reads the two files of assets/pinyin: readings
// ("zhong<TAB>中钟…") and phrases ("银行<TAB>yin hang"). Lines it cannot
// read are skipped, as are phrases without one syllable per character.
func ParseTable(readings, phrases string) *Table {
	t := &Table{readings: make(map[rune]string, 21000), phrases: map[string][]string{}}
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
		if ok {
			t.addPhrase(word, strings.Fields(syls))
		}
	}
	return t
}

// addPhrase adds a word's reading when it has one syllable per
// character; a word of one character changes that character's reading.
func (t *Table) addPhrase(word string, syl []string) {
	if len(syl) == 0 || len(syl) != utf8.RuneCountInString(word) {
		return
	}
	if len(syl) == 1 {
		r, _ := utf8.DecodeRuneInString(word)
		t.readings[r] = syl[0]
		return
	}
	t.phrases[word] = syl
	t.maxPhrase = max(t.maxPhrase, len(syl))
}

// Reading is a character's default reading, "" when the table lacks it.
func (t *Table) Reading(r rune) string { return t.readings[r] }

// Phrases calls f with each word of the table and its syllables.
func (t *Table) Phrases(f func(word string, syllables []string)) {
	for w, s := range t.phrases {
		f(w, s)
	}
}

// Syllables gives the reading of each character of a run of hanzi,
// preferring the reading of a known word (longest first) over the
// characters' default readings; "" for a character the table lacks.
func (t *Table) Syllables(run []rune) []string {
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

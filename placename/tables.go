package placename

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io/fs"
	"strings"
	"sync"
	"unicode/utf8"

	"jiangsupass/assets"
)

// The data files of the package, in assets/data (described in
// assets/data/CONTENT.md).
const (
	FileOverrides = "placename_overrides.csv"
	FileChars     = "placename_chars.csv"
)

// nameTables are the overrides and character tables, read once.
type nameTables struct {
	readings map[string][]string // word → pinyin syllables, where the shared table reads it wrongly
	english  map[string]string   // name or part of a name → its English
	cities   map[string]bool     // keys of english that are a word of their own at the start of a name
	maxWord  int                 // the longest key of english, in characters
	hant     map[rune]rune       // simplified → traditional
	kanji    map[rune]rune       // simplified → Japanese (shinjitai)
}

// tables are the shared tables. The files are part of the build, and a
// test holds them free of errors, so a row that cannot be read is left out
// here rather than stopping the app.
var tables = sync.OnceValue(func() *nameTables {
	t, _ := loadTables(assets.Data)
	return t
})

// loadTables reads the two files, keeping every row it can read, and
// reports the rows it could not.
func loadTables(fsys fs.FS) (*nameTables, error) {
	t := &nameTables{readings: map[string][]string{}, english: map[string]string{},
		cities: map[string]bool{}, hant: map[rune]rune{}, kanji: map[rune]rune{}}
	var bad []string
	for _, r := range readRows(fsys, FileOverrides, []string{"name", "field", "value", "note"}, &bad) {
		name, field, value := r[0], r[1], r[2]
		switch {
		case name == "" || value == "":
			bad = append(bad, fmt.Sprintf("%s: %q: empty name or value", FileOverrides, name))
		case field == "pinyin" && len(strings.Fields(value)) == utf8.RuneCountInString(name):
			t.readings[name] = strings.Fields(value)
		case field == "en" || field == "city":
			t.english[name] = value
			t.cities[name] = field == "city"
			t.maxWord = max(t.maxWord, utf8.RuneCountInString(name))
		default:
			bad = append(bad, fmt.Sprintf("%s: %q: field %q with value %q", FileOverrides, name, field, value))
		}
	}
	for _, r := range readRows(fsys, FileChars, []string{"simplified", "traditional", "japanese"}, &bad) {
		s, hant, ja := []rune(r[0]), []rune(r[1]), []rune(r[2])
		if len(s) != 1 || len(hant) != 1 || len(ja) != 1 {
			bad = append(bad, fmt.Sprintf("%s: %q: one character per column", FileChars, r))
			continue
		}
		t.hant[s[0]], t.kanji[s[0]] = hant[0], ja[0]
	}
	if len(bad) > 0 {
		return t, fmt.Errorf("place-name tables: %s", strings.Join(bad, "; "))
	}
	return t, nil
}

// readRows reads a CSV file of assets/data with the given header, noting
// what it cannot read in bad.
func readRows(fsys fs.FS, file string, header []string, bad *[]string) [][]string {
	b, err := fs.ReadFile(fsys, "data/"+file)
	if err != nil {
		*bad = append(*bad, err.Error())
		return nil
	}
	r := csv.NewReader(bytes.NewReader(b))
	r.FieldsPerRecord = len(header)
	rows, err := r.ReadAll()
	if err != nil {
		*bad = append(*bad, fmt.Sprintf("%s: %v", file, err))
		return nil
	}
	if len(rows) == 0 || strings.Join(rows[0], ",") != strings.Join(header, ",") {
		*bad = append(*bad, fmt.Sprintf("%s: the header is not %s", file, strings.Join(header, ",")))
		return nil
	}
	return rows[1:]
}

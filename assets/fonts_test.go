package assets

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/BurntSushi/toml"
	"github.com/go-text/typesetting/font"
)

// fontFamily is the family name of the bundled fonts, as fonts/README.md
// states it.
const fontFamily = "Noto Sans CJK SC"

// rebuildHint tells the reader of a failure how to fix it.
const rebuildHint = "rerun tools/font/build.sh to add them to the bundled fonts; " +
	"a character that Noto Sans CJK SC itself lacks, such as ✗, cannot be added: use another"

// bundledFonts names the embedded fonts for the tests.
var bundledFonts = []struct {
	name   string
	data   []byte
	weight font.Weight
}{
	{"FontRegular", FontRegular, font.WeightNormal},
	{"FontBold", FontBold, font.WeightBold},
}

func parseFont(tb testing.TB, data []byte) *font.Face {
	tb.Helper()
	face, err := font.ParseTTF(bytes.NewReader(data))
	if err != nil {
		tb.Fatalf("parsing the font: %v", err)
	}
	return face
}

func TestFontsParseWithFamilyFromReadme(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("fonts", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(readme), fmt.Sprintf("Family name: %q", fontFamily)) {
		t.Errorf("fonts/README.md does not state the family name %q", fontFamily)
	}
	for _, f := range bundledFonts {
		face := parseFont(t, f.data)
		desc := face.Describe()
		if desc.Family != fontFamily {
			t.Errorf("%s: family %q, want %q", f.name, desc.Family, fontFamily)
		}
		if desc.Aspect.Weight != f.weight {
			t.Errorf("%s: weight %v, want %v", f.name, desc.Aspect.Weight, f.weight)
		}
		// A sample of every script the app shows.
		for _, r := range "江苏通 Jiangsu Pass 拙政园 蘇州 ひらがな カタカナ 한국어 zhuōzhèngyuán ǖǘǚǜü ①★✓ ¥€℃" {
			if unicode.IsSpace(r) {
				continue
			}
			if _, ok := face.NominalGlyph(r); !ok {
				t.Errorf("%s: no glyph for %q (U+%04X)", f.name, r, r)
			}
		}
	}
}

func TestFontLicence(t *testing.T) {
	if !bytes.Contains(FontLicence, []byte("SIL OPEN FONT LICENSE Version 1.1")) {
		t.Error("FontLicence does not hold the SIL Open Font License 1.1")
	}
	if !bytes.Contains(FontLicence, []byte("Adobe")) {
		t.Error("FontLicence does not hold the copyright notice")
	}
}

// runeSources maps each character that must render to the first file it was
// found in.
type runeSources map[rune]string

// add records the characters of text found in file, except control and
// white-space characters, which have no glyph.
func (s runeSources) add(file, text string) {
	for _, r := range text {
		if unicode.IsControl(r) || unicode.IsSpace(r) || r == unicode.ReplacementChar {
			continue
		}
		if _, seen := s[r]; !seen {
			s[r] = file
		}
	}
}

// nonTranslatedKeys are the go-i18n message fields that users never see.
var nonTranslatedKeys = map[string]bool{
	"id": true, "description": true, "hash": true,
	"leftdelim": true, "rightdelim": true,
}

// addMessages records every translated string of a decoded go-i18n message
// file: plain values and the plural forms of message tables, at any depth.
func (s runeSources) addMessages(file string, value any) {
	switch v := value.(type) {
	case string:
		s.add(file, v)
	case map[string]any:
		for key, field := range v {
			if _, isString := field.(string); isString && nonTranslatedKeys[strings.ToLower(key)] {
				continue
			}
			s.addMessages(file, field)
		}
	case []any:
		for _, item := range v {
			s.addMessages(file, item)
		}
	case []map[string]any:
		for _, item := range v {
			s.addMessages(file, item)
		}
	}
}

func translationRunes(t *testing.T, runes runeSources) {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "translations", "*.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Log("translations/ has no *.toml files yet: no translated strings to check")
		return
	}
	for _, file := range files {
		var messages map[string]any
		if _, err := toml.DecodeFile(file, &messages); err != nil {
			t.Fatalf("reading %s: %v", file, err)
		}
		runes.addMessages("translations/"+filepath.Base(file), messages)
	}
	t.Logf("checked %d translation files", len(files))
}

// dataTextExtensions are the text files of the seed data whose characters
// the app may show.
var dataTextExtensions = map[string]bool{
	".csv": true, ".json": true, ".geojson": true, ".md": true, ".txt": true,
}

func dataRunes(t *testing.T, runes runeSources) {
	t.Helper()
	count := 0
	err := fs.WalkDir(Data, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !dataTextExtensions[strings.ToLower(path.Ext(name))] {
			return err
		}
		content, err := Data.ReadFile(name)
		if err != nil {
			return err
		}
		runes.add("assets/"+name, string(content))
		count++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if count == 0 {
		t.Fatal("found no text files in the embedded Data")
	}
	t.Logf("checked %d data files", count)
}

// TestFontsCoverContent checks that the bundled fonts have a glyph for every
// character of the translations and of the shipped data.
func TestFontsCoverContent(t *testing.T) {
	runes := runeSources{}
	translationRunes(t, runes)
	dataRunes(t, runes)
	t.Logf("%d distinct characters to cover", len(runes))

	for _, f := range bundledFonts {
		face := parseFont(t, f.data)
		var missing []rune
		for r := range runes {
			if _, ok := face.NominalGlyph(r); !ok {
				missing = append(missing, r)
			}
		}
		if len(missing) == 0 {
			continue
		}
		sort.Slice(missing, func(i, j int) bool { return missing[i] < missing[j] })
		const maxListed = 50
		var list strings.Builder
		for i, r := range missing {
			if i == maxListed {
				fmt.Fprintf(&list, "\n\t... and %d more", len(missing)-maxListed)
				break
			}
			fmt.Fprintf(&list, "\n\tU+%04X %q from %s", r, r, runes[r])
		}
		t.Errorf("%s has no glyph for %d characters (%s):%s", f.name, len(missing), rebuildHint, list.String())
	}
}

// BenchmarkParseFont measures parsing the regular font, which the app does
// at start-up.
func BenchmarkParseFont(b *testing.B) {
	for b.Loop() {
		if _, err := font.ParseTTF(bytes.NewReader(FontRegular)); err != nil {
			b.Fatal(err)
		}
	}
}

package placename

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"testing"

	"github.com/go-text/typesetting/font"

	"jiangsupass/assets"
	"jiangsupass/assets/seed"
)

// TestFontCoversNames: the bundled font has a glyph for every character
// of every name this package writes for the shipped stations, hubs and
// lines (駅, 空港 and 호선 come from the rule, not from the data files, so
// the font's own test does not see them).
func TestFontCoversNames(t *testing.T) {
	face, err := font.ParseTTF(bytes.NewReader(assets.FontRegular))
	if err != nil {
		t.Fatal(err)
	}
	var all []Names
	stations, _ := assets.Data.ReadFile("data/" + seed.FileStations)
	rows, err := csv.NewReader(bytes.NewReader(stations)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows[1:] {
		all = append(all, Station(r[2]))
	}
	hubs, _ := assets.Data.ReadFile("data/" + seed.FileHubs)
	if rows, err = csv.NewReader(bytes.NewReader(hubs)).ReadAll(); err != nil {
		t.Fatal(err)
	}
	for _, r := range rows[1:] {
		all = append(all, Hub(r[0], r[1]))
	}
	var lines struct {
		Lines []struct{ Line string } `json:"lines"`
	}
	b, _ := assets.Data.ReadFile("data/" + seed.FileLines)
	if err := json.Unmarshal(b, &lines); err != nil {
		t.Fatal(err)
	}
	for _, l := range lines.Lines {
		all = append(all, Line(l.Line))
	}
	if len(all) < 700 {
		t.Fatalf("read %d names", len(all))
	}
	missing := map[rune]string{}
	for _, n := range all {
		for _, s := range n {
			for _, r := range s {
				if _, ok := face.NominalGlyph(r); !ok {
					missing[r] = s
				}
			}
		}
	}
	for r, s := range missing {
		t.Errorf("no glyph for %q (in %q)", r, s)
	}
}

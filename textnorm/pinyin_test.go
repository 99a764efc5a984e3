package textnorm

import (
	"io/fs"
	"testing"
	"unicode"

	"jiangsupass/assets"
	"jiangsupass/placename"
)

// TestPinyin converts with the committed table, including words whose
// reading differs from their characters' default readings.
func TestPinyin(t *testing.T) {
	for in, want := range map[string]string{
		"拙政园":  "zhuo zheng yuan",
		"银行网点": "yin hang wang dian",
		"S1号线": "s1 hao xian",
		"中山陵":  "zhong shan ling",
		"绿":    "lv",
	} {
		if got := Pinyin(in); got != want {
			t.Errorf("Pinyin(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestPinyinCoversShippedData finds a reading for every Chinese character
// of the shipped data and of the names the generated catalogue and halls
// add to it.
func TestPinyinCoversShippedData(t *testing.T) {
	t.Parallel()
	texts := []string{"情形省级市级县级政务服务中心周一至周五"}
	err := fs.WalkDir(assets.Data, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(assets.Data, p)
		texts = append(texts, string(b))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	missing := map[rune]bool{}
	for _, s := range texts {
		for _, r := range s {
			if unicode.Is(unicode.Han, r) && placename.Pinyin().Reading(r) == "" {
				missing[r] = true
			}
		}
	}
	if len(missing) > 0 {
		t.Errorf("%d characters have no reading: %v", len(missing), missing)
	}
}

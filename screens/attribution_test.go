package screens

import (
	"strings"
	"testing"
)

// TestAttractionNamesItsSourceInWords: an attraction's page says where its
// data came from by the source's name, date and licence, in the reader's
// language, and shows no repository reference ("owner/name@commit").
func TestAttractionNamesItsSourceInWords(t *testing.T) {
	for _, lang := range []string{"en", "zh-Hans", "ja"} {
		env, _ := testEnv(t, lang)
		o := buildAttraction(env, Route{Screen: AttractionID, Param: "5a-002"})
		w := show(t, o)
		capture(t, w, "attraction-source-"+lang)
		for _, text := range labelTexts(o) {
			if strings.Contains(text, "@") || strings.Contains(text, "HelloWorldFFC") {
				t.Errorf("%s: the page shows %q", lang, text)
			}
		}
		want := env.L.Tf("AttractionSourceNamed", map[string]any{"What": env.T("AttrScenic"), "Name": "pursuitPro",
			"AsOf": "2021-01", "Licence": "MIT"})
		if !showsText(o, want) {
			t.Errorf("%s: no %q", lang, want)
		}
		if missing := env.L.Missing(); len(missing) > 0 {
			t.Errorf("%s: untranslated: %v", lang, missing)
		}
	}
}

// TestSourceAttribution: a known source by name; an unknown one quoted,
// unless it is a repository reference.
func TestSourceAttribution(t *testing.T) {
	env, _ := testEnv(t, "en")
	for _, c := range []struct{ source, want string }{
		{"HelloWorldFFC/pursuitPro@0c86cc0 pagesScan/js/jsondata.js (MIT)",
			"Source: 5A scenic area list and addresses, pursuitPro open data as of 2021-01 (MIT licence)"},
		{"someone/repo@abcdef1 data.csv", "Source: the open data listed in About"},
		{"", "Source: the open data listed in About"},
		{"江苏省文化和旅游厅", "Source: 江苏省文化和旅游厅"},
	} {
		if got := sourceAttribution(env, c.source); got != c.want {
			t.Errorf("%q: %q, want %q", c.source, got, c.want)
		}
	}
}

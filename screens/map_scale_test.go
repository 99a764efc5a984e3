package screens

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/canvas"
)

// TestScaleBarSpeaksTheLanguage: the map's scale bar writes its distance
// as the rest of the app writes distances, in each language.
func TestScaleBarSpeaksTheLanguage(t *testing.T) {
	for lang, units := range map[string][]string{"zh-Hans": {" 米", " 公里"}, "zh-Hant": {" 公尺", " 公里"}, "en": {" m", " km"}} {
		env, _ := testEnv(t, lang)
		w := show(t, buildMap(env, Route{Screen: MapID, Param: "nanjing"}))
		found := ""
		for _, txt := range find[*canvas.Text](w.Content()) {
			for _, u := range units {
				if strings.HasSuffix(txt.Text, u) && strings.ContainsAny(txt.Text[:1], "0123456789") {
					found = txt.Text
				}
			}
		}
		if found == "" {
			t.Errorf("%s: no scale bar in %q or %q on the map", lang, units[0], units[1])
		}
	}
}

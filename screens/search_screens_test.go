package screens

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"jiangsupass/screens/widgets"
)

// TestSearchOffersTheAppsOwnScreens: searching 社保 (or the card's name in
// any language, its pinyin or initials) offers the app's 电子社保卡 screen
// first, in an "In this app" section above the data, and tapping it opens
// the card; the other screens are found the same way.
func TestSearchOffersTheAppsOwnScreens(t *testing.T) {
	for _, c := range []struct {
		lang, query string
		want        ID
	}{
		{"zh-Hans", "社保", CardID},
		{"zh-Hans", "shebao", CardID},
		{"zh-Hans", "sbk", CardID},
		{"en", "social security", CardID},
		{"en", "社保", CardID},
		{"zh-Hant", "社保卡", CardID},
		{"ja", "社会保障", CardID},
		{"ko", "사회보장", CardID},
		{"zh-Hans", "苏服码", ServiceCodeID},
		{"en", "sfm", ServiceCodeID},
		{"zh-Hans", "预约", HallsID},
		{"ja", "予約", HallsID},
		{"ko", "예약", HallsID},
		{"zh-Hans", "12345", HotlineID},
		{"en", "transport", TransportID},
		{"zh-Hans", "jiaotong", TransportID},
		{"zh-Hans", "地图", MapID},
	} {
		t.Run(c.lang+"/"+c.query, func(t *testing.T) {
			env, nav := testEnv(t, c.lang)
			o := buildSearch(env, Route{Screen: SearchID, Param: c.query})
			w := show(t, o)
			if c.query == "社保" && c.lang == "zh-Hans" {
				capture(t, w, "search-app-screens")
			}
			if !showsText(o, env.T("SearchInApp")) {
				t.Fatalf("no %q section; the screen shows %q", env.T("SearchInApp"), labelTexts(o))
			}
			want, _ := Lookup(c.want)
			// The section's tiles come first, one per screen offered.
			offered := len(appScreensFor(env, c.query))
			tiles := find[*widgets.Tile](o)
			var tile *widgets.Tile
			for _, tl := range tiles[:offered] {
				if strings.HasPrefix(tl.AccessibilityLabel(), env.T(want.Title)) {
					tile = tl
					break
				}
			}
			if tile == nil {
				t.Fatalf("%q does not offer %q", c.query, env.T(want.Title))
			}
			if c.want == CardID && tile != tiles[0] {
				t.Errorf("%q offers the card, but not first", c.query)
			}
			test.Tap(tile)
			if r := nav.last(); r != (Route{Screen: c.want}) {
				t.Errorf("the tile opened %+v, want %s", r, c.want)
			}
			if missing := env.L.Missing(); len(missing) > 0 {
				t.Errorf("untranslated: %v", missing)
			}
		})
	}
}

// TestSearchOffersNoScreenForOneLetter: one Latin letter matches too many
// names to offer screens by.
func TestSearchOffersNoScreenForOneLetter(t *testing.T) {
	env, _ := testEnv(t, "en")
	if got := appScreensFor(env, "s"); len(got) != 0 {
		t.Errorf("s offers %d screens", len(got))
	}
}

package screens

import (
	"context"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"jiangsupass/screens/widgets"
)

// pickerWindow opens the planner's place picker for "to" in lang, in a
// phone-sized test window that the env knows, as the app's shell does:
// the screen is shown, then its load ends (as env.Load does in the app,
// off the UI goroutine).
func pickerWindow(t *testing.T, lang string) (fyne.Window, fyne.CanvasObject, *recordingNav) {
	t.Helper()
	env, nav := testEnv(t, lang)
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(390, 844))
	env.Window = w
	var loaded []func()
	env.Load = func(work func(context.Context), apply func()) {
		work(context.Background())
		loaded = append(loaded, apply)
	}
	o := buildPicker(env, Route{Screen: PickerID, Param: "field=to&from=station:nj-12&at=09:00"})
	w.SetContent(o)
	for _, apply := range loaded {
		apply()
	}
	return w, o, nav
}

// typeKeys types as a user does at the keyboard: into what has the focus.
func typeKeys(t *testing.T, w fyne.Window, s string) {
	t.Helper()
	f := w.Canvas().Focused()
	if f == nil {
		t.Fatalf("typing %q: nothing has the focus, the keys are lost", s)
	}
	test.Type(f, s)
}

// TestPickerFindsStationsByEnglishName replays issue 17: a visitor types
// "Nanjing South" into the planner's picker with the app in English,
// Japanese or Korean, finds 南京南站 under its name in that language, and
// choosing it plans the journey there.
func TestPickerFindsStationsByEnglishName(t *testing.T) {
	for _, tc := range []struct{ lang, hub, station string }{
		{"en", "Nanjing South Railway Station", "Nanjing South Railway Station"},
		{"ja", "南京南駅", "南京南駅"},
		{"ko", "Nanjing South Railway Station (南京南站)", "Nanjing South Railway Station (南京南站)"},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			w, o, nav := pickerWindow(t, tc.lang)
			typeKeys(t, w, "Nanjing South")
			texts := labelTexts(o)
			if n := strings.Count(strings.Join(texts, "\n"), tc.station); n < 2 {
				t.Fatalf("typing Nanjing South lists %q; want the railway station and the metro station %q", texts, tc.station)
			}
			find[*widget.List](o)[0].Select(0)
			if r := nav.last(); r.Screen != PlannerID || !strings.Contains(r.Param, "to=hub:南京南&") {
				t.Errorf("choosing the first place goes to %+v", r)
			}
		})
	}
}

// TestPickerTakesFocusAndInitials: the picker has the focus when it
// opens, so the first keys typed are not lost, and pinyin initials find a
// station (xjk → 新街口), whose lines read "Line 1 Line 2" in English.
func TestPickerTakesFocusAndInitials(t *testing.T) {
	w, o, _ := pickerWindow(t, "en")
	entry := find[*widgets.Entry](o)[0]
	if w.Canvas().Focused() != entry {
		t.Fatalf("the focus is on %v, not on the picker's search", w.Canvas().Focused())
	}
	typeKeys(t, w, "xjk")
	if entry.Text != "xjk" {
		t.Fatalf("the search reads %q after typing xjk", entry.Text)
	}
	texts := labelTexts(o)
	if !slices.Contains(texts, "Xinjiekou") || !slices.Contains(texts, "Nanjing · Line 1 Line 2") {
		t.Errorf("xjk lists %q; want Xinjiekou, on Nanjing Line 1 and Line 2", texts)
	}
}

// TestHomeSearchFindsNanjingSouth replays issue 17 in Home search: in
// English, Japanese and Korean, "Nanjing South" finds 南京南站 (it found
// only Purple Mountain), titled in the reader's language.
func TestHomeSearchFindsNanjingSouth(t *testing.T) {
	for lang, want := range map[string]string{
		"en": "Nanjing South Railway Station",
		"ja": "南京南駅",
		"ko": "Nanjing South Railway Station (南京南站)",
	} {
		t.Run(lang, func(t *testing.T) {
			env, nav := testEnv(t, lang)
			o := buildSearch(env, Route{Screen: SearchID, Param: "Nanjing South"})
			show(t, o)
			var titles []string
			var hit *widgets.Tile
			for _, tile := range find[*widgets.Tile](o) {
				for _, l := range labelTexts(tile) {
					titles = append(titles, l)
					if l == want && hit == nil {
						hit = tile
					}
				}
			}
			if hit == nil {
				t.Fatalf("Home search for Nanjing South shows %q; want %q", titles, want)
			}
			test.Tap(hit)
			if r := nav.last(); r.Screen != StationID && r.Screen != PlannerID {
				t.Errorf("the hit opens %+v", r)
			}
		})
	}
}

// TestLineNamesInEnglish: lines read "Line 1" in English wherever a
// station's lines are listed: Home search's hit (it read "1号线 2号线") and
// the station's page; 1号线 in Chinese, 1호선 in Korean.
func TestLineNamesInEnglish(t *testing.T) {
	for _, tc := range []struct{ lang, hit, page string }{
		{"en", "Nanjing · Line 1 Line 2", "Line 1  Line 2"},
		{"zh-Hans", "南京市 · 1号线 2号线", "1号线  2号线"},
		{"ko", "난징 · 1호선 2호선", "1호선  2호선"},
	} {
		env, _ := testEnv(t, tc.lang)
		o := buildSearch(env, Route{Screen: SearchID, Param: "Xinjiekou"})
		show(t, o)
		if !showsText(o, tc.hit) {
			t.Errorf("%s: Home search for Xinjiekou shows %q; want %q", tc.lang, labelTexts(o), tc.hit)
		}
		o = buildStation(env, Route{Screen: StationID, Param: "nj-12"})
		show(t, o)
		found := false
		for _, text := range labelTexts(o) {
			found = found || strings.Contains(text, tc.page)
		}
		if !found {
			t.Errorf("%s: the station page shows %q; want the lines as %q", tc.lang, labelTexts(o), tc.page)
		}
	}
}

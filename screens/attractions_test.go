package screens

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"jiangsupass/offline"
)

// loadedList builds the attraction list and returns its state.
func loadedList(t *testing.T, lang string) *attractionList {
	t.Helper()
	env, _ := testEnv(t, lang)
	s := &attractionList{env: env}
	if err := s.load(context.Background()); err != nil {
		t.Fatal(err)
	}
	show(t, s.view())
	return s
}

func shownIDs(s *attractionList) []string {
	ids := make([]string, len(s.shown))
	for i, r := range s.shown {
		ids[i] = r.a.ID
	}
	return ids
}

// TestAttractionSearchAnyLanguage finds the Confucius Temple by its name
// in English, Chinese, Japanese and Korean, whatever the app's language.
func TestAttractionSearchAnyLanguage(t *testing.T) {
	s := loadedList(t, "en")
	if len(s.shown) != 26 {
		t.Fatalf("unfiltered list has %d attractions, want the 26 5A areas", len(s.shown))
	}
	for _, q := range []string{"confucius", "夫子庙", "夫子廟", "부자묘", "  Qinhuai  "} {
		s.query = q
		s.apply()
		ids := shownIDs(s)
		if len(ids) != 1 || ids[0] != "5a-002" {
			t.Errorf("search %q found %v, want [5a-002]", q, ids)
		}
	}
	s.query = "no such place anywhere"
	s.apply()
	if len(s.shown) != 0 || s.body.Objects[0] != s.empty {
		t.Errorf("a search with no match shows %d rows and not the empty state", len(s.shown))
	}
}

// TestAttractionFilters narrows by city, category group and grade, each
// against the rows' own fields.
func TestAttractionFilters(t *testing.T) {
	s := loadedList(t, "zh-Hans")
	s.city = "320500" // Suzhou
	s.apply()
	if len(s.shown) == 0 {
		t.Fatal("no attractions in Suzhou")
	}
	for _, r := range s.shown {
		if r.a.CityCode != "320500" {
			t.Errorf("Suzhou filter shows %s in %s", r.a.ID, r.a.CityCode)
		}
	}
	s.city, s.category = "", "garden"
	s.apply()
	if len(s.shown) == 0 {
		t.Fatal("no gardens")
	}
	for _, r := range s.shown {
		if categoryGroup(r.a.Category) != "garden" {
			t.Errorf("garden filter shows %s (%s)", r.a.ID, r.a.Category)
		}
	}
	s.category, s.grade = "", "4A"
	s.apply()
	if len(s.shown) != 0 {
		t.Errorf("the seed has only 5A areas, yet 4A shows %d", len(s.shown))
	}
	s.grade, s.category = "", "entertainment"
	s.apply()
	if len(s.shown) == 0 {
		t.Error("the theme parks are not under entertainment")
	}
	s.category, s.favouritesOnly = "", true
	s.apply()
	if len(s.shown) != 0 {
		t.Errorf("no favourites yet, but %d shown", len(s.shown))
	}
	s.favourites["5a-010"] = true
	s.apply()
	if ids := shownIDs(s); len(ids) != 1 || ids[0] != "5a-010" {
		t.Errorf("favourites only shows %v", ids)
	}
}

// TestAttractionSortByDistance sorts from a configured location: nearest
// first, and the tap on a row opens its detail.
func TestAttractionSortByDistance(t *testing.T) {
	env, nav := testEnv(t, "en")
	if err := env.Store.SetSetting(context.Background(), LocationSetting, "120.6285,31.3240"); err != nil {
		t.Fatal(err) // near the Humble Administrator's Garden, Suzhou
	}
	s := &attractionList{env: env}
	if err := s.load(context.Background()); err != nil {
		t.Fatal(err)
	}
	show(t, s.view())
	s.byDistance = true
	s.apply()
	for i := 1; i < len(s.shown); i++ {
		// Rows without a known place (-1) come last.
		if prev, cur := s.shown[i-1].meters, s.shown[i].meters; (prev < 0 && cur >= 0) || (cur >= 0 && cur < prev) {
			t.Fatalf("row %d (%.0f m) before row %d (%.0f m)", i-1, s.shown[i-1].meters, i, s.shown[i].meters)
		}
	}
	if s.shown[0].a.CityCode != "320500" || s.shown[0].meters > 3000 {
		t.Errorf("nearest is %s at %.0f m", s.shown[0].a.ID, s.shown[0].meters)
	}
	s.list.Select(0)
	if r := nav.last(); r.Screen != AttractionID || r.Param != s.shown[0].a.ID {
		t.Errorf("tap on the first row went to %+v", r)
	}
}

// TestAttractionDetail shows hours as not known, no ticket prices, and a
// favourite toggle that is stored and shown again when the screen is
// rebuilt; "show on map" opens the map on the attraction.
func TestAttractionDetail(t *testing.T) {
	env, nav := testEnv(t, "en")
	r := Route{Screen: AttractionID, Param: "5a-002"}
	w := show(t, buildAttraction(env, r))
	if !showsText(w.Content(), "Not known") {
		t.Error("opening hours are not shown as not known")
	}
	checks := find[*widget.Check](w.Content())
	if len(checks) != 1 || checks[0].Checked {
		t.Fatalf("favourite checks: %d", len(checks))
	}
	test.Tap(checks[0])
	on, err := env.Store.IsFavourite(context.Background(), offline.FavouriteAttraction, "5a-002")
	if err != nil || !on {
		t.Fatalf("favourite not stored: %v %v", on, err)
	}
	w.SetContent(buildAttraction(env, r))
	if c := find[*widget.Check](w.Content()); !c[0].Checked {
		t.Error("the rebuilt screen does not show the favourite")
	}
	test.Tap(labelled(t, w.Content(), "Show on map"))
	if got := nav.last(); got.Screen != MapID || got.Param != "a:5a-002" {
		t.Errorf("show on map went to %+v", got)
	}
	w.SetContent(buildAttraction(env, Route{Screen: AttractionID, Param: "nope"}))
	if !showsText(w.Content(), "This attraction isn't here") {
		t.Error("a missing attraction shows no message")
	}
}

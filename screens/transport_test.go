package screens

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"jiangsupass/clock/clocktest"
	"jiangsupass/maps/mapview"
	"jiangsupass/offline"
	"jiangsupass/screens/widgets"
)

// TestPlannerShowsJourney plans the sample journey and finds its legs:
// line 2 to Xinjiekou, a change, line 1 to Nanjing railway station; the
// map button leads to the route on the map.
func TestPlannerShowsJourney(t *testing.T) {
	env, nav := testEnv(t, "en")
	o := buildPlanner(env, Route{Screen: PlannerID, Param: plannerSample})
	show(t, o)
	for _, want := range []string{
		"09:00 → 09:56 · 56 min · 1 change",
		"Nanjing Line 2 towards Jingtian Road",
		"Change at Xinjiekou",
		"Nanjing Line 1 towards Baguazhou Bridge South",
		"09:56  Nanjing Railway Station",
		env.T("TransportEstimated"),
	} {
		if !showsText(o, want) {
			t.Errorf("the planner does not show %q", want)
		}
	}
	test.Tap(labelled(t, o, "Show on the map"))
	if r := nav.last(); r.Screen != RouteMapID || r.Param != plannerSample+"&opt=0" {
		t.Errorf("the map button goes to %+v", r)
	}
}

// TestPlannerGetThereFromAttraction opens the planner as an attraction's
// "get there" does, with a start chosen: the journey ends with a walk to
// the attraction.
func TestPlannerGetThereFromAttraction(t *testing.T) {
	env, _ := testEnv(t, "en")
	// The Confucius Temple (夫子庙), Nanjing, from Nanjing South station.
	o := buildPlanner(env, Route{Screen: PlannerID, Param: "from=station:nj-20&to=attraction:5a-002&at=10:00"})
	show(t, o)
	openPlannerForm(t, o)
	walk := false
	for _, text := range labelTexts(o) {
		if strings.Contains(text, "Walk") && strings.Contains(text, "to Confucius") {
			walk = true
		}
	}
	if !walk {
		t.Error("no walk to the attraction at the end of the journey")
	}
	// The start and the end on their buttons, whole: on a phone a long
	// name wraps instead of losing its end.
	labelled(t, o, "Nanjing South Railway Station")
	end := false
	for _, b := range find[*widgets.WrapButton](o) {
		end = end || strings.HasPrefix(b.Source(), "Confucius Temple (Fuzimiao) and Qinhuai")
	}
	if !end {
		t.Error("the attraction's whole name is not on its button")
	}
}

// TestPlannerAsksForPlaces shows the first state: nothing chosen yet.
func TestPlannerAsksForPlaces(t *testing.T) {
	env, nav := testEnv(t, "en")
	o := buildPlanner(env, Route{Screen: PlannerID, Param: "to=attraction:5a-002"})
	show(t, o)
	if !showsText(o, env.T("PlannerStartTitle")) {
		t.Error("no invitation to choose the start")
	}
	test.Tap(labelled(t, o, env.T("PlannerChooseFrom")))
	if r := nav.last(); r.Screen != PickerID || r.Param != "field=from&to=attraction:5a-002" {
		t.Errorf("choosing the start goes to %+v", r)
	}
}

// TestPlannerRejectsBadTime types an impossible time: the planner says how
// to write it and goes nowhere.
func TestPlannerRejectsBadTime(t *testing.T) {
	env, nav := testEnv(t, "en")
	o := buildPlanner(env, Route{Screen: PlannerID, Param: plannerSample})
	show(t, o)
	openPlannerForm(t, o)
	entry := find[*widgets.Entry](o)[0]
	entry.SetText("25:99")
	test.Tap(labelled(t, o, env.T("PlannerPlan")))
	if !showsText(o, env.T("PlannerBadTime")) || len(nav.routes) != 0 {
		t.Errorf("a bad time was not refused (routes %v)", nav.routes)
	}
	entry.SetText("18:05")
	test.Tap(labelled(t, o, env.T("PlannerPlan")))
	if r := nav.last(); r.Param != "from=station:nj-32&to=station:nj-7&at=18:05" {
		t.Errorf("planning again goes to %+v", r)
	}
}

// TestPlannerUnknownPlace names a station that is not in the data.
func TestPlannerUnknownPlace(t *testing.T) {
	env, nav := testEnv(t, "en")
	o := buildPlanner(env, Route{Screen: PlannerID, Param: "from=station:nope&to=station:nj-7"})
	show(t, o)
	if !showsText(o, env.T("PlannerPlaceTitle")) {
		t.Fatal("an unknown station is not reported")
	}
	test.Tap(labelled(t, o, env.T("PlannerChooseAgain")))
	if r := nav.last(); r.Screen != PickerID || !strings.HasPrefix(r.Param, "field=from&") {
		t.Errorf("choosing again goes to %+v", r)
	}
}

// TestPickerSearchesAndChooses types pinyin into the picker and chooses
// the first match, a railway station, as the destination.
func TestPickerSearchesAndChooses(t *testing.T) {
	env, nav := testEnv(t, "en")
	o := buildPicker(env, Route{Screen: PickerID, Param: "field=to&from=station:nj-12&at=09:00"})
	show(t, o)
	list := find[*widget.List](o)[0]
	all := list.Length()
	find[*widgets.Entry](o)[0].SetText("nanjingnan")
	if n := list.Length(); n == 0 || n >= all {
		t.Fatalf("searching kept %d of %d places", n, all)
	}
	list.Select(0)
	if r := nav.last(); r.Screen != PlannerID || r.Param != "from=station:nj-12&to=hub:南京南&at=09:00" {
		t.Errorf("choosing goes to %+v", r)
	}
	find[*widgets.Entry](o)[0].SetText("zzzzzz")
	if list.Length() != 0 || !showsText(o, env.T("PickerNoneTitle")) {
		t.Error("a search with no match does not say so")
	}
}

// TestStationShowsDepartures finds Xinjiekou's estimated departures on both
// lines, both ways.
func TestStationShowsDepartures(t *testing.T) {
	env, nav, clk := testEnvClock(t, "en")
	clk.Set(clocktest.At(t, clocktest.Days(0), "09:30"))
	o := buildStation(env, Route{Screen: StationID, Param: "nj-12"})
	show(t, o)
	if !showsText(o, "Next departures after 09:30 (estimated)") {
		t.Error("no departures heading labelled estimated")
	}
	rides := 0
	for _, text := range labelTexts(o) {
		if strings.HasPrefix(text, "Nanjing Line") && strings.Contains(text, " towards ") {
			rides++
		}
	}
	if rides != 4 {
		t.Errorf("%d lines and directions at Xinjiekou, want 4", rides)
	}
	test.Tap(labelled(t, o, env.T("StationPlanTo")))
	if r := nav.last(); r.Screen != PlannerID || r.Param != "to=station:nj-12" {
		t.Errorf("planning to here goes to %+v", r)
	}
}

// TestLinesFilterByCity chooses Suzhou and finds only its lines.
func TestLinesFilterByCity(t *testing.T) {
	env, _ := testEnv(t, "en")
	o := buildTransport(env, Route{Screen: TransportID})
	show(t, o)
	list := find[*widget.List](o)[0]
	all := list.Length()
	sel := find[*widget.Select](o)[0]
	sel.SetSelected("Suzhou")
	if n := list.Length(); n != 8 || all != 32 {
		t.Errorf("%d lines in Suzhou of %d, want 8 of 32", n, all)
	}
}

// TestRouteMapDrawsJourney shows the sample journey on a map beside its
// legs.
func TestRouteMapDrawsJourney(t *testing.T) {
	env, _ := testEnv(t, "en")
	o := buildRouteMap(env, Route{Screen: RouteMapID, Param: plannerSample + "&opt=0"})
	show(t, o)
	if len(find[*mapview.Map](o)) != 1 {
		t.Error("no map")
	}
	if !showsText(o, "Nanjing Line 1 towards Baguazhou Bridge South") {
		t.Error("no legs beside the map")
	}
	if !anyLabelSuffix(o, "  Zhujiang Road") {
		t.Error("the stops passed on line 1 are not listed")
	}
	gone := buildRouteMap(env, Route{Screen: RouteMapID, Param: plannerSample + "&opt=7"})
	show(t, gone)
	if !showsText(gone, env.T("RouteMapGoneTitle")) {
		t.Error("an option that does not exist is not reported")
	}
}

// TestImportedFeeds puts the GTFS example feed and three damaged feeds
// in the feeds folder beside a store: the good feed is planned with, and
// the Transport tab names every bad one, with what is wrong with it, in
// the user's language.
func TestImportedFeeds(t *testing.T) {
	dir := t.TempDir()
	feeds := filepath.Join(dir, "gtfs")
	src := "../assets/data/gtfs-sample-feed"
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, feed := range []string{"sample", "timetable-2"} {
		if err := os.MkdirAll(filepath.Join(feeds, feed), 0o755); err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			data, err := os.ReadFile(filepath.Join(src, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			if feed == "timetable-2" && e.Name() == "stops.txt" {
				data = []byte(strings.Replace(string(data), "36.88108", "96.88108", 1))
			}
			if err := os.WriteFile(filepath.Join(feeds, feed, e.Name()), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := os.WriteFile(filepath.Join(feeds, "broken.zip"), []byte("not a zip"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(feeds, "empty"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"en", "zh-Hans"} {
		t.Run(lang, func(t *testing.T) {
			env, _ := testEnv(t, lang)
			st, _, err := offline.Open(context.Background(), filepath.Join(dir, "store-"+lang+".db"), offline.Options{Now: env.Now})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = st.Close() })
			env.Store = st
			env.Now = func() time.Time { return time.Date(2008, 6, 2, 9, 0, 0, 0, time.UTC) }
			d, err := loadTransport(context.Background(), env)
			if err != nil {
				t.Fatal(err)
			}
			if d.imported != 1 {
				t.Errorf("imported %d feeds, want 1", d.imported)
			}
			if _, ok := d.net.StopIndex("1:BEATTY_AIRPORT"); !ok {
				t.Error("the imported feed's stops are not in the network")
			}
			o := linesView(env, d)
			show(t, o)
			if !showsText(o, env.L.N("TransportFeedsLoaded", 1, nil)) {
				t.Error("the Transport tab does not say a feed was loaded")
			}
			if !showsText(o, env.L.N("TransportFeedErrors", 3, nil)) {
				t.Error("the Transport tab does not say three feeds were left out")
			}
			for _, want := range []string{
				env.L.Tf("TransportFeedNotZip", map[string]any{"Feed": "broken.zip"}),
				env.L.Tf("TransportFeedFileMissing", map[string]any{"Feed": "empty", "File": "agency.txt"}),
				env.L.Tf("TransportFeedBadLine", map[string]any{"Feed": "timetable-2", "File": "stops.txt", "Line": 4,
					"Detail": `stop_lat "96.88108" is not a number from -90 to 90`}),
			} {
				if !anyLabelContains(o, want) {
					t.Errorf("the Transport tab does not say %q; it shows %q", want, labelTexts(o))
				}
			}
		})
	}
}

// anyLabelContains reports whether a label under o holds s.
func anyLabelContains(o fyne.CanvasObject, s string) bool {
	for _, text := range labelTexts(o) {
		if strings.Contains(text, s) {
			return true
		}
	}
	return false
}

// anyLabelSuffix reports whether a label under o ends with s.
func anyLabelSuffix(o fyne.CanvasObject, s string) bool {
	for _, text := range labelTexts(o) {
		if strings.HasSuffix(text, s) {
			return true
		}
	}
	return false
}

// TestPlannerOffersParetoOptions shows two options, the faster first, each
// tagged with what it is best at.
func TestPlannerOffersParetoOptions(t *testing.T) {
	env, _ := testEnv(t, "en")
	o := buildPlanner(env, Route{Screen: PlannerID, Param: plannerParetoSample})
	show(t, o)
	var summaries []string
	for _, text := range labelTexts(o) {
		if strings.Contains(text, " → ") && strings.Contains(text, " min · ") {
			summaries = append(summaries, text)
		}
	}
	if len(summaries) != 2 || !strings.HasSuffix(summaries[0], "2 changes") || !strings.HasSuffix(summaries[1], "1 change") {
		t.Errorf("options %q, want the faster with 2 changes, then 1 change", summaries)
	}
	if !showsText(o, env.T("PlannerFastest")) || !showsText(o, env.T("PlannerFewestChanges")) {
		t.Error("the options are not tagged")
	}
}

func TestShorten(t *testing.T) {
	for _, c := range []struct {
		in   string
		w    int
		want string
	}{
		{"Xinjiekou", 20, "Xinjiekou"},
		{"Confucius Temple (Fuzimiao) and more", 10, "Confucius …"},
		{"南京禄口国际机场", 8, "南京禄口…"},
		{"", 5, ""},
	} {
		if got := shorten(c.in, c.w); got != c.want {
			t.Errorf("shorten(%q, %d) = %q, want %q", c.in, c.w, got, c.want)
		}
	}
}

// TestFindStation goes from the Transport tab's search to a station's
// departures.
func TestFindStation(t *testing.T) {
	env, nav := testEnv(t, "en")
	o := buildTransport(env, Route{Screen: TransportID})
	show(t, o)
	test.Tap(labelled(t, o, env.T("TransportFindStation")))
	r := nav.last()
	if r.Screen != PickerID {
		t.Fatalf("the search goes to %+v", r)
	}
	p := buildPicker(env, r)
	show(t, p)
	list := find[*widget.List](p)[0]
	if n := list.Length(); n != 678 {
		t.Errorf("%d stations to choose from, want 678", n)
	}
	find[*widgets.Entry](p)[0].SetText("xinjiekou")
	list.Select(0)
	if r := nav.last(); r.Screen != StationID || r.Param != "nj-12" {
		t.Errorf("choosing Xinjiekou goes to %+v", r)
	}
}

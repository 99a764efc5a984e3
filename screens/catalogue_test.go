package screens

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"jiangsupass/assets"
	"jiangsupass/assets/seed"
	"jiangsupass/offline"
	"jiangsupass/platform"
	"jiangsupass/platform/server"
	"jiangsupass/platform/server/servertest"
	"jiangsupass/screens/widgets"
)

// syncedCatalogue syncs env's store with a reference server on loopback
// that lists n generated service items beside the standard ones, and
// returns the items the server lists, for the tests' own counts.
func syncedCatalogue(t *testing.T, env *Env, n int) []*platform.ServiceItem {
	t.Helper()
	p := servertest.Start(t, server.Options{Catalogue: n, Now: env.Now}, nil)
	c := platform.NewClient(p.URL, platform.Options{})
	eng := offline.NewSyncEngine(env.Store, c, offline.SyncOptions{Collections: []string{platform.ServiceItems}})
	if err := eng.Sync(context.Background()); err != nil {
		t.Fatal(err)
	}
	d, err := seed.Load(assets.Data)
	if err != nil {
		t.Fatal(err)
	}
	items := server.CatalogueItems(d, n)
	for _, sv := range d.Services {
		items = append(items, &platform.ServiceItem{ID: sv.ID, Name: sv.Name, Theme: sv.Theme, Audience: sv.Audience})
	}
	return items
}

// countContaining counts the items whose name or theme contains text, and
// that keep (if not nil) keeps.
func countContaining(items []*platform.ServiceItem, text string, keep func(*platform.ServiceItem) bool) int {
	n := 0
	for _, it := range items {
		if (strings.Contains(it.Name, text) || strings.Contains(it.Theme, text)) && (keep == nil || keep(it)) {
			n++
		}
	}
	return n
}

// handledByCity keeps the items handled by a city (the seed's, which name
// no division, are listed under every level).
func handledByCity(it *platform.ServiceItem) bool {
	d := it.DivisionCode
	return d == "" || (strings.HasSuffix(d, "00") && d != "320000")
}

// TestCatalogueSaysFirst200OfN searches a synced catalogue of 4,000
// generated items: the count line says the first 200 of how many match in
// all, not "200 of 200"; with a filter, how many match both.
func TestCatalogueSaysFirst200OfN(t *testing.T) {
	env, _ := testEnv(t, "zh-Hans")
	items := syncedCatalogue(t, env, 4000)
	o := buildCatalogue(env, Route{Screen: CatalogueID})
	w := show(t, o)
	test.Type(find[*widgets.Entry](o)[0], "社保")
	capture(t, w, "catalogue-first-200")
	want := countContaining(items, "社保", nil)
	if want <= 200 {
		t.Fatalf("only %d items say 社保: the test needs more than a page", want)
	}
	if line := env.L.N("CatalogueCountFirst", want, map[string]any{"Shown": 200}); !showsText(o, line) {
		t.Errorf("no %q; the screen shows %q", line, labelTexts(o))
	}
	// Only the items a city handles.
	find[*widget.Select](o)[3].SetSelected(env.T("LevelCity"))
	city := countContaining(items, "社保", handledByCity)
	if city == 0 || city == want {
		t.Fatalf("%d of the %d items are a city's: the filter test needs some of them", city, want)
	}
	line := env.L.N("CatalogueCountFirst", city, map[string]any{"Shown": min(city, 200)})
	if city <= 200 {
		line = env.L.N("CatalogueCountAll", city, nil)
	}
	if !showsText(o, line) {
		t.Errorf("for a city's items, no %q; the screen shows %q", line, labelTexts(o))
	}
	if missing := env.L.Missing(); len(missing) > 0 {
		t.Errorf("untranslated: %v", missing)
	}
}

// TestCatalogueShowsSearchingWhileAQueryRuns: while a query runs longer
// than a moment, the old list is hidden and the screen says it is
// searching; the answer then replaces it.
func TestCatalogueShowsSearchingWhileAQueryRuns(t *testing.T) {
	env, _ := testEnv(t, "en")
	q := &queuedLoads{}
	env.Load = q.load
	o := buildCatalogue(env, Route{Screen: CatalogueID})
	w := show(t, o)
	for i := 0; i < len(q.work); i++ { // the facets, then the whole list
		q.run(i)
	}
	if len(find[*widget.List](o)) != 1 {
		t.Fatal("the catalogue lists nothing before the query")
	}
	before := len(q.work)
	test.Type(find[*widgets.Entry](o)[0], "p")
	// The query is still running when the last load started (its timer)
	// ends.
	q.run(len(q.work) - 1)
	capture(t, w, "catalogue-searching")
	if !showsText(o, env.T("CatalogueSearching")) {
		t.Errorf("no %q while the query runs; the screen shows %q", env.T("CatalogueSearching"), labelTexts(o))
	}
	if len(find[*widget.List](o)) != 0 {
		t.Error("the unfiltered list is still shown while the query runs")
	}
	for i := before; i < len(q.work)-1; i++ {
		q.run(i) // the answer
	}
	if showsText(o, env.T("CatalogueSearching")) || len(find[*widget.List](o)) != 1 {
		t.Errorf("the answer did not replace the searching state: %q", labelTexts(o))
	}
}

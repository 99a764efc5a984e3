package offline

import (
	"context"
	"jiangsupass/offline/search"
	"testing"
)

// TestSearchFindsStationsByTheirNames: a station, railway station or
// airport is found by its English name, its pinyin and its initials
// (issue 17: "Nanjing South" found only Purple Mountain).
func TestSearchFindsStationsByTheirNames(t *testing.T) {
	s, _ := openAt(t, seededCopy(t))
	ctx := context.Background()
	for _, tc := range []struct {
		query, kind, ref, en string
	}{
		{"Nanjing South", search.KindStation, "nj-20", "Nanjing South Railway Station"},
		{"Nanjing South", search.KindHub, "南京南", "Nanjing South Railway Station"},
		{"nanjing south railway station", search.KindStation, "nj-20", "Nanjing South Railway Station"},
		{"Xinjiekou", search.KindStation, "nj-12", "Xinjiekou"},
		{"xjk", search.KindStation, "nj-12", "Xinjiekou"},
		{"Zhujiang Road", search.KindStation, "nj-11", "Zhujiang Road"},
		{"Lukou International Airport", search.KindHub, "南京禄口国际机场 NKG", "Nanjing Lukou International Airport"},
		{"xiaohang", search.KindStation, "", "Xiaohang"}, // 小行: a reading the override table corrects
	} {
		res, err := s.Search(ctx, tc.query, search.Options{})
		if err != nil {
			t.Fatalf("%q: %v", tc.query, err)
		}
		found := false
		for _, g := range res.Groups {
			for _, h := range g.Hits {
				if h.Kind == tc.kind && (tc.ref == "" || h.Ref == tc.ref) && h.Title[LangEn] == tc.en {
					found = true
				}
			}
		}
		if !found {
			t.Errorf("%q: no %s %s %q among %v", tc.query, tc.kind, tc.ref, tc.en, hitTitles(res))
		}
	}

	res, err := s.Search(ctx, "railway station", search.Options{PerKind: 50})
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, g := range res.Groups {
		kinds[g.Kind] = len(g.Hits)
	}
	if kinds[search.KindHub] < 10 || kinds[search.KindStation] < 10 {
		t.Errorf(`"railway station" found %v; want the railway stations among the hubs and the metro stations`, kinds)
	}
}

// TestSearchStationDetailInEachLanguage: a station's detail names its
// city and lines in each language ("Nanjing · Line 1 Line 2").
func TestSearchStationDetailInEachLanguage(t *testing.T) {
	s, _ := openAt(t, seededCopy(t))
	res, err := s.Search(context.Background(), "新街口", search.Options{Kinds: []string{search.KindStation}})
	if err != nil {
		t.Fatal(err)
	}
	top, ok := res.Top()
	if !ok {
		t.Fatal("新街口 not found")
	}
	for lang, want := range map[string]string{LangEn: "Nanjing · Line 1 Line 2", LangZhHans: "南京市 · 1号线 2号线", LangKo: "난징 · 1호선 2호선"} {
		if got := top.Detail.In(lang); got != want {
			t.Errorf("detail in %s: %q, want %q", lang, got, want)
		}
	}
}

// TestSearchReindexesStationsUnderNewRules: an index written under other
// place-name rules (an older app) has its stations indexed again, so that
// an updated app finds them by their English names at once.
func TestSearchReindexesStationsUnderNewRules(t *testing.T) {
	s, _ := openAt(t, seededCopy(t))
	ctx := context.Background()
	if _, err := s.Search(ctx, "x", search.Options{}); err != nil {
		t.Fatal(err)
	}
	// What an older app left: station docs with no English parts.
	if _, err := s.db.Exec("UPDATE meta SET value = 'older' WHERE key = ?", metaPlaceNames); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.Exec("UPDATE search_docs SET title = '{}' WHERE kind = ?", search.KindStation); err != nil {
		t.Fatal(err)
	}
	res, err := s.Search(ctx, "Xinjiekou", search.Options{Kinds: []string{search.KindStation}})
	if err != nil {
		t.Fatal(err)
	}
	if top, ok := res.Top(); !ok || top.Title[LangEn] != "Xinjiekou" {
		t.Errorf("after a change of rules: %v", hitTitles(res))
	}
	if v, _, _ := getMeta(ctx, s.db, metaPlaceNames); v != placenameRules {
		t.Errorf("rules recorded: %q", v)
	}
}

// hitTitles lists the hits' kinds and English titles, for messages.
func hitTitles(res search.Result) []string {
	var out []string
	for _, g := range res.Groups {
		for _, h := range g.Hits {
			out = append(out, h.Kind+":"+h.Title.In(LangEn))
		}
	}
	return out
}

package offline

import (
	"context"
	"encoding/json"
	"errors"
	"regexp"
	"sort"
	"testing"
)

func TestAttractionsFilter(t *testing.T) {
	s, _ := openAt(t, seededCopy(t))
	tests := []struct {
		name   string
		filter AttractionFilter
		want   int
	}{
		{"all", AttractionFilter{}, 26},
		{"Suzhou", AttractionFilter{CityCode: "320500"}, 6},
		{"Wuxi", AttractionFilter{CityCode: "320200"}, 4},
		{"grade 5A", AttractionFilter{Grade: "5A"}, 26},
		{"grade 4A", AttractionFilter{Grade: "4A"}, 0},
		{"lakes", AttractionFilter{Category: "lake"}, 8},
		{"Suzhou water towns", AttractionFilter{CityCode: "320500", Category: "water_town"}, 2},
		{"unknown city", AttractionFilter{CityCode: "110000"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.Attractions(context.Background(), tt.filter)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != tt.want {
				t.Errorf("%d attractions, want %d", len(got), tt.want)
			}
			if !sort.SliceIsSorted(got, func(i, j int) bool { return got[i].Name[LangZhHans] < got[j].Name[LangZhHans] }) {
				t.Error("not ordered by Chinese name")
			}
			for _, a := range got {
				if (tt.filter.CityCode != "" && a.CityCode != tt.filter.CityCode) ||
					(tt.filter.Category != "" && a.Category != tt.filter.Category) {
					t.Errorf("%s does not match the filter", a.ID)
				}
			}
		})
	}
}

func TestAttraction(t *testing.T) {
	ctx := context.Background()
	s, _ := openAt(t, seededCopy(t))
	a, err := s.Attraction(ctx, "5a-001")
	if err != nil {
		t.Fatal(err)
	}
	if a.Name.In(LangZhHans) != "中央电视台无锡影视基地三国水浒景区" || a.Name.In(LangEn) == a.Name.In(LangZhHans) ||
		a.Description.In(LangEn) == "" || a.Description.In(LangKo) == "" || a.Category != "theme_park" ||
		a.Grade != "5A" || a.YearRated != 2007 || a.CityCode != "320200" || a.CountyCode != "320211" ||
		!a.HasPoint || a.Point.Lon() != 120.229763 || a.Point.Lat() != 31.48282 || a.Source == "" {
		t.Errorf("5a-001 = %+v", a)
	}
	lian, err := s.Attraction(ctx, "5a-026")
	if err != nil {
		t.Fatal(err)
	}
	if lian.Name.In(LangZhHans) != "连云港市连岛景区" || lian.HasPoint || lian.YearRated != 0 {
		t.Errorf("5a-026 (连岛, no position) = %+v", lian)
	}
	for _, id := range []string{"5a-000", "5a-027", "", "nope"} {
		if _, err := s.Attraction(ctx, id); !errors.Is(err, ErrNotFound) {
			t.Errorf("Attraction(%q) error = %v, want ErrNotFound", id, err)
		}
	}
}

func TestDivisions(t *testing.T) {
	ctx := context.Background()
	s, _ := openAt(t, seededCopy(t))
	cities, err := s.Cities(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(cities) != 13 || cities[0].Code != "320100" || cities[12].Code != "321300" {
		t.Fatalf("cities = %+v", cities)
	}
	nj := cities[0]
	if nj.Name.In(LangZhHans) != "南京市" || nj.Name.In(LangEn) != "Nanjing" || nj.Name.In(LangKo) != "난징" ||
		nj.Level != "prefecture" || nj.ParentCode != "320000" || !nj.InGB2260 || nj.Source == "" {
		t.Errorf("Nanjing = %+v", nj)
	}
	if !sort.SliceIsSorted(cities, func(i, j int) bool { return cities[i].Code < cities[j].Code }) {
		t.Error("cities not ordered by code")
	}
	p, err := s.Province(ctx)
	if err != nil || p.Code != "320000" || p.Name.In(LangEn) != "Jiangsu" || p.ParentCode != "" {
		t.Errorf("Province = %+v, %v", p, err)
	}
	sz, err := s.Counties(ctx, "320500")
	if err != nil {
		t.Fatal(err)
	}
	var sip *Division
	for i := range sz {
		if sz[i].Code == "320576" {
			sip = &sz[i]
		}
		if sz[i].ParentCode != "320500" || sz[i].Level != "county" || len(sz[i].Name) != 1 {
			t.Errorf("county %+v", sz[i])
		}
	}
	if len(sz) != 10 || sip == nil || sip.InGB2260 || sip.Name.In(LangEn) != "苏州工业园区" {
		t.Errorf("Suzhou's counties = %d, industrial park = %+v", len(sz), sip)
	}
	if none, err := s.Counties(ctx, "999900"); err != nil || len(none) != 0 {
		t.Errorf("Counties of an unknown city = %v, %v", none, err)
	}
	ts, err := s.Townships(ctx, "320102")
	if err != nil || len(ts) == 0 {
		t.Fatalf("Townships = %v, %v", ts, err)
	}
	for _, tw := range ts {
		if tw.CountyCode != "320102" || tw.CityCode != "320100" || len(tw.Code) != 9 || tw.Source == "" {
			t.Errorf("township %+v", tw)
		}
	}
}

func TestMetro(t *testing.T) {
	ctx := context.Background()
	s, _ := openAt(t, seededCopy(t))
	all, err := s.MetroLines(ctx, "")
	if err != nil || len(all) != 32 {
		t.Fatalf("MetroLines(\"\") = %d lines, %v", len(all), err)
	}
	stations, err := s.Stations(ctx, "")
	if err != nil || len(stations) != 678 {
		t.Fatalf("Stations(\"\") = %d, %v", len(stations), err)
	}
	byID := map[string]Station{}
	for _, st := range stations {
		byID[st.ID] = st
	}
	color := regexp.MustCompile(`^#[0-9A-F]{6}$`)
	for _, l := range all {
		if !color.MatchString(l.Color) || len(l.StationIDs) == 0 || l.Source == "" {
			t.Errorf("line %+v", l)
		}
		for _, id := range l.StationIDs {
			if st, ok := byID[id]; !ok || st.CityCode != l.CityCode {
				t.Errorf("line %s: station %s missing or in another city", l.ID, id)
			}
		}
	}
	nj, err := s.MetroLines(ctx, "320100")
	if err != nil || len(nj) != 13 {
		t.Fatalf("Nanjing lines = %d, %v", len(nj), err)
	}
	if nj[0].ID != "nj-1号线" || nj[0].Name != "1号线" || nj[0].City != "南京" || len(nj[0].StationIDs) != 32 ||
		nj[0].StationIDs[0] != "nj-0" || nj[0].StationIDs[31] != "nj-31" {
		t.Errorf("Nanjing line 1 = %+v", nj[0])
	}
	var ningchu *MetroLine
	for i := range nj {
		if nj[i].ID == "nj-宁滁线" {
			ningchu = &nj[i]
		}
	}
	if ningchu == nil || len(ningchu.StationIDs) != 10 {
		t.Fatalf("Ning-Chu line = %+v", ningchu)
	}
	chuzhou := byID["nj-211"] // 滁州高铁站, in Anhui
	if chuzhou.Name != "滁州高铁站" || chuzhou.CityCode != "320100" {
		t.Errorf("Chuzhou stop = %+v", chuzhou)
	}
	xjk := byID["nj-12"]
	if xjk.Name != "新街口" || xjk.Pinyin != "xinjiekou" || len(xjk.Lines) != 2 || xjk.Lines[0] != "1号线" ||
		xjk.Point.Lat() < 32 || xjk.Point.Lat() > 32.1 {
		t.Errorf("新街口 = %+v", xjk)
	}
	wx, err := s.Stations(ctx, "320200")
	if err != nil || len(wx) != 89 {
		t.Errorf("Wuxi stations = %d, %v", len(wx), err)
	}
	hubs, err := s.Hubs(ctx)
	if err != nil || len(hubs) != 17 {
		t.Fatalf("Hubs = %d, %v", len(hubs), err)
	}
	h := hubs[1]
	if h.Name != "南京南" || h.Type != "rail" || h.CityCode != "320100" || h.MetroStation != "南京南站" ||
		len(h.Lines) != 4 || byID[h.StationID].Name != "南京南站" || h.Note == "" || h.Source == "" {
		t.Errorf("南京南 = %+v", h)
	}
	air := 0
	for _, h := range hubs {
		if h.Type == "air" {
			air++
		}
	}
	if air != 2 {
		t.Errorf("%d airports, want 2", air)
	}
}

func TestServiceItems(t *testing.T) {
	s, _ := openAt(t, seededCopy(t))
	tests := []struct {
		filter ServiceFilter
		want   int
	}{
		{ServiceFilter{}, 66},
		{ServiceFilter{Audience: "法人"}, 19},
		{ServiceFilter{Audience: "个人"}, 47},
		{ServiceFilter{Audience: "个人", Theme: "社保"}, 6},
		{ServiceFilter{Theme: "一件事"}, 13},
		{ServiceFilter{Theme: "无此主题"}, 0},
	}
	for _, tt := range tests {
		got, err := s.ServiceItems(context.Background(), tt.filter)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != tt.want {
			t.Errorf("%+v: %d items, want %d", tt.filter, len(got), tt.want)
		}
		for i, it := range got {
			if it.Generated || it.Source == "" || it.Name == "" || (i > 0 && got[i-1].ID >= it.ID) {
				t.Errorf("%+v: item %+v", tt.filter, it)
			}
		}
	}
}

func TestLayers(t *testing.T) {
	s, _ := openAt(t, seededCopy(t))
	names := LayerNames()
	if len(names) != 8 {
		t.Fatalf("LayerNames = %v", names)
	}
	for _, name := range names {
		b, err := s.Layer(context.Background(), name)
		if err != nil {
			t.Fatalf("Layer(%s): %v", name, err)
		}
		var fc struct {
			Type     string            `json:"type"`
			Features []json.RawMessage `json:"features"`
		}
		if err := json.Unmarshal(b, &fc); err != nil || fc.Type != "FeatureCollection" || len(fc.Features) == 0 {
			t.Errorf("Layer(%s): %s with %d features, %v", name, fc.Type, len(fc.Features), err)
		}
	}
	if _, err := s.Layer(context.Background(), "roads"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Layer(roads) error = %v, want ErrNotFound", err)
	}
}

func TestSettings(t *testing.T) {
	ctx := context.Background()
	path := seededCopy(t)
	s, _ := openAt(t, path)
	if v, ok, err := s.Setting(ctx, "language"); v != "" || ok || err != nil {
		t.Errorf("unset setting = %q, %v, %v", v, ok, err)
	}
	for _, kv := range [][2]string{{"language", "ja"}, {"language", "zh-Hant"}, {"elder", "true"}, {"api", "http://127.0.0.1:8080"}, {"empty", ""}} {
		if err := s.SetSetting(ctx, kv[0], kv[1]); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.SetSetting(ctx, "", "x"); err == nil {
		t.Error("empty key accepted")
	}
	s.Close()
	s, _ = openAt(t, path)
	want := map[string]string{"language": "zh-Hant", "elder": "true", "api": "http://127.0.0.1:8080", "empty": ""}
	for k, w := range want {
		if v, ok, err := s.Setting(ctx, k); v != w || !ok || err != nil {
			t.Errorf("Setting(%s) = %q, %v, %v; want %q", k, v, ok, err, w)
		}
	}
	if n := count(t, s, "settings"); n != len(want) {
		t.Errorf("%d settings, want %d", n, len(want))
	}
}

package offline

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
)

// The rows of the seed files, as parsed and checked on their own. Each
// keeps its line so that the checks across files (seed_load.go) can still
// name it.

type divisionRow struct {
	line                      int
	code, parent, level, kind string
	name                      string
	inGB2260                  bool
}

type townshipRow struct {
	line                         int
	code, name, county, cityCode string
}

type attractionRow struct {
	line                 int
	id, name, grade      string
	year                 int
	cityCode, countyCode string
	address              string
	point                orb.Point
	hasPoint             bool
	source               string
}

type stationRow struct {
	line                   int
	id, city, name, pinyin string
	lines                  []string
	point                  orb.Point
}

type hubRow struct {
	line                           int
	name, kind, city, metroStation string
	lines                          []string
	point                          orb.Point
	note                           string
}

type serviceRow struct {
	line                                               int
	id                                                 int64
	audience, theme, name, department, handling, notes string
}

type scenicI18nRow struct {
	line        int
	name        string // the zh-Hans name, as in the 5A file
	names, desc Text
	category    string
}

type cityI18nRow struct {
	line  int
	code  string
	names Text
}

type lineRow struct {
	index                          int // position in the file's "lines" array
	id, city, cityKey, name, color string
	cityCode                       string // resolved from city by crossCheck
	stationIDs                     []string
}

// attractionIDFormat makes an attraction's ID from its 1-based row number
// in jiangsu_5a_scenic_areas.csv: "5a-001" is the first data row. The file
// is therefore append-only: a new area goes at the end, so IDs that users
// have saved (favourites, tickets) keep pointing at the same place.
const attractionIDFormat = "5a-%03d"

// parseDivisions reads jiangsu_divisions.csv. Each parent must come before
// its children, as the file lists province, cities, then counties.
func parseDivisions(file string, data []byte) ([]divisionRow, error) {
	var rows []divisionRow
	levels := map[string]string{}
	parentLevel := map[string]string{"province": "", "prefecture": "province", "county": "prefecture"}
	err := readCSV(file, data, []string{"code", "name", "level", "kind", "parent_code", "in_gb2260"}, func(r csvRow) error {
		d := divisionRow{line: r.line, code: r.get("code"), parent: r.get("parent_code"),
			level: r.get("level"), kind: r.get("kind"), name: r.get("name")}
		if err := checkCode("code", d.code, 6); err != nil {
			return r.errorf("%v", err)
		}
		if _, dup := levels[d.code]; dup {
			return r.errorf("code %s appears twice", d.code)
		}
		if err := require(r, "name", "kind"); err != nil {
			return err
		}
		want, ok := parentLevel[d.level]
		if !ok {
			return r.errorf("level %q is not province, prefecture or county", d.level)
		}
		if want == "" && d.parent != "" {
			return r.errorf("a province has no parent_code")
		}
		if want != "" && levels[d.parent] != want {
			return r.errorf("parent_code %q is not a %s listed above", d.parent, want)
		}
		b, err := strconv.ParseBool(r.get("in_gb2260"))
		if err != nil {
			return r.errorf("in_gb2260 %q is not true or false", r.get("in_gb2260"))
		}
		d.inGB2260 = b
		levels[d.code] = d.level
		rows = append(rows, d)
		return nil
	})
	return rows, err
}

// parseTownships reads jiangsu_townships.csv.
func parseTownships(file string, data []byte) ([]townshipRow, error) {
	var rows []townshipRow
	seen := map[string]bool{}
	err := readCSV(file, data, []string{"code", "name", "county_code", "city_code"}, func(r csvRow) error {
		t := townshipRow{line: r.line, code: r.get("code"), name: r.get("name"),
			county: r.get("county_code"), cityCode: r.get("city_code")}
		if err := errors.Join(checkCode("code", t.code, 9), checkCode("county_code", t.county, 6),
			checkCode("city_code", t.cityCode, 6)); err != nil {
			return r.errorf("%v", err)
		}
		if seen[t.code] {
			return r.errorf("code %s appears twice", t.code)
		}
		if err := require(r, "name"); err != nil {
			return err
		}
		seen[t.code] = true
		rows = append(rows, t)
		return nil
	})
	return rows, err
}

// parseAttractions reads jiangsu_5a_scenic_areas.csv, using only its WGS84
// coordinates.
func parseAttractions(file string, data []byte) ([]attractionRow, error) {
	var rows []attractionRow
	seen := map[string]bool{}
	required := []string{"name", "grade", "year_rated", "county_code", "address", "lon_wgs84", "lat_wgs84", "source"}
	err := readCSV(file, data, required, func(r csvRow) error {
		if err := require(r, "name", "grade", "source"); err != nil {
			return err
		}
		a := attractionRow{line: r.line, id: fmt.Sprintf(attractionIDFormat, len(rows)+1),
			name: r.get("name"), grade: r.get("grade"), countyCode: r.get("county_code"),
			address: r.get("address"), source: r.get("source")}
		if seen[a.name] {
			return r.errorf("name %q appears twice", a.name)
		}
		if err := checkCode("county_code", a.countyCode, 6); err != nil {
			return r.errorf("%v", err)
		}
		a.cityCode = a.countyCode[:4] + "00"
		var err error
		if a.year, err = parseYear(r.get("year_rated")); err != nil {
			return r.errorf("year_rated: %v", err)
		}
		if a.point, a.hasPoint, err = parsePoint(r.get("lon_wgs84"), r.get("lat_wgs84")); err != nil {
			return r.errorf("%v", err)
		}
		seen[a.name] = true
		rows = append(rows, a)
		return nil
	})
	return rows, err
}

// parseStations reads jiangsu_metro_stations.csv; lines are '|'-separated.
func parseStations(file string, data []byte) ([]stationRow, error) {
	var rows []stationRow
	seen := map[string]bool{}
	err := readCSV(file, data, []string{"id", "city", "name", "pinyin", "lines", "lat_wgs84", "lon_wgs84"}, func(r csvRow) error {
		if err := require(r, "id", "city", "name", "lines"); err != nil {
			return err
		}
		s := stationRow{line: r.line, id: r.get("id"), city: r.get("city"), name: r.get("name"),
			pinyin: r.get("pinyin"), lines: splitList(r.get("lines"))}
		if seen[s.id] {
			return r.errorf("id %q appears twice", s.id)
		}
		if len(s.lines) == 0 {
			return r.errorf("lines is empty")
		}
		p, ok, err := parsePoint(r.get("lon_wgs84"), r.get("lat_wgs84"))
		if err != nil {
			return r.errorf("%v", err)
		}
		if !ok {
			return r.errorf("station has no coordinates")
		}
		s.point = p
		seen[s.id] = true
		rows = append(rows, s)
		return nil
	})
	return rows, err
}

// parseHubs reads jiangsu_rail_air_hubs_from_metro.csv.
func parseHubs(file string, data []byte) ([]hubRow, error) {
	var rows []hubRow
	seen := map[string]bool{}
	required := []string{"hub_name", "type", "city", "metro_station", "metro_lines", "lat_wgs84", "lon_wgs84", "note"}
	err := readCSV(file, data, required, func(r csvRow) error {
		if err := require(r, "hub_name", "city", "metro_station"); err != nil {
			return err
		}
		h := hubRow{line: r.line, name: r.get("hub_name"), kind: r.get("type"), city: r.get("city"),
			metroStation: r.get("metro_station"), lines: splitList(r.get("metro_lines")), note: r.get("note")}
		if h.kind != "rail" && h.kind != "air" {
			return r.errorf("type %q is not rail or air", h.kind)
		}
		if seen[h.name] {
			return r.errorf("hub_name %q appears twice", h.name)
		}
		p, ok, err := parsePoint(r.get("lon_wgs84"), r.get("lat_wgs84"))
		if err != nil {
			return r.errorf("%v", err)
		}
		if !ok {
			return r.errorf("hub has no coordinates")
		}
		h.point = p
		seen[h.name] = true
		rows = append(rows, h)
		return nil
	})
	return rows, err
}

// parseServices reads jiangsu_gov_services_seed.csv, whose notes quote
// bundle names without CSV quoting. An item's ID is its 1-based row
// number, so the file is append-only like the 5A file.
func parseServices(file string, data []byte) ([]serviceRow, error) {
	var rows []serviceRow
	required := []string{"audience", "theme", "item_name", "provincial_department", "usual_handling_level", "notes"}
	err := readCSVQuotes(file, data, true, required, func(r csvRow) error {
		if err := require(r, "audience", "theme", "item_name"); err != nil {
			return err
		}
		rows = append(rows, serviceRow{line: r.line, id: int64(len(rows) + 1),
			audience: r.get("audience"), theme: r.get("theme"), name: r.get("item_name"),
			department: r.get("provincial_department"), handling: r.get("usual_handling_level"),
			notes: r.get("notes")})
		return nil
	})
	return rows, err
}

// parseScenicI18n reads scenic_areas_i18n.csv: translations and category
// of the 5A areas, keyed by their Chinese name.
func parseScenicI18n(file string, data []byte) ([]scenicI18nRow, error) {
	var rows []scenicI18nRow
	seen := map[string]bool{}
	err := readCSV(file, data, []string{"name"}, func(r csvRow) error {
		if err := require(r, "name"); err != nil {
			return err
		}
		opt := func(col string) string {
			if r.has(col) {
				return r.get(col)
			}
			return ""
		}
		row := scenicI18nRow{line: r.line, name: r.get("name"), category: opt("category"),
			names: Text{LangEn: opt("name_en"), LangZhHant: opt("name_zh_hant"), LangJa: opt("name_ja"), LangKo: opt("name_ko")},
			desc: Text{LangZhHans: opt("desc_zh_hans"), LangEn: opt("desc_en"), LangZhHant: opt("desc_zh_hant"),
				LangJa: opt("desc_ja"), LangKo: opt("desc_ko")}}
		if seen[row.name] {
			return r.errorf("name %q appears twice", row.name)
		}
		if row.category != "" && !categoryPattern.MatchString(row.category) {
			return r.errorf("category %q is not a lower-case identifier such as scenic_area", row.category)
		}
		seen[row.name] = true
		rows = append(rows, row)
		return nil
	})
	return rows, err
}

// categoryPattern is the form of an attraction category: a lower-case
// identifier such as "scenic_area" or "ancient_town".
var categoryPattern = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// parseCitiesI18n reads cities_i18n.csv: the names of the province and the
// 13 cities in the other languages.
func parseCitiesI18n(file string, data []byte) ([]cityI18nRow, error) {
	var rows []cityI18nRow
	seen := map[string]bool{}
	err := readCSV(file, data, []string{"gb_code"}, func(r csvRow) error {
		opt := func(col string) string {
			if r.has(col) {
				return r.get(col)
			}
			return ""
		}
		row := cityI18nRow{line: r.line, code: r.get("gb_code"), names: Text{
			LangZhHans: opt("name_zh_hans"), LangEn: opt("name_en"), LangZhHant: opt("name_zh_hant"),
			LangJa: opt("name_ja"), LangKo: opt("name_ko")}}
		if err := checkCode("gb_code", row.code, 6); err != nil {
			return r.errorf("%v", err)
		}
		if seen[row.code] {
			return r.errorf("gb_code %s appears twice", row.code)
		}
		seen[row.code] = true
		rows = append(rows, row)
		return nil
	})
	return rows, err
}

// colorPattern is a colour as #RRGGBB.
var colorPattern = regexp.MustCompile(`^#[0-9A-Fa-f]{6}$`)

// metroLinesFile is the shape of jiangsu_metro_lines.json.
type metroLinesFile struct {
	Source string `json:"source"`
	Lines  []struct {
		City         string   `json:"city"`
		CityKey      string   `json:"city_key"`
		Line         string   `json:"line"`
		Color        string   `json:"color"`
		StationIDs   []string `json:"station_ids"`
		StationNames []string `json:"station_names"`
	} `json:"lines"`
}

// metroLineID makes a line's ID from its city key and name: "nj-1号线",
// "su-3号线/11号线".
func metroLineID(cityKey, name string) string { return cityKey + "-" + name }

// parseMetroLines reads jiangsu_metro_lines.json and returns its source
// attribution and the lines in file order.
func parseMetroLines(file string, data []byte) (string, []lineRow, error) {
	var f metroLinesFile
	if err := json.Unmarshal(data, &f); err != nil {
		var syn *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.As(err, &syn):
			return "", nil, &seedError{file: file, line: lineOf(data, syn.Offset), err: err}
		case errors.As(err, &typ):
			return "", nil, &seedError{file: file, line: lineOf(data, typ.Offset), err: err}
		}
		return "", nil, &seedError{file: file, err: err}
	}
	if strings.TrimSpace(f.Source) == "" {
		return "", nil, &seedError{file: file, err: errors.New(`"source" is empty`)}
	}
	if len(f.Lines) == 0 {
		return "", nil, &seedError{file: file, err: errors.New(`"lines" is empty`)}
	}
	rows := make([]lineRow, 0, len(f.Lines))
	seen := map[string]bool{}
	for i, l := range f.Lines {
		bad := func(format string, args ...any) error {
			return &seedError{file: file, err: fmt.Errorf("lines[%d] (%s %s): %s", i, l.City, l.Line, fmt.Sprintf(format, args...))}
		}
		if l.City == "" || l.CityKey == "" || l.Line == "" {
			return "", nil, bad("city, city_key and line must not be empty")
		}
		if !colorPattern.MatchString(l.Color) {
			return "", nil, bad("color %q is not #RRGGBB", l.Color)
		}
		if len(l.StationIDs) == 0 {
			return "", nil, bad("station_ids is empty")
		}
		if len(l.StationNames) != 0 && len(l.StationNames) != len(l.StationIDs) {
			return "", nil, bad("%d station_names for %d station_ids", len(l.StationNames), len(l.StationIDs))
		}
		id := metroLineID(l.CityKey, l.Line)
		if seen[id] {
			return "", nil, bad("line appears twice")
		}
		seen[id] = true
		rows = append(rows, lineRow{index: i, id: id, city: l.City, cityKey: l.CityKey, name: l.Line,
			color: strings.ToUpper(l.Color), stationIDs: l.StationIDs})
	}
	return f.Source, rows, nil
}

package offline

import (
	"errors"
	"fmt"
	"strconv"

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

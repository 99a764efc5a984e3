package seed

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/paulmach/orb"
)

// The rows of the seed files, as parsed and checked on their own. Each
// keeps its line so that the checks across files (load.go) can still name
// it.

// Division is a row of jiangsu_divisions.csv: the province, a city or a
// county-level unit.
type Division struct {
	Line                      int
	Code, Parent, Level, Kind string
	Name                      string
	InGB2260                  bool
}

// Township is a row of jiangsu_townships.csv.
type Township struct {
	Line                         int
	Code, Name, County, CityCode string
}

// Attraction is a row of jiangsu_5a_scenic_areas.csv; ID is made from the
// row number (see AttractionIDFormat).
type Attraction struct {
	Line                 int
	ID, Name, Grade      string
	Year                 int
	CityCode, CountyCode string
	Address              string
	Point                orb.Point
	HasPoint             bool
	Source               string
}

// Station is a row of jiangsu_metro_stations.csv.
type Station struct {
	Line                   int
	ID, City, Name, Pinyin string
	Lines                  []string
	Point                  orb.Point
}

// Hub is a row of jiangsu_rail_air_hubs_from_metro.csv: a railway station
// or airport served by a metro station.
type Hub struct {
	Line                           int
	Name, Kind, City, MetroStation string
	Lines                          []string
	Point                          orb.Point
	Note                           string
}

// Service is a row of jiangsu_gov_services_seed.csv, a standard
// government service item; ID is its 1-based row number.
type Service struct {
	Line                                               int
	ID                                                 int64
	Audience, Theme, Name, Department, Handling, Notes string
}

// ScenicI18n is a row of scenic_areas_i18n.csv: the translations and
// category of a 5A area.
type ScenicI18n struct {
	Line        int
	Name        string // the zh-Hans name, as in the 5A file
	Names, Desc Text
	Category    string
}

// CityI18n is a row of cities_i18n.csv.
type CityI18n struct {
	Line  int
	Code  string
	Names Text
}

// Line is a metro line of jiangsu_metro_lines.json.
type Line struct {
	Index                          int // position in the file's "lines" array
	ID, City, CityKey, Name, Color string
	CityCode                       string // resolved from City by the cross-file checks
	StationIDs                     []string
}

// AttractionIDFormat makes an attraction's ID from its 1-based row number
// in jiangsu_5a_scenic_areas.csv: "5a-001" is the first data row. The file
// is therefore append-only: a new area goes at the end, so IDs that users
// have saved (favourites, tickets) keep pointing at the same place.
const AttractionIDFormat = "5a-%03d"

// ParseDivisions reads jiangsu_divisions.csv. Each parent must come before
// its children, as the file lists province, cities, then counties.
func ParseDivisions(file string, data []byte) ([]Division, error) {
	var rows []Division
	levels := map[string]string{}
	parentLevel := map[string]string{"province": "", "prefecture": "province", "county": "prefecture"}
	err := readCSV(file, data, []string{"code", "name", "level", "kind", "parent_code", "in_gb2260"}, func(r csvRow) error {
		d := Division{Line: r.Line, Code: r.get("code"), Parent: r.get("parent_code"),
			Level: r.get("level"), Kind: r.get("kind"), Name: r.get("name")}
		if err := checkCode("code", d.Code, 6); err != nil {
			return r.errorf("%v", err)
		}
		if _, dup := levels[d.Code]; dup {
			return r.errorf("code %s appears twice", d.Code)
		}
		if err := require(r, "name", "kind"); err != nil {
			return err
		}
		want, ok := parentLevel[d.Level]
		if !ok {
			return r.errorf("level %q is not province, prefecture or county", d.Level)
		}
		if want == "" && d.Parent != "" {
			return r.errorf("a province has no parent_code")
		}
		if want != "" && levels[d.Parent] != want {
			return r.errorf("parent_code %q is not a %s listed above", d.Parent, want)
		}
		b, err := strconv.ParseBool(r.get("in_gb2260"))
		if err != nil {
			return r.errorf("in_gb2260 %q is not true or false", r.get("in_gb2260"))
		}
		d.InGB2260 = b
		levels[d.Code] = d.Level
		rows = append(rows, d)
		return nil
	})
	return rows, err
}

// ParseTownships reads jiangsu_townships.csv.
func ParseTownships(file string, data []byte) ([]Township, error) {
	var rows []Township
	seen := map[string]bool{}
	err := readCSV(file, data, []string{"code", "name", "county_code", "city_code"}, func(r csvRow) error {
		t := Township{Line: r.Line, Code: r.get("code"), Name: r.get("name"),
			County: r.get("county_code"), CityCode: r.get("city_code")}
		if err := errors.Join(checkCode("code", t.Code, 9), checkCode("county_code", t.County, 6),
			checkCode("city_code", t.CityCode, 6)); err != nil {
			return r.errorf("%v", err)
		}
		if seen[t.Code] {
			return r.errorf("code %s appears twice", t.Code)
		}
		if err := require(r, "name"); err != nil {
			return err
		}
		seen[t.Code] = true
		rows = append(rows, t)
		return nil
	})
	return rows, err
}

// ParseAttractions reads jiangsu_5a_scenic_areas.csv, using only its WGS84
// coordinates.
func ParseAttractions(file string, data []byte) ([]Attraction, error) {
	var rows []Attraction
	seen := map[string]bool{}
	required := []string{"name", "grade", "year_rated", "county_code", "address", "lon_wgs84", "lat_wgs84", "source"}
	err := readCSV(file, data, required, func(r csvRow) error {
		if err := require(r, "name", "grade", "source"); err != nil {
			return err
		}
		a := Attraction{Line: r.Line, ID: fmt.Sprintf(AttractionIDFormat, len(rows)+1),
			Name: r.get("name"), Grade: r.get("grade"), CountyCode: r.get("county_code"),
			Address: r.get("address"), Source: r.get("source")}
		if seen[a.Name] {
			return r.errorf("name %q appears twice", a.Name)
		}
		if err := checkCode("county_code", a.CountyCode, 6); err != nil {
			return r.errorf("%v", err)
		}
		a.CityCode = a.CountyCode[:4] + "00"
		var err error
		if a.Year, err = parseYear(r.get("year_rated")); err != nil {
			return r.errorf("year_rated: %v", err)
		}
		if a.Point, a.HasPoint, err = parsePoint(r.get("lon_wgs84"), r.get("lat_wgs84")); err != nil {
			return r.errorf("%v", err)
		}
		seen[a.Name] = true
		rows = append(rows, a)
		return nil
	})
	return rows, err
}

// ParseServices reads jiangsu_gov_services_seed.csv, whose notes quote
// bundle names without CSV quoting. An item's ID is its 1-based row
// number, so the file is append-only like the 5A file.
func ParseServices(file string, data []byte) ([]Service, error) {
	var rows []Service
	required := []string{"audience", "theme", "item_name", "provincial_department", "usual_handling_level", "notes"}
	err := readCSVQuotes(file, data, true, required, func(r csvRow) error {
		if err := require(r, "audience", "theme", "item_name"); err != nil {
			return err
		}
		rows = append(rows, Service{Line: r.Line, ID: int64(len(rows) + 1),
			Audience: r.get("audience"), Theme: r.get("theme"), Name: r.get("item_name"),
			Department: r.get("provincial_department"), Handling: r.get("usual_handling_level"),
			Notes: r.get("notes")})
		return nil
	})
	return rows, err
}

package seed

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"
)

// ParseStations reads jiangsu_metro_stations.csv; lines are '|'-separated.
func ParseStations(file string, data []byte) ([]Station, error) {
	var rows []Station
	seen := map[string]bool{}
	err := readCSV(file, data, []string{"id", "city", "name", "pinyin", "lines", "lat_wgs84", "lon_wgs84"}, func(r csvRow) error {
		if err := require(r, "id", "city", "name", "lines"); err != nil {
			return err
		}
		s := Station{Line: r.Line, ID: r.get("id"), City: r.get("city"), Name: r.get("name"),
			Pinyin: r.get("pinyin"), Lines: splitList(r.get("lines"))}
		if seen[s.ID] {
			return r.errorf("id %q appears twice", s.ID)
		}
		if len(s.Lines) == 0 {
			return r.errorf("lines is empty")
		}
		p, ok, err := parsePoint(r.get("lon_wgs84"), r.get("lat_wgs84"))
		if err != nil {
			return r.errorf("%v", err)
		}
		if !ok {
			return r.errorf("station has no coordinates")
		}
		s.Point = p
		seen[s.ID] = true
		rows = append(rows, s)
		return nil
	})
	return rows, err
}

// ParseHubs reads jiangsu_rail_air_hubs_from_metro.csv.
func ParseHubs(file string, data []byte) ([]Hub, error) {
	var rows []Hub
	seen := map[string]bool{}
	required := []string{"hub_name", "type", "city", "metro_station", "metro_lines", "lat_wgs84", "lon_wgs84", "note"}
	err := readCSV(file, data, required, func(r csvRow) error {
		if err := require(r, "hub_name", "city", "metro_station"); err != nil {
			return err
		}
		h := Hub{Line: r.Line, Name: r.get("hub_name"), Kind: r.get("type"), City: r.get("city"),
			MetroStation: r.get("metro_station"), Lines: splitList(r.get("metro_lines")), Note: r.get("note")}
		if h.Kind != "rail" && h.Kind != "air" {
			return r.errorf("type %q is not rail or air", h.Kind)
		}
		if seen[h.Name] {
			return r.errorf("hub_name %q appears twice", h.Name)
		}
		p, ok, err := parsePoint(r.get("lon_wgs84"), r.get("lat_wgs84"))
		if err != nil {
			return r.errorf("%v", err)
		}
		if !ok {
			return r.errorf("hub has no coordinates")
		}
		h.Point = p
		seen[h.Name] = true
		rows = append(rows, h)
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

// MetroLineID makes a line's ID from its city key and name: "nj-1号线",
// "su-3号线/11号线".
func MetroLineID(cityKey, name string) string { return cityKey + "-" + name }

// ParseMetroLines reads jiangsu_metro_lines.json and returns its source
// attribution and the lines in file order.
func ParseMetroLines(file string, data []byte) (string, []Line, error) {
	var f metroLinesFile
	if err := json.Unmarshal(data, &f); err != nil {
		var syn *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.As(err, &syn):
			return "", nil, &Error{File: file, Line: lineOf(data, syn.Offset), Err: err}
		case errors.As(err, &typ):
			return "", nil, &Error{File: file, Line: lineOf(data, typ.Offset), Err: err}
		}
		return "", nil, &Error{File: file, Err: err}
	}
	if strings.TrimSpace(f.Source) == "" {
		return "", nil, &Error{File: file, Err: errors.New(`"source" is empty`)}
	}
	if len(f.Lines) == 0 {
		return "", nil, &Error{File: file, Err: errors.New(`"lines" is empty`)}
	}
	rows := make([]Line, 0, len(f.Lines))
	seen := map[string]bool{}
	for i, l := range f.Lines {
		bad := func(format string, args ...any) error {
			return &Error{File: file, Err: fmt.Errorf("lines[%d] (%s %s): %s", i, l.City, l.Line, fmt.Sprintf(format, args...))}
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
		id := MetroLineID(l.CityKey, l.Line)
		if seen[id] {
			return "", nil, bad("line appears twice")
		}
		seen[id] = true
		rows = append(rows, Line{Index: i, ID: id, City: l.City, CityKey: l.CityKey, Name: l.Line,
			Color: strings.ToUpper(l.Color), StationIDs: l.StationIDs})
	}
	return f.Source, rows, nil
}

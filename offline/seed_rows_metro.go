package offline

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"
)

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

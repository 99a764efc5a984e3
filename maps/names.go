package maps

import (
	"fmt"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// NamedPoints finds, for each value of the property key of a GeoJSON
// layer's features, where its label goes: the point itself, the centroid of
// its largest polygon, or the middle vertex of its longest line. The caller
// maps the names (Natural Earth's English "name", e.g. "Tai Hu", "Yangtze",
// or its "name_zh") to text in the user's language.
func NamedPoints(layer []byte, key string) (map[string]orb.Point, error) {
	if len(layer) == 0 {
		return map[string]orb.Point{}, nil
	}
	fs, err := decodeFeatures(layer)
	if err != nil {
		return nil, fmt.Errorf("named points: %w", err)
	}
	best := map[string]float64{}
	out := map[string]orb.Point{}
	consider := func(name string, size float64, p orb.Point) {
		if size > best[name] {
			best[name], out[name] = size, p
		}
	}
	for _, f := range fs {
		name, _ := f.Properties[key].(string)
		if name == "" || f.Geometry == nil {
			continue
		}
		switch g := f.Geometry.(type) {
		case orb.Point:
			consider(name, 1, g)
		case orb.Polygon:
			c, area := planar.CentroidArea(g)
			consider(name, area, c)
		case orb.MultiPolygon:
			for _, p := range g {
				c, area := planar.CentroidArea(p)
				consider(name, area, c)
			}
		case orb.LineString:
			if len(g) > 0 {
				consider(name, planar.Length(g), g[len(g)/2])
			}
		case orb.MultiLineString:
			for _, l := range g {
				if len(l) > 0 {
					consider(name, planar.Length(l), l[len(l)/2])
				}
			}
		}
	}
	return out, nil
}

package maps

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/paulmach/orb"
)

// feature is a GeoJSON feature as the layers use it: a geometry and its
// properties.
type feature struct {
	Geometry   orb.Geometry
	Properties map[string]any
}

// rawCollection and rawFeature are the JSON shapes read by decodeFeatures.
type rawCollection struct {
	Type     string       `json:"type"`
	Features []rawFeature `json:"features"`
}

type rawFeature struct {
	Geometry *struct {
		Type        string          `json:"type"`
		Coordinates json.RawMessage `json:"coordinates"`
	} `json:"geometry"`
	Properties map[string]any `json:"properties"`
}

// decodeFeatures reads a GeoJSON FeatureCollection of points, lines and
// polygons (single or multi). Features without geometry are skipped.
func decodeFeatures(b []byte) ([]feature, error) {
	var fc rawCollection
	if err := json.Unmarshal(b, &fc); err != nil {
		return nil, err
	}
	if fc.Type != "FeatureCollection" {
		return nil, errNotCollection
	}
	out := make([]feature, 0, len(fc.Features))
	for i, f := range fc.Features {
		if f.Geometry == nil {
			continue
		}
		g, err := decodeGeometry(f.Geometry.Type, f.Geometry.Coordinates)
		if err != nil {
			return nil, fmt.Errorf("feature %d: %w", i, err)
		}
		out = append(out, feature{Geometry: g, Properties: f.Properties})
	}
	return out, nil
}

// errCoordinates is returned for coordinates of the wrong shape.
var errCoordinates = errors.New("malformed coordinates")

func decodeGeometry(typ string, raw json.RawMessage) (orb.Geometry, error) {
	var err error
	switch typ {
	case "Point":
		var p []float64
		if err = json.Unmarshal(raw, &p); err == nil {
			var q orb.Point
			q, err = point(p)
			return q, err
		}
	case "MultiPoint", "LineString":
		var c [][]float64
		if err = json.Unmarshal(raw, &c); err == nil {
			var l []orb.Point
			l, err = points(c)
			if typ == "MultiPoint" {
				return orb.MultiPoint(l), err
			}
			return orb.LineString(l), err
		}
	case "Polygon", "MultiLineString":
		var c [][][]float64
		if err = json.Unmarshal(raw, &c); err == nil {
			var rings [][]orb.Point
			rings, err = pointLists(c)
			if typ == "Polygon" {
				return toPolygon(rings), err
			}
			mls := make(orb.MultiLineString, len(rings))
			for i, r := range rings {
				mls[i] = r
			}
			return mls, err
		}
	case "MultiPolygon":
		var c [][][][]float64
		if err = json.Unmarshal(raw, &c); err == nil {
			mp := make(orb.MultiPolygon, 0, len(c))
			for _, pc := range c {
				rings, e := pointLists(pc)
				if e != nil {
					return nil, e
				}
				mp = append(mp, toPolygon(rings))
			}
			return mp, nil
		}
	default:
		return nil, fmt.Errorf("unsupported geometry %q", typ)
	}
	return nil, fmt.Errorf("%s: %w", typ, errors.Join(errCoordinates, err))
}

func point(c []float64) (orb.Point, error) {
	if len(c) < 2 {
		return orb.Point{}, errCoordinates
	}
	return orb.Point{c[0], c[1]}, nil
}

func points(c [][]float64) ([]orb.Point, error) {
	out := make([]orb.Point, len(c))
	for i, p := range c {
		q, err := point(p)
		if err != nil {
			return nil, err
		}
		out[i] = q
	}
	return out, nil
}

func pointLists(c [][][]float64) ([][]orb.Point, error) {
	out := make([][]orb.Point, len(c))
	for i, l := range c {
		p, err := points(l)
		if err != nil {
			return nil, err
		}
		out[i] = p
	}
	return out, nil
}

func toPolygon(rings [][]orb.Point) orb.Polygon {
	p := make(orb.Polygon, len(rings))
	for i, r := range rings {
		p[i] = r
	}
	return p
}

package maps

import (
	"fmt"
	"math"

	"github.com/paulmach/orb"
)

// shape is one feature of a layer, projected to world coordinates in
// [0, 1) (orb types, but planar: X east, Y south), with its bounds there
// so that a tile can skip what it does not touch.
type shape struct {
	polys []orb.Polygon
	lines []orb.LineString
	bound orb.Bound
	rank  int // Natural Earth scalerank, 0 when absent: smaller is more important
}

// parseLayer reads a GeoJSON FeatureCollection into the shapes the
// renderer draws. Points are skipped; a coordinate out of range, a
// geometry that is neither polygon nor line, or malformed JSON is an error.
func parseLayer(b []byte) ([]shape, error) {
	if len(b) == 0 {
		return nil, nil
	}
	fs, err := decodeFeatures(b)
	if err != nil {
		return nil, fmt.Errorf("parse layer: %w", err)
	}
	var out []shape
	for i, f := range fs {
		s, err := toShape(f.Geometry)
		if err != nil {
			return nil, fmt.Errorf("parse layer: feature %d: %w", i, err)
		}
		if rank, ok := f.Properties["scalerank"].(float64); ok {
			s.rank = int(rank)
		}
		if len(s.polys) > 0 || len(s.lines) > 0 {
			out = append(out, s)
		}
	}
	return out, nil
}

// toShape projects a geometry. Points carry no area or line and give an
// empty shape.
func toShape(g orb.Geometry) (shape, error) {
	var s shape
	var err error
	first := true
	project := func(ls []orb.Point) []orb.Point {
		out := make([]orb.Point, 0, len(ls))
		for _, p := range ls {
			if !validLonLat(p) {
				err = fmt.Errorf("coordinate %v out of range", p)
				return nil
			}
			x, y := Project(p)
			q := orb.Point{x, y}
			if first {
				s.bound, first = orb.Bound{Min: q, Max: q}, false
			}
			s.bound = s.bound.Extend(q)
			out = append(out, q)
		}
		return out
	}
	addPoly := func(p orb.Polygon) {
		rings := make(orb.Polygon, 0, len(p))
		for _, r := range p {
			rings = append(rings, orb.Ring(project(r)))
		}
		s.polys = append(s.polys, rings)
	}
	switch g := g.(type) {
	case orb.Point, orb.MultiPoint:
	case orb.Polygon:
		addPoly(g)
	case orb.MultiPolygon:
		for _, p := range g {
			addPoly(p)
		}
	case orb.LineString:
		s.lines = append(s.lines, project(g))
	case orb.MultiLineString:
		for _, l := range g {
			s.lines = append(s.lines, project(l))
		}
	default:
		return shape{}, fmt.Errorf("unsupported geometry %s", g.GeoJSONType())
	}
	return s, err
}

// validLonLat reports whether p is a finite WGS84 coordinate.
func validLonLat(p orb.Point) bool {
	return !math.IsNaN(p[0]) && !math.IsNaN(p[1]) && p[0] >= -180 && p[0] <= 180 && p[1] >= -90 && p[1] <= 90
}

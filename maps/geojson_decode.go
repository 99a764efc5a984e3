package maps

import (
	"errors"
	"fmt"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// MaxLayerBytes bounds a GeoJSON layer (the shipped ones are under 64 KiB;
// a snapshot given on the command line may carry its own).
const MaxLayerBytes = 32 << 20

// errLayerTooLarge is returned for a layer of more than MaxLayerBytes.
var errLayerTooLarge = errors.New("GeoJSON layer too large")

// feature is a GeoJSON feature as the layers use it: a geometry and its
// properties.
type feature struct {
	Geometry   orb.Geometry
	Properties map[string]any
}

// decodeFeatures reads a GeoJSON FeatureCollection of points, lines and
// polygons (single or multi) with orb/geojson. Features without geometry
// are skipped; a geometry collection is an error, as the layers never
// hold one.
func decodeFeatures(b []byte) ([]feature, error) {
	if len(b) > MaxLayerBytes {
		return nil, fmt.Errorf("%d bytes, more than %d: %w", len(b), MaxLayerBytes, errLayerTooLarge)
	}
	fc, err := geojson.UnmarshalFeatureCollection(b)
	if err != nil {
		return nil, err
	}
	out := make([]feature, 0, len(fc.Features))
	for i, f := range fc.Features {
		if f == nil || f.Geometry == nil {
			continue
		}
		if _, ok := f.Geometry.(orb.Collection); ok {
			return nil, fmt.Errorf("feature %d: unsupported geometry %s", i, f.Geometry.GeoJSONType())
		}
		out = append(out, feature{Geometry: f.Geometry, Properties: f.Properties})
	}
	return out, nil
}

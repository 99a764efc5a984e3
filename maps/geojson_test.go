package maps_test

import (
	"bytes"
	"testing"

	"jiangsupass/assets"
	"jiangsupass/maps"
)

// TestLayerSizeIsBounded: a layer larger than MaxLayerBytes is refused
// before it is decoded, even when it is well-formed GeoJSON.
func TestLayerSizeIsBounded(t *testing.T) {
	empty := []byte(`{"type":"FeatureCollection","features":[]}`)
	big := append(bytes.Repeat([]byte(" "), maps.MaxLayerBytes), empty...)
	if _, err := maps.NamedPoints(big, "name"); err == nil {
		t.Error("NamedPoints read a layer larger than MaxLayerBytes")
	}
	if _, err := maps.NewRenderer(maps.Data{Lakes: big}, maps.LightStyle, assets.FontRegular, ""); err == nil {
		t.Error("NewRenderer took a layer larger than MaxLayerBytes")
	}
	if _, err := maps.NamedPoints(empty, "name"); err != nil {
		t.Errorf("an empty collection: %v", err)
	}
}

// TestLayerDecoding: the layers' GeoJSON is read by orb/geojson: names of
// points, polygons and lines are found, a feature without geometry is
// skipped, and what is not a feature collection is refused.
func TestLayerDecoding(t *testing.T) {
	layer := []byte(`{"type":"FeatureCollection","features":[
		{"type":"Feature","properties":{"name":"P"},"geometry":{"type":"Point","coordinates":[118.78,32.04]}},
		{"type":"Feature","properties":{"name":"L"},"geometry":{"type":"LineString","coordinates":[[118,32],[119,32],[120,32]]}},
		{"type":"Feature","properties":{"name":"none"},"geometry":null}]}`)
	got, err := maps.NamedPoints(layer, "name")
	if err != nil {
		t.Fatal(err)
	}
	if p := got["P"]; p[0] != 118.78 || p[1] != 32.04 {
		t.Errorf("P at %v", p)
	}
	if p := got["L"]; p[0] != 119 || p[1] != 32 {
		t.Errorf("L labelled at %v, want its middle vertex", p)
	}
	if _, ok := got["none"]; ok {
		t.Error("a feature without geometry has a place")
	}
	for _, bad := range []string{`{"type":"Feature"}`, `[1,2]`, `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Circle","coordinates":[1,2]}}]}`} {
		if _, err := maps.NamedPoints([]byte(bad), "name"); err == nil {
			t.Errorf("NamedPoints took %s", bad)
		}
	}
}

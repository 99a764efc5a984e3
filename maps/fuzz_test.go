package maps_test

import (
	"testing"

	"jiangsupass/assets"
	"jiangsupass/maps"
)

// FuzzNewRenderer feeds arbitrary bytes as a GeoJSON layer: the renderer
// either refuses it with an error or draws a tile from it, never panics.
func FuzzNewRenderer(f *testing.F) {
	for _, name := range []string{"ne10m_jiangsu_lakes.geojson", "ne10m_jiangsu_rivers.geojson", "ne10m_jiangsu_airports.geojson"} {
		b, err := assets.Data.ReadFile("data/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[118,32],[119,32],[119,33]]]}}]}`))
	f.Add([]byte(`{"type":"FeatureCollection","features":[{"geometry":{"type":"LineString","coordinates":[[1e400,2]]}}]}`))
	f.Add([]byte(`{"type":"Feature"}`))
	f.Add([]byte(`{"type":"FeatureCollection","features":[{"geometry":{"type":"MultiPolygon","coordinates":[[[[0]]]]}}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := maps.NewRenderer(maps.Data{Lakes: b}, maps.LightStyle, assets.FontRegular, "")
		if err != nil {
			return
		}
		if _, err := r.Tile(t.Context(), maps.TileID{Z: 8, X: 213, Y: 105}); err != nil {
			t.Fatalf("a layer that parsed could not be drawn: %v", err)
		}
		if _, err := maps.NamedPoints(b, "name"); err != nil {
			t.Fatalf("a layer the renderer took was refused by NamedPoints: %v", err)
		}
	})
}

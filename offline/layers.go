package offline

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"jiangsupass/assets/seed"
)

// LayerNames lists the GeoJSON layers that Layer can return.
func LayerNames() []string {
	names := make([]string, len(seed.Layers))
	for i, l := range seed.Layers {
		names[i] = l.Name
	}
	return names
}

// Layer returns a GeoJSON layer (a FeatureCollection, WGS84) shipped with
// the seed, by name: "outline", "prefectures", "lakes", "rivers",
// "coastline", "places", "airports", "ports". An unknown name gives an
// error wrapping ErrNotFound.
func (s *Store) Layer(ctx context.Context, name string) ([]byte, error) {
	var b []byte
	err := s.db.QueryRowContext(ctx, "SELECT geojson FROM layers WHERE name = ?", name).Scan(&b)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("layer %q: %w", name, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("layer %q: %w", name, err)
	}
	return b, nil
}

package screens

import (
	"context"
	"os/exec"
	"path/filepath"
	"testing"

	"jiangsupass/assets"
	"jiangsupass/maps"
	"jiangsupass/maps/mapview"
)

// TestUserBasemapShown points the maps at a raster MBTiles file (one the
// app drew, relabelled with the sqlite3 tool): the map screen shows that
// file's tiles and attribution instead of drawing its own.
func TestUserBasemapShown(t *testing.T) {
	if _, err := exec.LookPath("sqlite3"); err != nil {
		t.Skip("sqlite3 command-line tool not installed")
	}
	env, _ := testEnv(t, "en")
	ctx := context.Background()
	cities, err := loadCityPlaces(ctx, env.Store)
	if err != nil {
		t.Fatal(err)
	}
	d, err := buildMapData(ctx, env, cities)
	if err != nil {
		t.Fatal(err)
	}
	r, err := maps.NewRenderer(d, maps.LightStyle, assets.FontRegular, "drawn")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "user.mbtiles")
	c, err := maps.OpenCache(ctx, path, r)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Tile(ctx, maps.TileID{Z: 7, X: 106, Y: 51}); err != nil {
		t.Fatal(err)
	}
	c.Close()
	if out, err := exec.Command("sqlite3", path, "UPDATE metadata SET value = 'Tiles © the user' WHERE name = 'attribution'").CombinedOutput(); err != nil {
		t.Fatalf("sqlite3: %v %s", err, out)
	}

	ConfigureMaps("", path)
	t.Cleanup(func() {
		mapConfig.Lock()
		if mapConfig.user != nil {
			mapConfig.user.Close()
		}
		mapConfig.user, mapConfig.sources = nil, nil
		mapConfig.Unlock()
		ConfigureMaps("", "")
	})
	w := show(t, buildMap(env, Route{Screen: MapID, Param: "province"}))
	m := find[*mapview.Map](w.Content())
	if len(m) != 1 {
		t.Fatal("no map")
	}
	if got := m[0].Attribution(); got != "Tiles © the user" {
		t.Errorf("attribution %q: the user's basemap is not shown", got)
	}
	if err := m[0].FetchError(); err != nil {
		t.Errorf("reading the user's tiles: %v", err)
	}
}

// TestMapSourceReused gives the same basemap for the same language, style
// and data, and another for another style.
func TestMapSourceReused(t *testing.T) {
	env, _ := testEnv(t, "en")
	ctx := context.Background()
	a, cities, err := mapSource(ctx, env, maps.LightStyle)
	if err != nil || len(cities) != 13 {
		t.Fatalf("%v, %d cities", err, len(cities))
	}
	b, _, err := mapSource(ctx, env, maps.LightStyle)
	if err != nil || a != b {
		t.Errorf("a second light map drew a new basemap (%v)", err)
	}
	c, _, err := mapSource(ctx, env, maps.DarkStyle)
	if err != nil || c == a {
		t.Errorf("the dark map reuses the light basemap (%v)", err)
	}
}

// TestDensityFor rounds a canvas scale to the density tiles are drawn at.
func TestDensityFor(t *testing.T) {
	for scale, want := range map[float32]int{0.5: 1, 1: 1, 1.25: 1, 1.5: 2, 2: 2, 2.625: 3, 4: 3} {
		if got := densityFor(scale); got != want {
			t.Errorf("densityFor(%v) = %d, want %d", scale, got, want)
		}
	}
}

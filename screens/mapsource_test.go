package screens

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
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

	user := NewBasemaps("", path)
	t.Cleanup(func() { _ = user.Close() })
	env.Maps = user
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

// TestMapCacheClosedOnStyleChange draws a tile of the light basemap into
// its cache in the data folder, then asks for the dark one: the light
// cache is closed, so that a copy of its .mbtiles alone holds the tile.
// Closing the maps, as the app does when it stops, closes the dark one.
func TestMapCacheClosedOnStyleChange(t *testing.T) {
	if _, err := exec.LookPath("sqlite3"); err != nil {
		t.Skip("sqlite3 command-line tool not installed")
	}
	env, _ := testEnv(t, "en")
	ctx := context.Background()
	dir := t.TempDir()
	env.Maps = NewBasemaps(dir, "")
	t.Cleanup(func() { closeMapsForTest(t, env) })
	tile := maps.TileID{Z: 7, X: 106, Y: 51}
	for _, style := range []maps.Style{maps.LightStyle, maps.DarkStyle} {
		src, _, err := mapSource(ctx, env, style)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := src.Tile(ctx, tile); err != nil {
			t.Fatal(err)
		}
	}
	light := filepath.Join(dir, "basemap-light-en.mbtiles")
	if n := tilesInCopy(t, light); n != "1" {
		t.Errorf("a copy of the light cache alone holds %q tiles after the style changed, want 1", n)
	}
	closeMapsForTest(t, env)
	if n := tilesInCopy(t, filepath.Join(dir, "basemap-dark-en.mbtiles")); n != "1" {
		t.Errorf("a copy of the dark cache alone holds %q tiles after the maps were closed, want 1", n)
	}
}

// tilesInCopy copies an MBTiles file alone, without its -wal, and counts
// its tiles with the sqlite3 tool; the tool's error when it cannot.
func tilesInCopy(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	alone := filepath.Join(t.TempDir(), filepath.Base(path))
	if err := os.WriteFile(alone, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, _ := exec.Command("sqlite3", alone, "SELECT count(*) FROM tiles").CombinedOutput()
	return strings.TrimSpace(string(out))
}

// closeMapsForTest closes the maps as the app does when it stops.
func closeMapsForTest(t *testing.T, env *Env) {
	t.Helper()
	if err := env.Services.Close(); err != nil {
		t.Errorf("closing the maps: %v", err)
	}
}

package maps_test

import (
	"bytes"
	"context"
	"errors"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"jiangsupass/maps"
)

// TestCacheReadBySQLiteCLI renders a few tiles through the MBTiles cache,
// then reads the file with the sqlite3 command-line tool: the metadata of
// the spec and a tile that decodes as the PNG the cache returns.
func TestCacheReadBySQLiteCLI(t *testing.T) {
	if _, err := exec.LookPath("sqlite3"); err != nil {
		t.Skip("sqlite3 command-line tool not installed")
	}
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "basemap-light-en.mbtiles")
	c, err := maps.OpenCache(ctx, path, newRenderer(t, maps.LightStyle))
	if err != nil {
		t.Fatal(err)
	}
	tile := maps.TileID{Z: 8, X: 212, Y: 103}
	if _, err := c.Tile(ctx, tile); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Tile(ctx, tile); err != nil {
		t.Fatal(err)
	}
	if hits, renders := c.Stats(); hits != 1 || renders != 1 {
		t.Errorf("hits, renders = %d, %d; want 1, 1", hits, renders)
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}

	meta := sqlite(t, path, "SELECT name || '=' || value FROM metadata ORDER BY name")
	// The zooms are the ones it holds: the one tile is at zoom 8.
	for _, want := range []string{"format=png", "minzoom=8", "maxzoom=8", "type=baselayer", "name=Jiangsu Pass basemap (light)"} {
		if !strings.Contains(meta, want+"\n") {
			t.Errorf("metadata lacks %q:\n%s", want, meta)
		}
	}
	// tile_row counts from the south (TMS): 2^8-1-103 = 152.
	out := sqlite(t, path, "SELECT writefile('"+filepath.Join(filepath.Dir(path), "t.png")+
		"', tile_data) FROM tiles WHERE zoom_level=8 AND tile_column=212 AND tile_row=152")
	if strings.TrimSpace(out) == "" || strings.TrimSpace(out) == "0" {
		t.Fatalf("sqlite3 found no tile 8/212/152: %q", out)
	}
	b, err := os.ReadFile(filepath.Join(filepath.Dir(path), "t.png"))
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("tile written by sqlite3 is not a PNG: %v", err)
	}
	if img.Bounds().Dx() != maps.TileSize || img.Bounds().Dy() != maps.TileSize {
		t.Errorf("tile is %v", img.Bounds())
	}
}

func sqlite(t *testing.T, path, q string) string {
	t.Helper()
	out, err := exec.Command("sqlite3", path, q).CombinedOutput()
	if err != nil {
		t.Fatalf("sqlite3 %q: %v\n%s", q, err, out)
	}
	return string(out)
}

// TestCacheRebuiltOnNewVersion opens the cache with another style: the
// tiles drawn for the old one are gone and the version row is the new one.
func TestCacheRebuiltOnNewVersion(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "cache.mbtiles")
	light := newRenderer(t, maps.LightStyle)
	c, err := maps.OpenCache(ctx, path, light)
	if err != nil {
		t.Fatal(err)
	}
	tile := maps.TileID{Z: 7, X: 106, Y: 51}
	if _, err := c.Tile(ctx, tile); err != nil {
		t.Fatal(err)
	}
	c.Close()

	c, err = maps.OpenCache(ctx, path, light) // same version: kept
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.File().TileData(ctx, tile); err != nil {
		t.Errorf("same version lost its tile: %v", err)
	}
	c.Close()

	dark := newRenderer(t, maps.DarkStyle)
	c, err = maps.OpenCache(ctx, path, dark)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, err := c.File().TileData(ctx, tile); !errors.Is(err, maps.ErrNoTile) {
		t.Errorf("after a style change the old tile is still there (err %v)", err)
	}
	if v := c.File().Metadata()["jiangsupass_version"]; v != dark.Version() {
		t.Errorf("version row %q, want %q", v, dark.Version())
	}
}

// TestOpenMBTilesRejects opens files that are not tile sets.
func TestOpenMBTilesRejects(t *testing.T) {
	dir := t.TempDir()
	junk := filepath.Join(dir, "junk.mbtiles")
	if err := os.WriteFile(junk, []byte("not a database at all, just text"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := maps.OpenMBTiles(junk); err == nil {
		t.Error("a text file opened as MBTiles")
	}
	if _, err := maps.OpenMBTiles(filepath.Join(dir, "missing.mbtiles")); err == nil {
		t.Error("a missing file opened as MBTiles")
	}
	empty := filepath.Join(dir, "empty.mbtiles")
	sqlite(t, empty, "CREATE TABLE other (x)")
	if _, err := maps.OpenMBTiles(empty); err == nil {
		t.Error("a database without the MBTiles tables opened")
	}
}

// TestOpenMBTilesUserFile reads a raster MBTiles written by the cache as a
// user's basemap, with its zooms and attribution.
func TestOpenMBTilesUserFile(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "user.mbtiles")
	c, err := maps.OpenCache(ctx, path, newRenderer(t, maps.LightStyle))
	if err != nil {
		t.Fatal(err)
	}
	tile := maps.TileID{Z: 9, X: 425, Y: 207}
	want, err := c.Tile(ctx, tile)
	if err != nil {
		t.Fatal(err)
	}
	c.Close()
	m, err := maps.OpenMBTiles(path)
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	if lo, hi := m.Zooms(); lo != 9 || hi != 9 {
		t.Errorf("zooms %d–%d, want 9–9: the file holds one tile, at zoom 9", lo, hi)
	}
	if m.Attribution() == "" {
		t.Error("no attribution")
	}
	got, err := m.Tile(ctx, tile)
	if err != nil {
		t.Fatal(err)
	}
	if diff := meanDiff(got, want); diff > 0 {
		t.Errorf("tile read back differs by %.3f", diff)
	}
	if _, err := m.Tile(ctx, maps.TileID{Z: 9, X: 0, Y: 0}); !errors.Is(err, maps.ErrNoTile) {
		t.Errorf("missing tile: %v", err)
	}
}

// TestAttributionWithoutTags reads an attribution written as HTML links
// as plain text.
func TestAttributionWithoutTags(t *testing.T) {
	path := filepath.Join(t.TempDir(), "html.mbtiles")
	sqlite(t, path, `CREATE TABLE metadata (name TEXT, value TEXT);
		CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);
		INSERT INTO metadata VALUES ('attribution', '<a href="https://example.org/">© Example</a> contributors');`)
	m, err := maps.OpenMBTiles(path)
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	if got := m.Attribution(); got != "© Example contributors" {
		t.Errorf("attribution %q", got)
	}
}

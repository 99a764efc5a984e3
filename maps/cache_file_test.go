package maps_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"jiangsupass/maps"
)

// copyAlone copies the file at path, without its -wal and -shm files,
// into a folder of its own, as a user copying the .mbtiles would.
func copyAlone(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), filepath.Base(path))
	if err := os.WriteFile(out, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return out
}

// metadataRows reads the metadata table with the sqlite3 tool.
func metadataRows(t *testing.T, path string) map[string]string {
	t.Helper()
	rows := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(sqlite(t, path, "SELECT name || '=' || value FROM metadata")), "\n") {
		if k, v, ok := strings.Cut(line, "="); ok {
			rows[k] = v
		}
	}
	return rows
}

// TestClosedCacheStandsAlone draws tiles at zooms 7, 8 and 10 into the
// @2x cache and closes it. A copy of the .mbtiles alone is a complete
// tile set in a rollback journal: the sqlite3 tool finds every tile, the
// metadata says the zooms it holds, the tileset's revision and its
// 512-pixel tiles, and gdalinfo opens it as MBTiles with 512-pixel
// blocks. A style change makes the next revision.
func TestClosedCacheStandsAlone(t *testing.T) {
	if _, err := exec.LookPath("sqlite3"); err != nil {
		t.Skip("sqlite3 command-line tool not installed (Debian: sqlite3)")
	}
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "basemap-light-en@2x.mbtiles")
	r := newRenderer(t, maps.LightStyle).WithDensity(2)
	c, err := maps.OpenCache(ctx, path, r)
	if err != nil {
		t.Fatal(err)
	}
	for _, tile := range []maps.TileID{{Z: 7, X: 106, Y: 51}, {Z: 8, X: 212, Y: 103}, {Z: 10, X: 850, Y: 413}} {
		if _, err := c.Tile(ctx, tile); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	alone := copyAlone(t, path)
	if n := strings.TrimSpace(sqlite(t, alone, "SELECT count(*) FROM tiles")); n != "3" {
		t.Errorf("the copy holds %s tiles, want 3", n)
	}
	if mode := strings.TrimSpace(sqlite(t, alone, "PRAGMA journal_mode")); mode != "delete" {
		t.Errorf("journal mode %q: a copy of the file alone needs its -wal", mode)
	}
	meta := metadataRows(t, alone)
	for k, want := range map[string]string{"minzoom": "7", "maxzoom": "10", "version": "1", "tilesize": "512", "scale": "2",
		"format": "png", "name": "Jiangsu Pass basemap (light, @2x)"} {
		if meta[k] != want {
			t.Errorf("metadata %s = %q, want %q", k, meta[k], want)
		}
	}
	if _, err := exec.LookPath("gdalinfo"); err != nil {
		t.Log("gdalinfo not installed (Debian: gdal-bin); the GDAL check is skipped")
	} else {
		out, err := exec.Command("gdalinfo", alone).CombinedOutput()
		info := string(out)
		if err != nil || !strings.Contains(info, "Driver: MBTiles/MBTiles") || !strings.Contains(info, "Block=512x512") ||
			!strings.Contains(info, "ZOOM_LEVEL=10") {
			t.Errorf("gdalinfo: %v\n%s", err, info)
		}
	}

	c, err = maps.OpenCache(ctx, path, newRenderer(t, maps.DarkStyle).WithDensity(2))
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	meta = metadataRows(t, copyAlone(t, path))
	if meta["version"] != "2" {
		t.Errorf("version %q after the style changed, want revision 2", meta["version"])
	}
	if _, ok := meta["minzoom"]; ok {
		t.Errorf("an emptied cache claims zooms %s–%s", meta["minzoom"], meta["maxzoom"])
	}
}

// TestClosedCacheDrawsOn keeps a map that still holds a closed cache
// working: its tiles are drawn, no longer stored.
func TestClosedCacheDrawsOn(t *testing.T) {
	ctx := context.Background()
	c, err := maps.OpenCache(ctx, filepath.Join(t.TempDir(), "c.mbtiles"), newRenderer(t, maps.LightStyle))
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	if err := c.Close(); err != nil {
		t.Errorf("a second Close: %v", err)
	}
	img, err := c.Tile(ctx, maps.TileID{Z: 7, X: 106, Y: 51})
	if err != nil || img == nil {
		t.Errorf("a closed cache gave %v, %v; want the drawn tile", img, err)
	}
}

// TestRelativePathFromWorkingDirectory opens a cache and a basemap by a
// relative path: the file is in the working directory, not at the root.
func TestRelativePathFromWorkingDirectory(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	name := filepath.Base(filepath.Dir(dir)) + ".mbtiles" // unique, should it land at the root
	t.Cleanup(func() {
		for _, suffix := range []string{"", "-wal", "-shm"} {
			os.Remove("/" + name + suffix)
		}
	})
	ctx := context.Background()
	c, err := maps.OpenCache(ctx, name, newRenderer(t, maps.LightStyle))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Tile(ctx, maps.TileID{Z: 7, X: 106, Y: 51}); err != nil {
		t.Fatal(err)
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
		t.Errorf("the cache is not in the working directory: %v", err)
	}
	if _, err := os.Stat("/" + name); err == nil {
		t.Errorf("the cache was made at /%s", name)
	}
	m, err := maps.OpenMBTiles(name)
	if err != nil {
		t.Fatalf("a basemap by relative path: %v", err)
	}
	m.Close()
}

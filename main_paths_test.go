package main

import (
	"os/exec"
	"path/filepath"
	"testing"

	"jiangsupass/screens"
)

// TestRelativePathsFromWorkingDirectory runs from a folder and names every
// path flag relatively: each is taken from the working directory, the
// basemap there opens, and a tile cache in the data folder is made there.
func TestRelativePathsFromWorkingDirectory(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	cfg, err := parseFlags([]string{"--basemap", "x.mbtiles", "--data-dir", "data", "--anchors", "anchors.pem", "--kiosk", "kiosk.toml"})
	if err != nil {
		t.Fatal(err)
	}
	for flag, got := range map[string]string{"basemap": cfg.Basemap, "data-dir": cfg.DataDir, "anchors": cfg.Anchors, "kiosk": cfg.Kiosk} {
		want := map[string]string{"basemap": "x.mbtiles", "data-dir": "data", "anchors": "anchors.pem", "kiosk": "kiosk.toml"}[flag]
		if got != filepath.Join(dir, want) {
			t.Errorf("--%s %s is %q, want %q", flag, want, got, filepath.Join(dir, want))
		}
	}
	if cfg, _ := parseFlags(nil); cfg.DataDir != "" || cfg.Basemap != "" {
		t.Errorf("no flags gave paths %q, %q; want none, for the app's own storage", cfg.DataDir, cfg.Basemap)
	}

	// The basemap: an MBTiles file in the working directory, made by the
	// sqlite3 tool, opens by its relative name too.
	if _, err := exec.LookPath("sqlite3"); err != nil {
		t.Skip("sqlite3 command-line tool not installed")
	}
	schema := "CREATE TABLE metadata (name TEXT, value TEXT); CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);"
	if out, err := exec.Command("sqlite3", "x.mbtiles", schema).CombinedOutput(); err != nil {
		t.Fatalf("sqlite3: %v %s", err, out)
	}
	for _, path := range []string{cfg.Basemap, "x.mbtiles"} {
		if err := screens.CheckBasemap(path); err != nil {
			t.Errorf("--basemap x.mbtiles in the working directory, opened as %s: %v", path, err)
		}
	}
}

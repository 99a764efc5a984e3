package main

import (
	"os"
	"path/filepath"
	"testing"

	"jiangsupass/screens"
)

// TestBasemapFlag passes --basemap through to the config, and the check
// the app runs at start-up refuses a file that is not MBTiles.
func TestBasemapFlag(t *testing.T) {
	cfg, err := parseFlags([]string{"--basemap", "/maps/jiangsu.mbtiles"})
	if err != nil || cfg.Basemap != "/maps/jiangsu.mbtiles" {
		t.Errorf("--basemap: %+v, %v", cfg, err)
	}
	bad := filepath.Join(t.TempDir(), "not.mbtiles")
	if err := os.WriteFile(bad, []byte("plain text, not SQLite"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := screens.CheckBasemap(bad); err == nil {
		t.Error("a text file passed as a basemap")
	}
	if err := screens.CheckBasemap(filepath.Join(t.TempDir(), "missing.mbtiles")); err == nil {
		t.Error("a missing file passed as a basemap")
	}
}

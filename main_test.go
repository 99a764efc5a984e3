package main

import (
	"os"
	"path/filepath"
	"testing"

	"jiangsupass/app"
)

func TestParseFlags(t *testing.T) {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := parseFlags([]string{"--lang", "en", "--elder", "--theme", "dark", "--data-dir", "/tmp/x", "--anchors", "out", "--demo"})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Lang != "en" || cfg.Elder == nil || !*cfg.Elder || cfg.Theme != app.ThemeDark || cfg.DataDir != "/tmp/x" || cfg.Anchors != filepath.Join(wd, "out") || !cfg.Demo {
		t.Errorf("parsed %+v", cfg)
	}
	if cfg, err := parseFlags([]string{"--api", "http://127.0.0.1:8787"}); err != nil || cfg.API != "http://127.0.0.1:8787" {
		t.Errorf("--api: %+v, %v", cfg, err)
	}
	cfg, err = parseFlags(nil)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Elder != nil || cfg.Theme != "" || cfg.Lang != "" {
		t.Errorf("no flags should leave the settings to decide: %+v", cfg)
	}
	if cfg, _ := parseFlags([]string{"--elder=false"}); cfg.Elder == nil || *cfg.Elder {
		t.Error("--elder=false should turn 长辈版 off for the run")
	}
	for _, bad := range [][]string{{"--lang", "fr"}, {"--theme", "purple"}, {"--no-such-flag"}} {
		if _, err := parseFlags(bad); err == nil {
			t.Errorf("%v: accepted", bad)
		}
	}
}

// Command jiangsupass is 江苏通 Jiangsu Pass: a tourist's guide to Jiangsu
// and a resident's citizen services in one app that works offline.
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"jiangsupass/app"
	"jiangsupass/translations"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "0.1.0-dev"

func main() {
	cfg, err := parseFlags(os.Args[1:])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	if err := app.Run(cfg); err != nil {
		if !errors.Is(err, app.ErrRefused) { // the app has said why already
			fmt.Fprintln(os.Stderr, "jiangsupass:", err)
		}
		os.Exit(1)
	}
}

// parseFlags turns the command line into the app's Config.
func parseFlags(args []string) (app.Config, error) {
	fs := flag.NewFlagSet("jiangsupass", flag.ContinueOnError)
	lang := fs.String("lang", "", "language: zh-Hans, en, zh-Hant, ja or ko (default: the saved setting, else the system's)")
	elder := fs.Bool("elder", false, "长辈版: large text and large buttons (default: the saved setting)")
	themeName := fs.String("theme", "", "theme: light, dark or system (default: the saved setting)")
	dataDir := fs.String("data-dir", "", "folder for the local database (default: the app's storage folder)")
	basemap := fs.String("basemap", "", "a raster MBTiles file to show as the map's basemap instead of the app's own")
	bare := fs.Bool("bare", false, "show an empty window only (the start-up benchmark's baseline)")
	kioskFile := fs.String("kiosk", "", "run as a public kiosk, full-screen, as this kiosk file says (see packaging/kiosk.example.toml)")
	api := fs.String("api", "", "the platform server to sync from, e.g. http://127.0.0.1:8787 (default: the saved setting)")
	anchors := fs.String("anchors", "", "a file of the trust anchors (PEM public keys) to check codes by, instead of those built in")
	demo := fs.Bool("demo", false, "run as a demo, saying on screen that its codes protect nothing; a release build with the demo anchors starts only so")
	if err := fs.Parse(args); err != nil {
		return app.Config{}, err
	}
	cfg := app.Config{Lang: *lang, Bare: *bare, Version: version, API: *api, Demo: *demo}
	// Paths are taken from the working directory, as a shell user means
	// them, whatever directory the app or a library resolves them from.
	for _, p := range []struct {
		dst  *string
		flag string
		val  string
	}{{&cfg.DataDir, "data-dir", *dataDir}, {&cfg.Anchors, "anchors", *anchors}, {&cfg.Basemap, "basemap", *basemap}, {&cfg.Kiosk, "kiosk", *kioskFile}} {
		abs, err := absPath(p.val)
		if err != nil {
			return app.Config{}, fmt.Errorf("--%s %q: %w", p.flag, p.val, err)
		}
		*p.dst = abs
	}
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "elder" {
			cfg.Elder = elder
		}
	})
	if *lang != "" && !translations.Supported(*lang) {
		return app.Config{}, fmt.Errorf("--lang %q: want one of %s", *lang, languageTags())
	}
	if *themeName != "" {
		m, ok := app.ParseThemeMode(*themeName)
		if !ok {
			return app.Config{}, fmt.Errorf("--theme %q: want light, dark or system", *themeName)
		}
		cfg.Theme = m
	}
	return cfg, nil
}

// absPath is path made absolute from the working directory; "" stays "".
func absPath(path string) (string, error) {
	if path == "" {
		return "", nil
	}
	return filepath.Abs(path)
}

// languageTags lists the supported languages for an error message.
func languageTags() string {
	tags := make([]string, len(translations.Languages))
	for i, l := range translations.Languages {
		tags[i] = l.Tag
	}
	return strings.Join(tags, ", ")
}

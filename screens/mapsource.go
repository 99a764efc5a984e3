package screens

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"jiangsupass/assets"
	"jiangsupass/maps"
	"jiangsupass/offline"
)

// mapConfig is where the basemap comes from, set once at start-up by
// ConfigureMaps.
var mapConfig struct {
	sync.Mutex
	dataDir string                     // where the tile caches live; "" keeps tiles in memory only
	basemap string                     // a user's raster MBTiles file, or ""
	user    *maps.MBTiles              // opened on first use
	sources map[mapKey]*mapSourceEntry // the drawn basemaps made so far
}

// mapKey names a drawn basemap: the store it is drawn from, a language,
// a style, a density and the size of its place names.
type mapKey struct {
	store   *offline.Store
	lang    string
	style   string
	density int
	labels  float64
}

type mapSourceEntry struct {
	src     maps.TileSource
	cache   *maps.Cache // the tile cache under src, closed when src is let go; nil when none
	version string      // of the data it was drawn from
}

// ConfigureMaps tells the map screens where to keep the tile cache (an
// MBTiles file per style and language in dataDir; "" keeps tiles in memory
// only) and, when basemap is not "", to show the user's raster MBTiles file
// instead of the drawn basemap. The app calls it once before showing
// anything.
func ConfigureMaps(dataDir, basemap string) {
	mapConfig.Lock()
	defer mapConfig.Unlock()
	mapConfig.dataDir, mapConfig.basemap = dataDir, basemap
}

// CloseMaps closes the tile caches and the user's basemap, so that each
// .mbtiles file is whole on its own once the app has stopped. The app
// calls it when its window has closed; maps drawn after it work on,
// without a cache.
func CloseMaps() error {
	mapConfig.Lock()
	defer mapConfig.Unlock()
	err := letGoOfSources()
	if mapConfig.user != nil {
		err = errors.Join(err, mapConfig.user.Close())
		mapConfig.user = nil
	}
	return err
}

// letGoOfSources closes the cache of every drawn basemap made so far and
// forgets them. The caller holds mapConfig's lock.
func letGoOfSources() error {
	var err error
	for k, e := range mapConfig.sources {
		if e.cache != nil {
			err = errors.Join(err, e.cache.Close())
		}
		delete(mapConfig.sources, k)
	}
	return err
}

// CheckBasemap opens a raster MBTiles file to make sure it can be used as
// the basemap, so that a bad --basemap is reported at start-up.
func CheckBasemap(path string) error {
	m, err := maps.OpenMBTiles(path)
	if err != nil {
		return err
	}
	return m.Close()
}

// mapStyle is the basemap style that goes with the theme being shown, at
// the density of the window's screen. It reads the window, so it is called
// on the UI goroutine.
func mapStyle(env *Env) maps.Style {
	st := maps.LightStyle
	switch env.Prefs.ThemeMode() {
	case "dark":
		st = maps.DarkStyle
	case "light":
	default:
		if a := fyne.CurrentApp(); a != nil && a.Settings().ThemeVariant() == theme.VariantDark {
			st = maps.DarkStyle
		}
	}
	if env.Window != nil {
		st.Density = densityFor(env.Window.Canvas().Scale())
	}
	if env.Elder {
		st.LabelScale = elderLabelScale
	}
	return st
}

// elderLabelScale is how much larger 长辈版 draws the basemap's place
// names: about as much as its text is larger than the normal theme's
// (22 units to 15).
const elderLabelScale = 1.5

// densityFor is the whole number of device pixels per unit that tiles are
// drawn at for a canvas scale: 1 up to 1.5, then 2, then 3 from 2.5.
func densityFor(scale float32) int {
	switch {
	case scale < 1.5:
		return 1
	case scale < 2.5:
		return 2
	}
	return 3
}

// mapSource returns the basemap for env's language and theme, with the
// cities it labels. It reads the map's data from the store each time, and
// draws a new basemap (emptying its tile cache) when that data has changed
// since the last time, e.g. after a sync. It runs off the UI thread.
func mapSource(ctx context.Context, env *Env, style maps.Style) (maps.TileSource, []cityPlace, error) {
	cities, err := loadCityPlaces(ctx, env.Store)
	if err != nil {
		return nil, nil, fmt.Errorf("map cities: %w", err)
	}
	key := mapKey{env.Store, env.L.Lang(), style.Name, max(1, style.Density), style.LabelScale}
	mapConfig.Lock()
	defer mapConfig.Unlock()
	if mapConfig.basemap != "" {
		if mapConfig.user == nil {
			if mapConfig.user, err = maps.OpenMBTiles(mapConfig.basemap); err != nil {
				return nil, nil, err
			}
		}
		return mapConfig.user, cities, nil
	}
	d, err := buildMapData(ctx, env, cities)
	if err != nil {
		return nil, nil, fmt.Errorf("map data: %w", err)
	}
	if e, ok := mapConfig.sources[key]; ok && e.version == d.Version() {
		return e.src, cities, nil
	}
	// Another style, language or density, or new data: the basemaps made
	// so far are let go, and their caches closed whole (a map still
	// showing one draws on without it). The same file may be opened again
	// below, for new data.
	if err := letGoOfSources(); err != nil {
		fyne.LogError("closing a basemap tile cache", err)
	}
	src, err := drawnBasemap(ctx, env, style, d)
	if err != nil {
		return nil, nil, err
	}
	cache, _ := src.(*maps.Cache)
	src = maps.NewMemo(src, 128) // 128 decoded tiles: 32 MB
	if mapConfig.sources == nil {
		mapConfig.sources = map[mapKey]*mapSourceEntry{}
	}
	mapConfig.sources[key] = &mapSourceEntry{src: src, cache: cache, version: d.Version()}
	return src, cities, nil
}

// drawnBasemap is the app's own renderer of d, behind an MBTiles cache in
// the data directory when there is one.
func drawnBasemap(ctx context.Context, env *Env, style maps.Style, d maps.Data) (maps.TileSource, error) {
	r, err := maps.NewRenderer(d, style, assets.FontRegular, env.T("MapAttribution"))
	if err != nil {
		return nil, err
	}
	if mapConfig.dataDir == "" {
		return r, nil
	}
	base := fmt.Sprintf("basemap-%s-%s", style.Name, d.Lang)
	if style.LabelScale > 1 {
		base += "-large" // 长辈版's names, in a cache of their own
	}
	name := base + ".mbtiles"
	if style.Density > 1 {
		name = fmt.Sprintf("%s@%dx.mbtiles", base, style.Density)
	}
	path := filepath.Join(mapConfig.dataDir, name)
	c, err := maps.OpenCache(ctx, path, r)
	if err != nil {
		// The map still works, drawing every tile afresh; the cache is
		// only an optimisation.
		fyne.LogError("basemap tile cache unusable, drawing without it", err)
		return r, nil
	}
	return c, nil
}

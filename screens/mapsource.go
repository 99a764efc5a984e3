package screens

import (
	"context"
	"errors"
	"fmt"
	"image/color"
	"path/filepath"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"jiangsupass/assets"
	"jiangsupass/maps"
	"jiangsupass/offline"
)

// Basemaps is the app's MapSource: it draws the basemap from the store's
// map data, behind an MBTiles tile cache per style and language in a data
// directory, or shows a user's raster MBTiles file instead.
type Basemaps struct {
	mu      sync.Mutex
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

// NewBasemaps is a MapSource keeping its tile caches in dataDir (an
// MBTiles file per style and language; "" keeps tiles in memory only)
// that shows the user's raster MBTiles file basemap instead of the drawn
// basemap when basemap is not "".
func NewBasemaps(dataDir, basemap string) *Basemaps {
	return &Basemaps{dataDir: dataDir, basemap: basemap}
}

// Close closes the tile caches and the user's basemap, so that each
// .mbtiles file is whole on its own once the app has stopped. Maps drawn
// after it work on, without a cache.
func (b *Basemaps) Close() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	err := b.letGoOfSources()
	if b.user != nil {
		err = errors.Join(err, b.user.Close())
		b.user = nil
	}
	return err
}

// letGoOfSources closes the cache of every drawn basemap made so far and
// forgets them. The caller holds b.mu.
func (b *Basemaps) letGoOfSources() error {
	var err error
	for k, e := range b.sources {
		if e.cache != nil {
			err = errors.Join(err, e.cache.Close())
		}
		delete(b.sources, k)
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
// the density of the window's screen. Following the system, it is dark
// when the theme in force draws a dark background. It reads the window,
// so it is called on the UI goroutine.
func mapStyle(env *Env) maps.Style {
	st := maps.LightStyle
	switch env.Prefs.ThemeMode() {
	case "dark":
		st = maps.DarkStyle
	case "light":
	default:
		if isDark(theme.Color(theme.ColorNameBackground)) {
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

// isDark reports whether c is a dark colour: its grey (the standard
// library's, ITU-R BT.601 luma) is under half.
func isDark(c color.Color) bool {
	return color.GrayModel.Convert(c).(color.Gray).Y < 0x80
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

// mapSource returns the basemap for env's language and theme, from the
// app's MapSource, with the cities it labels. It runs off the UI thread.
func mapSource(ctx context.Context, env *Env, style maps.Style) (maps.TileSource, []cityPlace, error) {
	cities, err := loadCityPlaces(ctx, env.Store)
	if err != nil {
		return nil, nil, fmt.Errorf("map cities: %w", err)
	}
	src, err := env.Maps.Basemap(ctx, BasemapRequest{
		Store: env.Store, Lang: env.L.Lang(), Style: style, Attribution: env.T("MapAttribution"),
		Data: func(ctx context.Context) (maps.Data, error) { return buildMapData(ctx, env, cities) },
	})
	if err != nil {
		return nil, nil, err
	}
	return src, cities, nil
}

// Basemap implements MapSource. It reads the map's data each time, and
// draws a new basemap (emptying its tile cache) when that data has
// changed since the last time, e.g. after a sync.
func (b *Basemaps) Basemap(ctx context.Context, req BasemapRequest) (maps.TileSource, error) {
	style := req.Style
	key := mapKey{req.Store, req.Lang, style.Name, max(1, style.Density), style.LabelScale}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.basemap != "" {
		if b.user == nil {
			m, err := maps.OpenMBTiles(b.basemap)
			if err != nil {
				return nil, err
			}
			b.user = m
		}
		return b.user, nil
	}
	d, err := req.Data(ctx)
	if err != nil {
		return nil, fmt.Errorf("map data: %w", err)
	}
	if e, ok := b.sources[key]; ok && e.version == d.Version() {
		return e.src, nil
	}
	// Another style, language or density, or new data: the basemaps made
	// so far are let go, and their caches closed whole (a map still
	// showing one draws on without it). The same file may be opened again
	// below, for new data.
	if err := b.letGoOfSources(); err != nil {
		fyne.LogError("closing a basemap tile cache", err)
	}
	src, err := b.drawn(ctx, style, d, req.Attribution)
	if err != nil {
		return nil, err
	}
	cache, _ := src.(*maps.Cache)
	src = maps.NewMemo(src, 128) // 128 decoded tiles: 32 MB
	if b.sources == nil {
		b.sources = map[mapKey]*mapSourceEntry{}
	}
	b.sources[key] = &mapSourceEntry{src: src, cache: cache, version: d.Version()}
	return src, nil
}

// drawn is the app's own renderer of d, behind an MBTiles cache in the
// data directory when there is one.
func (b *Basemaps) drawn(ctx context.Context, style maps.Style, d maps.Data, attribution string) (maps.TileSource, error) {
	r, err := maps.NewRenderer(d, style, assets.FontRegular, attribution)
	if err != nil {
		return nil, err
	}
	if b.dataDir == "" {
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
	path := filepath.Join(b.dataDir, name)
	c, err := maps.OpenCache(ctx, path, r)
	if err != nil {
		// The map still works, drawing every tile afresh; the cache is
		// only an optimisation.
		fyne.LogError("basemap tile cache unusable, drawing without it", err)
		return r, nil
	}
	return c, nil
}

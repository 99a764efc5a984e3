package maps

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/png"
	"strconv"
	"sync/atomic"
)

// Cache puts an MBTiles file in front of a Renderer: a tile is drawn once
// and read from the file after that, across runs. The file is emptied when
// the renderer's version (style and data) differs from the one recorded in
// its metadata.
type Cache struct {
	r       *Renderer
	db      *MBTiles
	hits    atomic.Int64
	renders atomic.Int64
}

var _ TileSource = (*Cache)(nil)

// metaVersion is the metadata row recording what the tiles were drawn from.
const metaVersion = "jiangsupass_version"

// OpenCache opens or creates the MBTiles file at path as r's cache.
func OpenCache(ctx context.Context, path string, r *Renderer) (*Cache, error) {
	db, err := createMBTiles(path)
	if err != nil {
		return nil, err
	}
	if db.meta[metaVersion] != r.Version() {
		if err := db.clearTiles(ctx); err != nil {
			db.Close()
			return nil, fmt.Errorf("reset tile cache %s: %w", path, err)
		}
		if err := db.setMetadata(ctx, cacheMetadata(r)); err != nil {
			db.Close()
			return nil, fmt.Errorf("reset tile cache %s: %w", path, err)
		}
	}
	return &Cache{r: r, db: db}, nil
}

// cacheMetadata is the metadata of the spec, plus the version row.
func cacheMetadata(r *Renderer) map[string]string {
	return map[string]string{
		"name":        "Jiangsu Pass basemap (" + r.style.Name + densityName(r.density) + ")",
		"format":      "png",
		"type":        "baselayer",
		"version":     "1.3",
		"description": "Jiangsu drawn from OCHA and Natural Earth layers and MetroMap lines",
		"bounds":      "116.3,30.7,121.9,35.2",
		"center":      "118.78,32.06,8",
		"minzoom":     strconv.Itoa(MinZoom),
		"maxzoom":     strconv.Itoa(MaxZoom),
		"attribution": r.attrib,
		metaVersion:   r.Version(),
	}
}

// Tile reads t from the file, or draws and stores it.
func (c *Cache) Tile(ctx context.Context, t TileID) (image.Image, error) {
	b, err := c.db.TileData(ctx, t)
	if err == nil {
		img, derr := png.Decode(bytes.NewReader(b))
		if derr == nil {
			c.hits.Add(1)
			return img, nil
		}
	} else if !errors.Is(err, ErrNoTile) {
		return nil, err
	}
	img, err := c.r.Tile(ctx, t)
	if err != nil {
		return nil, err
	}
	c.renders.Add(1)
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("encode tile %s: %w", t, err)
	}
	if err := c.db.putTile(ctx, t, buf.Bytes()); err != nil {
		return img, err
	}
	return img, nil
}

// Stats is how many tiles were read from the file and how many drawn.
func (c *Cache) Stats() (hits, renders int64) { return c.hits.Load(), c.renders.Load() }

// Zooms is the renderer's.
func (c *Cache) Zooms() (minZoom, maxZoom int) { return c.r.Zooms() }

// Attribution is the renderer's.
func (c *Cache) Attribution() string { return c.r.Attribution() }

// File is the MBTiles file under the cache.
func (c *Cache) File() *MBTiles { return c.db }

// Close closes the file.
func (c *Cache) Close() error { return c.db.Close() }

// densityName is "" at density 1, else ", @2x" and so on.
func densityName(d int) string {
	if d <= 1 {
		return ""
	}
	return ", @" + strconv.Itoa(d) + "x"
}

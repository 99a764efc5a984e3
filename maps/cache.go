package maps

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/png"
	"strconv"
	"sync"
	"sync/atomic"
)

// Cache puts an MBTiles file in front of a Renderer: a tile is drawn once
// and read from the file after that, across runs. The file is emptied when
// the renderer's version (style and data) differs from the one recorded in
// its metadata, and its metadata says what it holds: the zooms of its
// tiles, its revision and the size of its tiles. Close leaves a file that
// stands alone; a closed cache goes on drawing tiles without storing them.
type Cache struct {
	r *Renderer

	mu sync.RWMutex // read-held while the file is used; Close holds it to close the file
	db *MBTiles     // nil once closed

	zmu        sync.Mutex
	minZ, maxZ int  // the zooms the file holds, as its metadata says
	held       bool // whether it holds any tile

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
	c := &Cache{r: r, db: db}
	if err := c.prepare(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("tile cache %s: %w", path, err)
	}
	return c, nil
}

// prepare empties a file drawn from another version, as the next revision
// of the tile set, and reads the zooms it holds.
func (c *Cache) prepare(ctx context.Context) error {
	if c.db.meta[metaVersion] != c.r.Version() {
		revision := atoiOr(c.db.meta["version"], 0) + 1
		if err := c.db.clearTiles(ctx); err != nil {
			return err
		}
		if err := c.db.setMetadata(ctx, cacheMetadata(c.r, revision)); err != nil {
			return err
		}
	}
	lo, hi, ok, err := c.db.heldZooms(ctx)
	if err != nil {
		return err
	}
	c.minZ, c.maxZ, c.held = lo, hi, ok
	return c.writeZooms(ctx)
}

// cacheMetadata is the metadata of the spec for a cache of revision
// revision that holds no tile yet, plus the version row. "tilesize" and
// "scale" say how many pixels its tiles are (256 at density 1, 512 for
// @2x), as TileJSON's tileSize and TileMill's scale do; GDAL reads the
// size from a tile of the highest zoom.
func cacheMetadata(r *Renderer, revision int) map[string]string {
	return map[string]string{
		"name":        "Jiangsu Pass basemap (" + r.style.Name + densityName(r.density) + ")",
		"format":      "png",
		"type":        "baselayer",
		"version":     strconv.Itoa(revision),
		"description": "Jiangsu drawn from OCHA and Natural Earth layers and MetroMap lines",
		"bounds":      "116.3,30.7,121.9,35.2",
		"tilesize":    strconv.Itoa(TileSize * r.density),
		"scale":       strconv.Itoa(r.density),
		"attribution": r.attrib,
		metaVersion:   r.Version(),
	}
}

// zoomRows are the metadata rows that follow the zooms held: minzoom,
// maxzoom and center, whose zoom is kept within them. A cache that holds
// no tile claims no zoom.
func (c *Cache) zoomRows() (set map[string]string, drop []string) {
	if !c.held {
		return nil, []string{"minzoom", "maxzoom", "center"}
	}
	return map[string]string{
		"minzoom": strconv.Itoa(c.minZ),
		"maxzoom": strconv.Itoa(c.maxZ),
		"center":  "118.78,32.06," + strconv.Itoa(min(max(8, c.minZ), c.maxZ)),
	}, nil
}

// writeZooms puts zoomRows in the metadata.
func (c *Cache) writeZooms(ctx context.Context) error {
	set, drop := c.zoomRows()
	return c.db.putMetadata(ctx, set, drop...)
}

// noteZoom widens the zooms held to z, and the metadata with them.
func (c *Cache) noteZoom(ctx context.Context, z int) error {
	c.zmu.Lock()
	defer c.zmu.Unlock()
	if c.held && z >= c.minZ && z <= c.maxZ {
		return nil
	}
	if !c.held {
		c.minZ, c.maxZ, c.held = z, z, true
	}
	c.minZ, c.maxZ = min(c.minZ, z), max(c.maxZ, z)
	return c.writeZooms(ctx)
}

// Tile reads t from the file, or draws it and stores it there.
func (c *Cache) Tile(ctx context.Context, t TileID) (image.Image, error) {
	if img, err := c.stored(ctx, t); img != nil || err != nil {
		return img, err
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
	return img, c.store(ctx, t, buf.Bytes())
}

// stored is the tile kept in the file, or nil when there is none (or it
// does not decode, or the cache is closed).
func (c *Cache) stored(ctx context.Context, t TileID) (image.Image, error) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if c.db == nil {
		return nil, nil
	}
	b, err := c.db.TileData(ctx, t)
	if errors.Is(err, ErrNoTile) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		return nil, nil // drawn again and replaced
	}
	c.hits.Add(1)
	return img, nil
}

// store keeps a drawn tile in the file, unless the cache is closed.
func (c *Cache) store(ctx context.Context, t TileID, data []byte) error {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if c.db == nil {
		return nil
	}
	if err := c.db.putTile(ctx, t, data); err != nil {
		return err
	}
	return c.noteZoom(ctx, t.Z)
}

// Stats is how many tiles were read from the file and how many drawn.
func (c *Cache) Stats() (hits, renders int64) { return c.hits.Load(), c.renders.Load() }

// Zooms is the renderer's.
func (c *Cache) Zooms() (minZoom, maxZoom int) { return c.r.Zooms() }

// Attribution is the renderer's.
func (c *Cache) Attribution() string { return c.r.Attribution() }

// File is the MBTiles file under the cache; nil once it is closed.
func (c *Cache) File() *MBTiles {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.db
}

// Close writes the zooms held into the metadata and closes the file so
// that it stands alone (MBTiles.seal). Tiles asked for afterwards are
// drawn and not stored. A second Close does nothing.
func (c *Cache) Close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.db == nil {
		return nil
	}
	ctx := context.Background()
	c.zmu.Lock()
	err := c.writeZooms(ctx)
	c.zmu.Unlock()
	err = errors.Join(err, c.db.seal(ctx))
	c.db = nil
	if err != nil {
		return fmt.Errorf("close tile cache: %w", err)
	}
	return nil
}

// densityName is "" at density 1, else ", @2x" and so on.
func densityName(d int) string {
	if d <= 1 {
		return ""
	}
	return ", @" + strconv.Itoa(d) + "x"
}

package mapview

import (
	"context"
	"errors"
	"image"
	"sync"

	"jiangsupass/maps"
)

// tileCache holds decoded tiles, least recently used first out, and
// fetches missing ones on a few worker goroutines. Its methods are safe
// for concurrent use; loaded is called on a worker goroutine.
type tileCache struct {
	src      maps.TileSource
	lru      *maps.LRU
	loaded   func()
	loadedMu sync.Mutex // serialises calls of loaded

	mu      sync.Mutex
	pending map[maps.TileID]bool
	want    map[maps.TileID]bool // the tiles the last view needed
	queue   chan maps.TileID
	ctx     context.Context
	cancel  context.CancelFunc
	running int // worker goroutines now running
	lastErr error
}

// workers is how many tiles are fetched at once. Workers start when a tile
// is requested and end when the queue is empty, so a map that is no longer
// shown keeps no goroutines.
const workers = 2

func newTileCache(src maps.TileSource, limit int, loaded func()) *tileCache {
	ctx, cancel := context.WithCancel(context.Background())
	return &tileCache{src: src, lru: maps.NewLRU(limit), loaded: loaded,
		pending: map[maps.TileID]bool{}, want: map[maps.TileID]bool{},
		queue: make(chan maps.TileID, 256), ctx: ctx, cancel: cancel}
}

// get returns a cached tile; ok is false when it is not cached. A cached
// nil image means the source has none there.
func (c *tileCache) get(id maps.TileID) (image.Image, bool) { return c.lru.Get(id) }

// put stores a tile.
func (c *tileCache) put(id maps.TileID, img image.Image) { c.lru.Put(id, img) }

// fetchNow reads a tile on the calling goroutine (synchronous maps, for
// snapshots and tests) and caches it.
func (c *tileCache) fetchNow(id maps.TileID) image.Image {
	img, err := c.src.Tile(c.ctx, id)
	if err != nil && !errors.Is(err, maps.ErrNoTile) {
		c.mu.Lock()
		c.lastErr = err
		c.mu.Unlock()
		return nil
	}
	c.put(id, img)
	return img
}

// setWanted records the tiles the view needs now; queued tiles no longer
// wanted are skipped by the workers.
func (c *tileCache) setWanted(ids []maps.TileID) {
	c.mu.Lock()
	defer c.mu.Unlock()
	clear(c.want)
	for _, id := range ids {
		c.want[id] = true
	}
}

// request queues a tile to be fetched, unless it already is. When the
// queue is full the request is dropped; the next view asks again.
func (c *tileCache) request(id maps.TileID) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.pending[id] {
		return
	}
	select {
	case c.queue <- id:
		c.pending[id] = true
	default:
		return
	}
	if c.running < workers {
		c.running++
		go c.work()
	}
}

func (c *tileCache) work() {
	for {
		var id maps.TileID
		c.mu.Lock()
		select {
		case id = <-c.queue:
		default:
			c.running--
			c.mu.Unlock()
			return
		}
		wanted := c.want[id] && c.ctx.Err() == nil
		if !wanted {
			delete(c.pending, id)
			c.mu.Unlock()
			continue
		}
		c.mu.Unlock()

		img, err := c.src.Tile(c.ctx, id)

		c.mu.Lock()
		delete(c.pending, id)
		if err != nil && !errors.Is(err, maps.ErrNoTile) {
			c.lastErr = err // e.g. a tile drawn but not stored: img is still good
		}
		// A nil image is cached too: no tile there, or one that failed,
		// which is not asked for again and again.
		c.lru.Put(id, img)
		c.mu.Unlock()
		if c.loaded != nil {
			// One worker at a time tells the widget: fyne.Do only queues in
			// the app, but a driver may run the refresh on this goroutine.
			c.loadedMu.Lock()
			c.loaded()
			c.loadedMu.Unlock()
		}
	}
}

// err is the last error a fetch met, if any.
func (c *tileCache) err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.lastErr
}

// stop ends the workers.
func (c *tileCache) stop() { c.cancel() }

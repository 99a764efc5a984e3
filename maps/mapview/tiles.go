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
	src    maps.TileSource
	lru    *maps.LRU
	loaded func()

	mu      sync.Mutex
	pending map[maps.TileID]bool
	want    map[maps.TileID]bool // the tiles the last view needed
	queue   chan maps.TileID
	ctx     context.Context
	cancel  context.CancelFunc
	started bool
	lastErr error
}

// workers is how many tiles are fetched at once.
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
	if !c.started {
		c.started = true
		for i := 0; i < workers; i++ {
			go c.work()
		}
	}
	select {
	case c.queue <- id:
		c.pending[id] = true
	default:
	}
}

func (c *tileCache) work() {
	for {
		select {
		case <-c.ctx.Done():
			return
		case id := <-c.queue:
			c.mu.Lock()
			wanted := c.want[id]
			c.mu.Unlock()
			if !wanted {
				c.mu.Lock()
				delete(c.pending, id)
				c.mu.Unlock()
				continue
			}
			img, err := c.src.Tile(c.ctx, id)
			c.mu.Lock()
			delete(c.pending, id)
			switch {
			case err == nil || errors.Is(err, maps.ErrNoTile):
				c.lru.Put(id, img)
			case c.ctx.Err() != nil:
				c.mu.Unlock()
				return
			default:
				c.lastErr = err
				c.lru.Put(id, nil) // do not ask again and again
			}
			c.mu.Unlock()
			if c.loaded != nil {
				c.loaded()
			}
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

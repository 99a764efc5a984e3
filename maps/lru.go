package maps

import (
	"container/list"
	"context"
	"errors"
	"image"
	"sync"
)

// LRU is a bounded memory cache of decoded tiles: when full, the least
// recently used tile goes. A cached nil image records that a source has
// no tile there. It is safe for concurrent use.
type LRU struct {
	mu      sync.Mutex
	limit   int
	entries map[TileID]*list.Element
	order   *list.List // front: most recently used
}

type lruEntry struct {
	id  TileID
	img image.Image
}

// NewLRU makes a cache of at most limit tiles.
func NewLRU(limit int) *LRU {
	return &LRU{limit: max(limit, 1), entries: map[TileID]*list.Element{}, order: list.New()}
}

// Get returns a cached tile; ok is false when it is not cached.
func (c *LRU) Get(id TileID) (img image.Image, ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[id]
	if !ok {
		return nil, false
	}
	c.order.MoveToFront(e)
	return e.Value.(*lruEntry).img, true
}

// Put stores a tile, dropping the least recently used beyond the limit.
func (c *LRU) Put(id TileID, img image.Image) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.entries[id]; ok {
		e.Value.(*lruEntry).img = img
		c.order.MoveToFront(e)
		return
	}
	c.entries[id] = c.order.PushFront(&lruEntry{id, img})
	for c.order.Len() > c.limit {
		last := c.order.Back()
		c.order.Remove(last)
		delete(c.entries, last.Value.(*lruEntry).id)
	}
}

// Len is the number of cached tiles.
func (c *LRU) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.order.Len()
}

// Memo is a TileSource that keeps the tiles of another in memory, so that
// every map over it (a screen shown again, another layout) reuses them.
type Memo struct {
	src TileSource
	lru *LRU
}

var _ TileSource = (*Memo)(nil)

// NewMemo keeps up to limit tiles of src in memory.
func NewMemo(src TileSource, limit int) *Memo { return &Memo{src: src, lru: NewLRU(limit)} }

// Tile returns the tile from memory, or from the source and remembers it.
func (m *Memo) Tile(ctx context.Context, t TileID) (image.Image, error) {
	if img, ok := m.lru.Get(t); ok {
		if img == nil {
			return nil, ErrNoTile
		}
		return img, nil
	}
	img, err := m.src.Tile(ctx, t)
	switch {
	case err == nil:
		m.lru.Put(t, img)
	case errors.Is(err, ErrNoTile):
		m.lru.Put(t, nil)
	}
	return img, err
}

// Zooms is the source's.
func (m *Memo) Zooms() (minZoom, maxZoom int) { return m.src.Zooms() }

// Attribution is the source's.
func (m *Memo) Attribution() string { return m.src.Attribution() }

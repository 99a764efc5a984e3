package maps_test

import (
	"context"
	"errors"
	"image"
	"testing"

	"jiangsupass/maps"
)

// TestLRUEvictsLeastRecent fills a cache of two, touches the first tile,
// adds a third: the untouched second goes.
func TestLRUEvictsLeastRecent(t *testing.T) {
	c := maps.NewLRU(2)
	a, b, d := maps.TileID{Z: 1}, maps.TileID{Z: 1, X: 1}, maps.TileID{Z: 1, Y: 1}
	img := image.NewRGBA(image.Rect(0, 0, 1, 1))
	c.Put(a, img)
	c.Put(b, img)
	if _, ok := c.Get(a); !ok {
		t.Fatal("a missing")
	}
	c.Put(d, nil)
	if _, ok := c.Get(b); ok {
		t.Error("b, least recently used, was kept")
	}
	if got, ok := c.Get(d); !ok || got != nil {
		t.Error("a cached 'no tile' was lost")
	}
	if c.Len() != 2 {
		t.Errorf("Len = %d", c.Len())
	}
}

// TestMemoRemembers reads a tile twice through a memo over the renderer:
// the same image comes back; a tile outside the zooms stays ErrNoTile.
func TestMemoRemembers(t *testing.T) {
	m := maps.NewMemo(newRenderer(t, maps.LightStyle), 8)
	ctx := context.Background()
	tile := maps.TileID{Z: 8, X: 213, Y: 105}
	first, err := m.Tile(ctx, tile)
	if err != nil {
		t.Fatal(err)
	}
	again, err := m.Tile(ctx, tile)
	if err != nil || again != first {
		t.Errorf("second read gave another image (%v)", err)
	}
	for i := 0; i < 2; i++ {
		if _, err := m.Tile(ctx, maps.TileID{Z: 3}); !errors.Is(err, maps.ErrNoTile) {
			t.Errorf("z3 through the memo: %v", err)
		}
	}
}

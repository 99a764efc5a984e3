package maps

import (
	"context"
	"errors"
	"image"
)

// ErrNoTile means a source has no tile there: outside its zooms or its
// area. The map shows its background instead.
var ErrNoTile = errors.New("no tile")

// TileSource gives the map its basemap tiles, 256 pixels square, in the
// XYZ scheme. The renderer, the MBTiles cache in front of it and a user's
// raster MBTiles file implement it. Implementations are safe for
// concurrent use; Tile may be slow and is never called on the UI goroutine.
type TileSource interface {
	// Tile returns the image of t, or an error wrapping ErrNoTile where
	// the source has none.
	Tile(ctx context.Context, t TileID) (image.Image, error)
	// Zooms is the range of zoom levels the source has tiles for.
	Zooms() (minZoom, maxZoom int)
	// Attribution is the line that credits the map data.
	Attribution() string
}

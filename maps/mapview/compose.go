package mapview

import (
	"image"
	"image/color"
	"math"

	xdraw "golang.org/x/image/draw"

	"jiangsupass/maps"
)

// view is where the map looks: a zoom level, the world pixel at the
// top-left of a w×h (units) view, and the device pixels per unit that its
// frame is drawn at.
type view struct {
	z         int
	left, top float64
	w, h      int
	scale     float64
}

// viewAt is the view of size w×h centred on world coordinates (cx, cy),
// at one device pixel per unit.
func viewAt(cx, cy float64, z, w, h int) view {
	s := maps.WorldSize(z)
	return view{z: z, left: cx*s - float64(w)/2, top: cy*s - float64(h)/2, w: w, h: h, scale: 1}
}

// frameSize is the size of the view's frame in device pixels.
func (v view) frameSize() image.Point {
	return image.Pt(int(math.Ceil(float64(v.w)*v.scale)), int(math.Ceil(float64(v.h)*v.scale)))
}

// pixel maps a world pixel at the view's zoom to a device pixel of the
// frame.
func (v view) pixel(wx, wy float64) (float64, float64) {
	return (wx - v.left) * v.scale, (wy - v.top) * v.scale
}

// tiles lists the tiles the view covers.
func (v view) tiles() []maps.TileID {
	n := 1 << uint(v.z)
	x0, y0 := int(math.Floor(v.left/maps.TileSize)), int(math.Floor(v.top/maps.TileSize))
	x1 := int(math.Floor((v.left + float64(v.w) - 1) / maps.TileSize))
	y1 := int(math.Floor((v.top + float64(v.h) - 1) / maps.TileSize))
	var out []maps.TileID
	for y := max(y0, 0); y <= min(y1, n-1); y++ {
		for x := max(x0, 0); x <= min(x1, n-1); x++ {
			out = append(out, maps.TileID{Z: v.z, X: x, Y: y})
		}
	}
	return out
}

// compose draws the view from the cache: each tile it has, or the nearest
// lower-zoom tile it has, scaled; the background where it has neither. It
// returns the tiles it lacked. With sync it fetches them first instead.
func compose(dst *image.RGBA, v view, c *tileCache, bg color.Color, minZoom int, sync bool) (missing []maps.TileID) {
	xdraw.Draw(dst, dst.Bounds(), image.NewUniform(bg), image.Point{}, xdraw.Src)
	for _, id := range v.tiles() {
		x0, y0 := v.pixel(float64(id.X*maps.TileSize), float64(id.Y*maps.TileSize))
		x1, y1 := v.pixel(float64((id.X+1)*maps.TileSize), float64((id.Y+1)*maps.TileSize))
		r := image.Rect(int(math.Round(x0)), int(math.Round(y0)), int(math.Round(x1)), int(math.Round(y1)))
		img, ok := c.get(id)
		if !ok && sync {
			img, ok = c.fetchNow(id), true
		}
		if ok {
			drawTile(dst, r, img)
			continue
		}
		missing = append(missing, id)
		drawFromParent(dst, r, id, c, minZoom)
	}
	return missing
}

// drawFromParent fills r with the part of the nearest cached lower-zoom
// tile that covers tile id, scaled up.
func drawFromParent(dst *image.RGBA, r image.Rectangle, id maps.TileID, c *tileCache, minZoom int) {
	x, y, size := 0, 0, maps.TileSize
	p := id
	for p.Z > minZoom && size > 8 {
		var qx, qy int
		p, qx, qy = p.Parent()
		size /= 2
		x, y = x/2+qx*maps.TileSize/2, y/2+qy*maps.TileSize/2
		img, ok := c.get(p)
		if !ok {
			continue
		}
		if img == nil {
			return
		}
		// The parent's own pixels may be more than 256 (a dense source).
		k := img.Bounds().Dx() / maps.TileSize
		src := image.Rect(x*k, y*k, (x+size)*k, (y+size)*k).Add(img.Bounds().Min)
		xdraw.NearestNeighbor.Scale(dst, r, img, src, xdraw.Src, nil)
		return
	}
}

// drawTile puts a tile in r: copied when it has r's size, scaled when it
// is larger (a dense source on a plain screen) or smaller; nothing when nil.
func drawTile(dst *image.RGBA, r image.Rectangle, img image.Image) {
	switch {
	case img == nil:
	case img.Bounds().Size() == r.Size():
		xdraw.Draw(dst, r, img, img.Bounds().Min, xdraw.Src)
	default:
		xdraw.ApproxBiLinear.Scale(dst, r, img, img.Bounds(), xdraw.Src, nil)
	}
}

package mapview

import (
	"image"
	"image/color"
	"math"

	xdraw "golang.org/x/image/draw"

	"jiangsupass/maps"
)

// view is where the map looks: a zoom level and the world pixel at the
// top-left of a w×h image.
type view struct {
	z         int
	left, top float64
	w, h      int
}

// viewAt is the view of size w×h centred on world coordinates (cx, cy).
func viewAt(cx, cy float64, z, w, h int) view {
	s := maps.WorldSize(z)
	return view{z: z, left: cx*s - float64(w)/2, top: cy*s - float64(h)/2, w: w, h: h}
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
		at := image.Pt(int(math.Round(float64(id.X*maps.TileSize)-v.left)), int(math.Round(float64(id.Y*maps.TileSize)-v.top)))
		r := image.Rectangle{Min: at, Max: at.Add(image.Pt(maps.TileSize, maps.TileSize))}
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
		src := image.Rect(x, y, x+size, y+size).Add(img.Bounds().Min)
		xdraw.NearestNeighbor.Scale(dst, r, img, src, xdraw.Src, nil)
		return
	}
}

// drawTile puts a tile in r: copied when it is 256 pixels, scaled when a
// source has larger (high-density) or smaller tiles; nothing when nil.
func drawTile(dst *image.RGBA, r image.Rectangle, img image.Image) {
	switch {
	case img == nil:
	case img.Bounds().Dx() == maps.TileSize && img.Bounds().Dy() == maps.TileSize:
		xdraw.Draw(dst, r, img, img.Bounds().Min, xdraw.Src)
	default:
		xdraw.ApproxBiLinear.Scale(dst, r, img, img.Bounds(), xdraw.Src, nil)
	}
}

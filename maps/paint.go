package maps

import (
	"image"
	"image/color"
	"image/draw"

	"github.com/paulmach/orb"
	"github.com/srwiley/rasterx"
	"golang.org/x/image/math/fixed"
)

// painter draws fills and strokes given in world coordinates onto an
// image, scaled by scale and shifted so that (ox, oy) is its top-left.
type painter struct {
	dst           draw.Image
	sc            *rasterx.ScannerGV
	fill          *rasterx.Filler
	stroke        *rasterx.Stroker
	ox, oy, scale float64
	unit          float64 // device pixels per map pixel: line widths are multiplied by it
}

func newPainter(dst draw.Image, ox, oy, scale float64) *painter {
	b := dst.Bounds()
	sc := rasterx.NewScannerGV(b.Dx(), b.Dy(), dst, b)
	return &painter{
		dst: dst, sc: sc, ox: ox, oy: oy, scale: scale, unit: 1,
		fill:   rasterx.NewFiller(b.Dx(), b.Dy(), sc),
		stroke: rasterx.NewStroker(b.Dx(), b.Dy(), sc),
	}
}

// pt maps a world point to the image in 26.6 fixed point.
func (p *painter) pt(q orb.Point) fixed.Point26_6 {
	return fixed.Point26_6{
		X: fixed.Int26_6((q[0] - p.ox) * p.scale * 64),
		Y: fixed.Int26_6((q[1] - p.oy) * p.scale * 64),
	}
}

// fillPolygon fills a polygon's rings with the non-zero rule.
func (p *painter) fillPolygon(poly orb.Polygon, c color.Color) {
	for _, r := range poly {
		if len(r) < 3 {
			continue
		}
		p.fill.Start(p.pt(r[0]))
		for _, q := range r[1:] {
			p.fill.Line(p.pt(q))
		}
		p.fill.Stop(true)
	}
	p.fill.SetColor(c)
	p.fill.Draw()
	p.fill.Clear()
}

// strokeLine draws a line of the given width in pixels, with round caps
// and joins.
func (p *painter) strokeLine(ls []orb.Point, width float64, c color.Color) {
	if len(ls) < 2 {
		return
	}
	p.stroke.SetStroke(fixed.Int26_6(width*p.unit*64), 4<<6, rasterx.RoundCap, rasterx.RoundCap, rasterx.RoundGap, rasterx.Round)
	p.stroke.Start(p.pt(ls[0]))
	for _, q := range ls[1:] {
		p.stroke.Line(p.pt(q))
	}
	p.stroke.Stop(false)
	p.stroke.SetColor(c)
	p.stroke.Draw()
	p.stroke.Clear()
}

// StrokePath draws a polyline given in pixels of dst, of the given width
// in pixels, with round caps and joins: the map widget draws route
// overlays with it.
func StrokePath(dst draw.Image, pts []image.Point, width float64, c color.Color) {
	ls := make([]orb.Point, len(pts))
	for i, q := range pts {
		ls[i] = orb.Point{float64(q.X), float64(q.Y)}
	}
	b := dst.Bounds()
	newPainter(dst, float64(b.Min.X), float64(b.Min.Y), 1).strokeLine(ls, width, c)
}

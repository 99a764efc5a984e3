package maps

import (
	"image"
	"image/color"
	"image/draw"
	"sort"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// placedLabel is a label that won its place at a zoom: its text's origin
// (left end of the baseline) and box in world pixels at that zoom.
type placedLabel struct {
	Label
	size     float64
	x, y     float64 // baseline origin
	box      [4]float64
	fg, halo color.Color
}

// labelSize is the font size of a kind of label at zoom z, in pixels,
// before the style's LabelScale.
func labelSize(k LabelKind, z int) float64 {
	switch k {
	case LabelCity:
		if z >= 9 {
			return 16
		}
		return 14
	case LabelWater:
		return 13
	}
	return 12
}

// labelShown reports whether a kind of label is drawn at zoom z.
func labelShown(k LabelKind, z int) bool { return k != LabelTown || z >= 9 }

// placeLabels decides, once per zoom, which labels are drawn and where, so
// that a label across two tiles is the same in both. Cities win over water
// names, water over towns; a label that would overlap one already placed
// is left out.
func (r *Renderer) placeLabels(z int) []placedLabel {
	if v, ok := r.placed.byZoom.Load(z); ok {
		return v.([]placedLabel)
	}
	r.placed.mu.Lock()
	defer r.placed.mu.Unlock()
	if v, ok := r.placed.byZoom.Load(z); ok {
		return v.([]placedLabel)
	}
	order := make([]Label, 0, len(r.labels))
	for _, l := range r.labels {
		if labelShown(l.Kind, z) {
			order = append(order, l)
		}
	}
	sort.SliceStable(order, func(i, j int) bool { return order[i].Kind < order[j].Kind })
	var out []placedLabel
	faces := map[float64]font.Face{}
	for _, l := range order {
		size := labelSize(l.Kind, z) * r.style.labelScale()
		face := faces[size]
		if face == nil {
			face = r.face(size)
			faces[size] = face
		}
		w := float64(font.MeasureString(face, l.Text)) / 64
		px, py := ToPixel(l.Point, z)
		// A city's name goes under its point, where the map's marker sits;
		// other names are centred on theirs. When that place is taken,
		// the name tries a little above, below, left and right of it.
		base := py
		if l.Kind == LabelCity {
			base = py + size*1.1
		}
		var pl placedLabel
		placed := false
		for _, off := range [][2]float64{{0, 0}, {0, size * 1.4}, {0, -size * 1.4}, {-w * 0.6, 0}, {w * 0.6, 0}} {
			cy := base + off[1]
			pl = placedLabel{Label: l, size: size, x: px - w/2 + off[0], y: cy + size*0.35}
			pl.box = [4]float64{pl.x - 3, cy - size*0.7, pl.x + w + 3, cy + size*0.7}
			if !overlapsAny(pl.box, out) {
				placed = true
				break
			}
		}
		if !placed {
			continue
		}
		pl.fg, pl.halo = r.style.Label, r.style.LabelHalo
		if l.Kind == LabelWater {
			pl.fg = r.style.WaterLabel
		}
		out = append(out, pl)
	}
	r.placed.byZoom.Store(z, out)
	return out
}

func overlapsAny(b [4]float64, placed []placedLabel) bool {
	for _, p := range placed {
		if b[0] < p.box[2] && b[2] > p.box[0] && b[1] < p.box[3] && b[3] > p.box[1] {
			return true
		}
	}
	return false
}

// face makes a face of the label font; a face is not safe for concurrent
// use, so each drawing makes its own.
func (r *Renderer) face(size float64) font.Face {
	f, err := opentype.NewFace(r.font, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		return nil // only for a size ≤ 0, which labelSize never gives
	}
	return f
}

// drawLabels writes the labels placed at t's zoom that reach into t, each
// with a halo, scaled by the renderer's density.
func (r *Renderer) drawLabels(img draw.Image, t TileID) {
	k := float64(r.density)
	x0, y0 := float64(t.X*TileSize), float64(t.Y*TileSize)
	x1, y1 := x0+TileSize, y0+TileSize
	faces := map[float64]font.Face{}
	for _, pl := range r.placeLabels(t.Z) {
		if pl.box[2] < x0 || pl.box[0] > x1 || pl.box[3] < y0 || pl.box[1] > y1 {
			continue
		}
		face := faces[pl.size]
		if face == nil {
			face = r.face(pl.size * k)
			faces[pl.size] = face
		}
		origin := fixed.Point26_6{X: fixed.Int26_6((pl.x - x0) * k * 64), Y: fixed.Int26_6((pl.y - y0) * k * 64)}
		drawHaloText(img, face, pl.Text, origin, pl.fg, pl.halo, r.density)
	}
}

// drawHaloText writes s at origin in fg over a halo of halo, 1.5 map
// pixels wide at the given density.
func drawHaloText(img draw.Image, face font.Face, s string, origin fixed.Point26_6, fg, halo color.Color, density int) {
	d := font.Drawer{Dst: img, Src: image.NewUniform(halo), Face: face}
	for _, off := range [][2]int{{-1, -1}, {0, -1}, {1, -1}, {-1, 0}, {1, 0}, {-1, 1}, {0, 1}, {1, 1}, {0, -2}, {0, 2}, {-2, 0}, {2, 0}} {
		d.Dot = fixed.Point26_6{X: origin.X + fixed.Int26_6(off[0]*48*density), Y: origin.Y + fixed.Int26_6(off[1]*48*density)}
		d.DrawString(s)
	}
	d.Src = image.NewUniform(fg)
	d.Dot = origin
	d.DrawString(s)
}

package maps

import (
	"context"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"strings"
	"sync"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/clip"
	"golang.org/x/image/font/opentype"
)

// Renderer draws basemap tiles from the vector layers of a Data in a
// Style. It is safe for concurrent use.
type Renderer struct {
	style   Style
	version string
	attrib  string

	outline, prefectures, lakes, rivers, coast []shape
	metro                                      []metroShape

	font    *opentype.Font
	labels  []Label
	placed  *placements
	density int // device pixels per map pixel: tiles are 256×density
}

// placements holds the labels placed at each zoom, shared by a renderer
// and its other densities: placement is in map pixels, whatever the
// density.
type placements struct {
	mu     sync.Mutex
	byZoom sync.Map // zoom → []placedLabel
}

type metroShape struct {
	shape
	color color.NRGBA
}

var _ TileSource = (*Renderer)(nil)

// NewRenderer parses d's layers and prepares to draw them in st, writing
// labels with the OpenType (TrueType or CFF) font in fontData.
// attribution is the line the map shows for the data's sources.
func NewRenderer(d Data, st Style, fontData []byte, attribution string) (*Renderer, error) {
	f, err := parseFont(fontData)
	if err != nil {
		return nil, fmt.Errorf("renderer font: %w", err)
	}
	version := st.Name + "-" + st.Version + "-" + d.Version()
	if sc := st.labelScale(); sc != 1 {
		version += fmt.Sprintf("-labels%g", sc)
	}
	r := &Renderer{style: st, font: f, labels: d.Labels, attrib: attribution, placed: &placements{}, density: 1,
		version: version}
	if st.Density > 1 {
		r = r.WithDensity(st.Density)
	}
	for _, l := range []struct {
		dst *[]shape
		src []byte
		n   string
	}{
		{&r.outline, d.Outline, "outline"}, {&r.prefectures, d.Prefectures, "prefectures"},
		{&r.lakes, d.Lakes, "lakes"}, {&r.rivers, d.Rivers, "rivers"}, {&r.coast, d.Coastline, "coastline"},
	} {
		if *l.dst, err = parseLayer(l.src); err != nil {
			return nil, fmt.Errorf("renderer %s: %w", l.n, err)
		}
	}
	for _, m := range d.Metro {
		s, err := toShape(m.Path)
		if err != nil {
			return nil, fmt.Errorf("renderer metro %s: %w", m.Name, err)
		}
		r.metro = append(r.metro, metroShape{s, m.Color})
	}
	return r, nil
}

// WithDensity is the same basemap drawn for a screen with density device
// pixels to a unit (2 or 3 on phones): tiles of 256×density pixels, lines
// and letters as many times thicker, so that the map is sharp there. It
// shares the parsed layers with r.
func (r *Renderer) WithDensity(density int) *Renderer {
	d := *r
	d.density = max(1, density)
	d.style.Density = d.density
	d.version = strings.TrimSuffix(r.version, fmt.Sprintf("@%dx", r.density))
	if d.density > 1 {
		d.version = fmt.Sprintf("%s@%dx", d.version, d.density)
	}
	return &d
}

// Density is the device pixels per map pixel of the tiles.
func (r *Renderer) Density() int { return r.density }

// Version names the style and the data the tiles are drawn from; the tile
// cache is rebuilt when it changes.
func (r *Renderer) Version() string { return r.version }

// Style is the style the renderer draws in.
func (r *Renderer) Style() Style { return r.style }

// Zooms is MinZoom to MaxZoom.
func (r *Renderer) Zooms() (minZoom, maxZoom int) { return MinZoom, MaxZoom }

// Attribution names the sources of the data drawn.
func (r *Renderer) Attribution() string { return r.attrib }

// Background is the colour outside the drawn area.
func (r *Renderer) Background() color.Color { return r.style.Background }

// Tile draws tile t. It returns ErrNoTile outside MinZoom..MaxZoom.
func (r *Renderer) Tile(ctx context.Context, t TileID) (image.Image, error) {
	if !t.Valid() || t.Z < MinZoom || t.Z > MaxZoom {
		return nil, fmt.Errorf("tile %s: %w", t, ErrNoTile)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	size := TileSize * r.density
	img := image.NewRGBA(image.Rect(0, 0, size, size))
	draw.Draw(img, img.Bounds(), image.NewUniform(r.style.Background), image.Point{}, draw.Src)
	n := float64(uint64(1) << uint(t.Z))
	scale := TileSize * n
	ox, oy := float64(t.X)/n, float64(t.Y)/n
	margin := 24 / scale
	box := orb.Bound{Min: orb.Point{ox - margin, oy - margin}, Max: orb.Point{ox + 1/n + margin, oy + 1/n + margin}}
	p := newPainter(img, ox, oy, scale*float64(r.density))
	p.unit = float64(r.density)
	zf := float64(t.Z - MinZoom)
	st := r.style

	for _, s := range r.outline {
		r.fillShape(p, box, s, st.Land)
	}
	for _, s := range r.lakes {
		r.fillShape(p, box, s, st.Water)
	}
	for _, s := range r.rivers {
		w := 0.8 + 0.25*zf
		if s.rank <= 2 {
			w = 2.5 + 0.9*zf // the Yangtze and the Huai
		}
		r.strokeShape(p, box, s, w, st.Water)
	}
	for _, s := range r.prefectures {
		r.strokeShape(p, box, s, 0.8+0.1*zf, st.Boundary)
	}
	for _, s := range r.coast {
		r.strokeShape(p, box, s, 1.2+0.15*zf, st.Coast)
	}
	for _, s := range r.outline {
		r.strokeShape(p, box, s, 1.6+0.2*zf, st.Outline)
	}
	if t.Z >= 9 {
		w := 1.5 + 0.5*float64(t.Z-9)
		for _, m := range r.metro {
			r.strokeShape(p, box, m.shape, w+2, st.MetroCasing)
		}
		for _, m := range r.metro {
			r.strokeShape(p, box, m.shape, w, m.color)
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	r.drawLabels(img, t)
	return img, nil
}

// fillShape fills s's polygons, clipped to box when they reach past it.
func (r *Renderer) fillShape(p *painter, box orb.Bound, s shape, c color.Color) {
	if !s.bound.Intersects(box) {
		return
	}
	inside := box.Contains(s.bound.Min) && box.Contains(s.bound.Max)
	for _, poly := range s.polys {
		if !inside {
			poly = clip.Polygon(box, poly.Clone())
		}
		if len(poly) > 0 {
			p.fillPolygon(poly, c)
		}
	}
}

// strokeShape strokes s's lines and its polygons' rings, clipped to box.
func (r *Renderer) strokeShape(p *painter, box orb.Bound, s shape, width float64, c color.Color) {
	if !s.bound.Intersects(box) {
		return
	}
	inside := box.Contains(s.bound.Min) && box.Contains(s.bound.Max)
	stroke := func(ls orb.LineString) {
		if inside {
			p.strokeLine(ls, width, c)
			return
		}
		for _, part := range clip.LineString(box, ls) {
			p.strokeLine(part, width, c)
		}
	}
	for _, l := range s.lines {
		stroke(l)
	}
	for _, poly := range s.polys {
		for _, ring := range poly {
			stroke(orb.LineString(ring))
		}
	}
}

// fonts holds parsed fonts by the address and length of their bytes: the
// bundled font is parsed once, not for every renderer a language or theme
// switch makes.
var fonts sync.Map

type fontKey struct {
	p *byte
	n int
}

func parseFont(b []byte) (*opentype.Font, error) {
	if len(b) == 0 {
		return nil, fmt.Errorf("no font data")
	}
	k := fontKey{&b[0], len(b)}
	if f, ok := fonts.Load(k); ok {
		return f.(*opentype.Font), nil
	}
	f, err := opentype.Parse(b)
	if err != nil {
		return nil, err
	}
	fonts.Store(k, f)
	return f, nil
}

package maps

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"image/color"
	"math"

	"github.com/paulmach/orb"
)

// Data is what the basemap is drawn from. The caller fills it from the
// store in the user's language; labels are already in that language, so a
// language makes its own tiles.
type Data struct {
	// GeoJSON FeatureCollections in WGS84, as the seed ships them.
	Outline, Prefectures, Lakes, Rivers, Coastline []byte
	// Metro lines, drawn in their own colours from zoom 9.
	Metro []MetroLine
	// Labels drawn on the map: city names, water names.
	Labels []Label
	// Lang is the language of the labels, recorded in the tile cache.
	Lang string
}

// MetroLine is a metro line as the map draws it: a path through its
// stations in order, in the line's colour.
type MetroLine struct {
	Name  string
	Color color.NRGBA
	Path  orb.LineString
}

// LabelKind says how a label is drawn and from which zoom.
type LabelKind int

// The kinds of label, in the order they win a place when two overlap.
const (
	LabelCity  LabelKind = iota // a prefecture-level city, from MinZoom
	LabelWater                  // a lake or river, from MinZoom
	LabelTown                   // a smaller place, from zoom 9
)

// Label is a name placed on the map at a point.
type Label struct {
	Text  string
	Point orb.Point
	Kind  LabelKind
}

// Version is a digest of everything in d: the tile cache is rebuilt when it
// changes.
func (d Data) Version() string {
	h := sha256.New()
	for _, b := range [][]byte{d.Outline, d.Prefectures, d.Lakes, d.Rivers, d.Coastline, []byte(d.Lang)} {
		writeLen(h, len(b))
		h.Write(b)
	}
	f := func(v float64) { _ = binary.Write(h, binary.LittleEndian, math.Float64bits(v)) }
	for _, m := range d.Metro {
		writeLen(h, len(m.Name))
		h.Write([]byte(m.Name))
		h.Write([]byte{m.Color.R, m.Color.G, m.Color.B, m.Color.A})
		writeLen(h, len(m.Path))
		for _, p := range m.Path {
			f(p[0])
			f(p[1])
		}
	}
	for _, l := range d.Labels {
		writeLen(h, len(l.Text))
		h.Write([]byte(l.Text))
		f(l.Point[0])
		f(l.Point[1])
		writeLen(h, int(l.Kind))
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

func writeLen(h interface{ Write([]byte) (int, error) }, n int) {
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], uint64(n))
	_, _ = h.Write(b[:])
}

package e2e

import (
	"image"
	"image/color"
	"sort"
)

// Keys finds the keys of an on-screen keyboard in region of img: the
// rectangles of the most common fill after the background, in rows from
// top to bottom, each row's keys from left to right. It reads the picture
// only, not the app's layout: rows are bands where that fill spans most
// of the width, keys the spans of columns that are filled in most of the
// band.
func Keys(img image.Image, region image.Rectangle) [][]image.Rectangle {
	region = region.Intersect(img.Bounds())
	w, h := region.Dx(), region.Dy()
	if w == 0 || h == 0 {
		return nil
	}
	quant := func(c color.Color) uint32 { // 5 bits a channel: anti-aliasing aside
		r, g, b, _ := c.RGBA()
		return (r>>11)<<10 | (g>>11)<<5 | b>>11
	}
	counts := map[uint32]int{}
	px := make([]uint32, w*h)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			q := quant(img.At(region.Min.X+x, region.Min.Y+y))
			px[y*w+x] = q
			counts[q]++
		}
	}
	type freq struct {
		c uint32
		n int
	}
	var fs []freq
	for c, n := range counts {
		fs = append(fs, freq{c, n})
	}
	sort.Slice(fs, func(i, j int) bool { return fs[i].n > fs[j].n || fs[i].n == fs[j].n && fs[i].c < fs[j].c })
	// The keys' fill is one of the commonest colours (the background is
	// another): take the one whose rows hold the letter rows, or the most
	// keys.
	var best [][]image.Rectangle
	bestKeys := 0
	for _, f := range fs[:min(3, len(fs))] {
		rows := keyRows(px, w, h, f.c, region.Min)
		if len(LetterKeys(rows)) > 0 {
			return rows
		}
		n := 0
		for _, r := range rows {
			n += len(r)
		}
		if n > bestKeys {
			best, bestKeys = rows, n
		}
	}
	return best
}

// keyRows finds the rows of keys of one fill colour.
func keyRows(px []uint32, w, h int, fill uint32, origin image.Point) [][]image.Rectangle {
	mask := func(x, y int) bool { return px[y*w+x] == fill }
	var rows [][]image.Rectangle
	for y := 0; y < h; {
		if rowShare(mask, w, y) < 0.3 {
			y++
			continue
		}
		top := y
		for y < h && rowShare(mask, w, y) >= 0.3 {
			y++
		}
		if y-top < 12 {
			continue // a thin line, not a row of keys
		}
		var keys []image.Rectangle
		for x := 0; x < w; {
			if colShare(mask, x, top, y) < 0.5 {
				x++
				continue
			}
			left := x
			for x < w && colShare(mask, x, top, y) >= 0.5 {
				x++
			}
			if x-left >= 12 {
				keys = append(keys, image.Rect(left, top, x, y).Add(origin))
			}
		}
		if len(keys) > 0 {
			rows = append(rows, keys)
		}
	}
	return rows
}

func rowShare(mask func(x, y int) bool, w, y int) float64 {
	n := 0
	for x := 0; x < w; x++ {
		if mask(x, y) {
			n++
		}
	}
	return float64(n) / float64(w)
}

func colShare(mask func(x, y int) bool, x, top, bottom int) float64 {
	n := 0
	for y := top; y < bottom; y++ {
		if mask(x, y) {
			n++
		}
	}
	return float64(n) / float64(bottom-top)
}

// qwerty are the letter rows of the keyboard, top to bottom, for a row
// found with as many keys.
var qwerty = []string{"qwertyuiop", "asdfghjkl", "zxcvbnm"}

// LetterKeys names the letter keys among rows found by Keys: the rows of
// ten, nine and seven keys, in that order from the top, are the QWERTY
// rows (a row of ten above them is the digits).
func LetterKeys(rows [][]image.Rectangle) map[rune]image.Rectangle {
	out := map[rune]image.Rectangle{}
	for i := 0; i+2 < len(rows); i++ {
		if len(rows[i]) == 10 && len(rows[i+1]) == 9 && len(rows[i+2]) == 7 {
			for r, letters := range qwerty {
				for k, c := range letters {
					out[c] = rows[i+r][k]
				}
			}
		}
	}
	return out
}

package e2e

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// Word is one word tesseract read, with its box in screen pixels.
type Word struct {
	Text string
	Box  image.Rectangle
	Line int // words of one line share it
}

// Reading is what OCR read on a screenshot.
type Reading struct {
	Words []Word
}

// OCR reads the words of img (Chinese and English) with tesseract. It
// reads twice, each on its own cleaned picture (see prepare and plain),
// and keeps the words of both: each reading misses words the other gets.
func OCR(ctx context.Context, img image.Image) (Reading, error) {
	var r Reading
	for _, pass := range []struct {
		pic   *image.Gray
		scale int
	}{{prepare(img, 2), 2}, {plain(img, 2), 2}} {
		part, err := tesseract(ctx, pass.pic, pass.scale, img.Bounds().Min)
		if err != nil {
			return r, err
		}
		r.Words = append(r.Words, part.Words...)
	}
	return r, nil
}

// tesseract reads pic, a picture of the screen from origin enlarged scale
// times; the words' boxes come back in screen pixels.
func tesseract(ctx context.Context, pic *image.Gray, scale int, origin image.Point) (Reading, error) {
	var in bytes.Buffer
	if err := png.Encode(&in, pic); err != nil {
		return Reading{}, err
	}
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "tesseract", "stdin", "stdout", "-l", "chi_sim+eng", "--psm", "11", "tsv")
	cmd.Stdin = &in
	cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1") // journeys run side by side; one core each
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		return Reading{}, fmt.Errorf("tesseract: %w: %s", err, errb.String())
	}
	return parseTSV(out.Bytes(), origin, scale)
}

// plain is img in grey, dark on light (a mostly dark screen is turned
// over), enlarged scale times.
func plain(img image.Image, scale int) *image.Gray {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	var sum uint64
	g := make([]uint8, w*h)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			v := color.GrayModel.Convert(img.At(b.Min.X+x, b.Min.Y+y)).(color.Gray).Y
			g[y*w+x] = v
			sum += uint64(v)
		}
	}
	if n := uint64(w * h); n > 0 && sum/n < 110 {
		for i, v := range g {
			g[i] = 255 - v
		}
	}
	return enlarge(g, w, h, scale)
}

// enlarge makes a grey picture of w×h values scale times larger.
func enlarge(g []uint8, w, h, scale int) *image.Gray {
	big := image.NewGray(image.Rect(0, 0, w*scale, h*scale))
	for y := 0; y < h*scale; y++ {
		for x := 0; x < w*scale; x++ {
			big.Pix[y*big.Stride+x] = g[(y/scale)*w+x/scale]
		}
	}
	return big
}

// Lines longer than these (in screen pixels) are a box's edges, not a
// stroke of a letter; prepare wipes them, since tesseract takes a boxed
// field (a search bar, a button) for a picture and skips its words.
const (
	maxStrokeX = 120
	maxStrokeY = 40
)

// inkContrast is how far a pixel of text stands from the background
// around it; lineContrast is the least that still counts when looking for
// a box's faint edge to wipe; flatTolerance is how much a background
// (a flat fill) may vary between neighbours.
const (
	inkContrast   = 40
	lineContrast  = 15
	flatTolerance = 4
	flatReach     = 6 // wider than any stroke of text on these screens
)

// prepare makes the image tesseract reads: dark text on white, whatever
// the colours drawn. Each pixel is compared with the background around
// it: the flat fills (page, field, button) are found first, and each other
// pixel takes the value of the nearest one, so that white words on a blue
// button and black words on a white page both come out black. Then the
// edges of boxes are wiped and the image enlarged scale times.
func prepare(img image.Image, scale int) *image.Gray {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	g := greyValues(img)
	bg, dist := flatFills(g, w, h)
	spreadBackground(bg, dist, w, h)
	stand, ink := standOut(g, bg, dist)
	wipe := boxEdges(ink, w, h)
	out := make([]uint8, w*h)
	for i := range out {
		v := int32(255)
		if !wipe[i] && stand[i] > inkContrast/4 { // keep the strokes' soft edges
			v = 255 - min(stand[i]*2, 255)
		}
		out[i] = uint8(v)
	}
	return enlarge(out, w, h, scale)
}

// greyValues is img in grey, a value a pixel, row by row.
func greyValues(img image.Image) []int32 {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	g := make([]int32, w*h)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			g[y*w+x] = int32(color.GrayModel.Convert(img.At(b.Min.X+x, b.Min.Y+y)).(color.Gray).Y)
		}
	}
	return g
}

// noFill is the distance of a pixel from a flat fill not yet found.
const noFill = 1 << 20

// flatFills finds the pixels of a flat fill: each is the same as every
// pixel up to flatReach away on all four sides, which no pixel of a
// letter is. bg holds a flat pixel's own value at distance 0; every other
// pixel is noFill away.
func flatFills(g []int32, w, h int) (bg, dist []int32) {
	bg = make([]int32, w*h)
	dist = make([]int32, w*h)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			i := y*w + x
			if isFlat(g, w, h, x, y) {
				bg[i], dist[i] = g[i], 0
			} else {
				dist[i] = noFill
			}
		}
	}
	return bg, dist
}

// isFlat reports whether the pixel at x, y is within flatTolerance of
// every pixel up to flatReach away left, right, above and below.
func isFlat(g []int32, w, h, x, y int) bool {
	r := flatReach
	if x < r || x >= w-r || y < r || y >= h-r {
		return false
	}
	i := y*w + x
	v := g[i]
	near := func(a, b int32) bool { return a-b <= flatTolerance && b-a <= flatTolerance }
	for k := 1; k <= r; k++ {
		if !near(v, g[i-k]) || !near(v, g[i+k]) || !near(v, g[i-k*w]) || !near(v, g[i+k*w]) {
			return false
		}
	}
	return true
}

// spreadBackground carries each flat value outwards to the pixels that
// are not flat, in the two passes of a chamfer transform: each pixel
// takes the background of its nearest flat fill.
func spreadBackground(bg, dist []int32, w, h int) {
	take := func(i, j int) {
		if dist[j]+1 < dist[i] {
			bg[i], dist[i] = bg[j], dist[j]+1
		}
	}
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			if x > 0 {
				take(y*w+x, y*w+x-1)
			}
			if y > 0 {
				take(y*w+x, (y-1)*w+x)
			}
		}
	}
	for y := h - 1; y >= 0; y-- {
		for x := w - 1; x >= 0; x-- {
			if x < w-1 {
				take(y*w+x, y*w+x+1)
			}
			if y < h-1 {
				take(y*w+x, (y+1)*w+x)
			}
		}
	}
}

// standOut is how far each pixel stands from its background, and whether
// that is enough to count as ink when looking for a box's edges.
func standOut(g, bg, dist []int32) (stand []int32, ink []bool) {
	stand = make([]int32, len(g))
	ink = make([]bool, len(g))
	for i := range g {
		d := g[i] - bg[i]
		if dist[i] == noFill {
			d = 0 // nothing flat anywhere: no background to stand from
		}
		if d < 0 {
			d = -d
		}
		stand[i] = d
		ink[i] = d > lineContrast
	}
	return stand, ink
}

// boxEdges marks the pixels of runs of ink longer than maxStrokeX across
// or maxStrokeY down: a box's edges, not a stroke of a letter.
func boxEdges(ink []bool, w, h int) []bool {
	wipe := make([]bool, w*h)
	for y := 0; y < h; y++ {
		markLongRuns(ink, wipe, y*w, 1, w, maxStrokeX)
	}
	for x := 0; x < w; x++ {
		markLongRuns(ink, wipe, x, w, h, maxStrokeY)
	}
	return wipe
}

// markLongRuns walks n pixels from start, step apart, and marks in wipe
// each run of ink longer than longest.
func markLongRuns(ink, wipe []bool, start, step, n, longest int) {
	for k := 0; k < n; {
		from := k
		for k < n && ink[start+k*step] {
			k++
		}
		if k-from > longest {
			for j := from; j < k; j++ {
				wipe[start+j*step] = true
			}
		}
		if k == from {
			k++
		}
	}
}

// parseTSV reads tesseract's TSV: a header line, then level, page, block,
// paragraph, line, word, left, top, width, height, confidence, text. Word
// rows (level 5) with text become Words, their boxes scaled back and moved
// by origin.
func parseTSV(tsv []byte, origin image.Point, scale int) (Reading, error) {
	var r Reading
	sc := bufio.NewScanner(bytes.NewReader(tsv))
	first := true
	for sc.Scan() {
		if first {
			first = false
			continue
		}
		f := strings.Split(sc.Text(), "\t")
		if len(f) < 12 || f[0] != "5" || strings.TrimSpace(f[11]) == "" {
			continue
		}
		var n [9]int
		for i := range n {
			v, err := strconv.Atoi(f[1+i])
			if err != nil {
				return r, fmt.Errorf("tsv: %q: %w", sc.Text(), err)
			}
			n[i] = v
		}
		// page, block, paragraph and line name the line.
		line := n[0]<<24 | n[1]<<16 | n[2]<<8 | n[3]
		box := image.Rect(n[5], n[6], n[5]+n[7], n[6]+n[8])
		box = image.Rect(box.Min.X/scale, box.Min.Y/scale, box.Max.X/scale, box.Max.Y/scale).Add(origin)
		r.Words = append(r.Words, Word{Text: strings.TrimSpace(f[11]), Box: box, Line: line})
	}
	return r, sc.Err()
}

// squash drops spaces and punctuation and folds case: OCR puts spaces
// between Chinese characters and reads punctuation loosely.
func squash(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// Text is everything read, squashed, lines joined.
func (r Reading) Text() string {
	var b strings.Builder
	for _, w := range r.Words {
		b.WriteString(squash(w.Text))
	}
	return b.String()
}

// tolerance is how many characters OCR may have got wrong in a phrase of
// n characters (added, dropped or misread) for it still to count as read:
// none up to 4, then one in five.
func tolerance(n int) int {
	if n <= 4 {
		return 0
	}
	return n / 5
}

// nearest finds where pattern best matches a substring of text, by edit
// distance (Sellers' algorithm): the distance and the match's end (one past
// its last rune).
func nearest(pattern, text []rune) (dist, end int) {
	prev := make([]int, len(pattern)+1)
	cur := make([]int, len(pattern)+1)
	for i := range prev {
		prev[i] = i
	}
	dist, end = prev[len(pattern)], 0
	for j := 1; j <= len(text); j++ {
		cur[0] = 0 // a match may start anywhere
		for i := 1; i <= len(pattern); i++ {
			sub := prev[i-1]
			if pattern[i-1] != text[j-1] {
				sub++
			}
			cur[i] = min(sub, prev[i]+1, cur[i-1]+1)
		}
		if cur[len(pattern)] < dist {
			dist, end = cur[len(pattern)], j
		}
		prev, cur = cur, prev
	}
	return dist, end
}

// Find returns the box of phrase on the screen (squashed, as near as
// tolerance allows), from the words that make up the best match, when
// they stand in one row: tesseract may split a row into several lines.
func (r Reading) Find(phrase string) (image.Rectangle, bool) {
	want := []rune(squash(phrase))
	if len(want) == 0 {
		return image.Rectangle{}, false
	}
	// Every character read, each with the word it belongs to.
	var text []rune
	var owner []int
	for k, w := range r.Words {
		for _, c := range squash(w.Text) {
			text = append(text, c)
			owner = append(owner, k)
		}
	}
	d, end := nearest(want, text)
	if d > tolerance(len(want)) || end == 0 {
		return image.Rectangle{}, false
	}
	start := max(end-len(want), 0)
	box := r.Words[owner[start]].Box
	tallest := 0
	for _, k := range owner[start:end] {
		box = box.Union(r.Words[k].Box)
		tallest = max(tallest, r.Words[k].Box.Dy())
	}
	if box.Dy() > 2*tallest {
		return image.Rectangle{}, false // the match runs over more than one row
	}
	return box, true
}

// Has reports whether phrase was read anywhere (as near as tolerance
// allows), across line breaks too.
func (r Reading) Has(phrase string) bool {
	want := []rune(squash(phrase))
	if len(want) == 0 {
		return false
	}
	d, _ := nearest(want, []rune(r.Text()))
	return d <= tolerance(len(want))
}

// missing are the phrases not read (see Has).
func (r Reading) missing(phrases []string) []string {
	var out []string
	for _, p := range phrases {
		if !r.Has(p) {
			out = append(out, p)
		}
	}
	return out
}

// FindLowest is Find for a phrase that may stand more than once (a
// screen's title and its button): of the rows that hold it as closely as
// any does, the lowest on the screen. A match must begin and end where
// words do, so that "Sign in" is not found in "By signing in".
func (r Reading) FindLowest(phrase string) (image.Rectangle, bool) {
	want := []rune(squash(phrase))
	lines := map[int][]Word{}
	var order []int
	for _, w := range r.Words {
		if _, ok := lines[w.Line]; !ok {
			order = append(order, w.Line)
		}
		lines[w.Line] = append(lines[w.Line], w)
	}
	var best image.Rectangle
	bestDist, found := 0, false
	for _, l := range order {
		var text []rune
		var owner []int
		for k, w := range lines[l] {
			for _, c := range squash(w.Text) {
				text = append(text, c)
				owner = append(owner, k)
			}
		}
		d, end := nearest(want, text)
		start := max(end-len(want), 0)
		if d > tolerance(len(want)) || end == 0 ||
			(start > 0 && owner[start] == owner[start-1]) || (end < len(text) && owner[end] == owner[end-1]) {
			continue
		}
		box := lines[l][owner[start]].Box
		for _, k := range owner[start:end] {
			box = box.Union(lines[l][k].Box)
		}
		if !found || d < bestDist || d == bestDist && box.Min.Y > best.Min.Y {
			best, bestDist, found = box, d, true
		}
	}
	return best, found
}

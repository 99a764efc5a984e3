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

// ocrScale is how much a screenshot is enlarged before OCR: tesseract
// reads UI text (12–20 px) far better at twice the size.
const ocrScale = 2

// OCR reads the words of img (Chinese and English) with tesseract. Light
// text on a dark screen is turned dark on light first.
func OCR(ctx context.Context, img image.Image) (Reading, error) {
	var in bytes.Buffer
	if err := png.Encode(&in, prepare(img)); err != nil {
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
	return parseTSV(out.Bytes(), img.Bounds().Min)
}

// Lines longer than these (in screen pixels) are a box's edges, not a
// stroke of a letter; prepare wipes them, since tesseract takes a boxed
// field (a search bar, a button) for a picture and skips its words.
const (
	maxStrokeX = 60
	maxStrokeY = 36
)

// localRadius is the half side of the square around a pixel whose mean
// tells its background; inkContrast is how much darker than that mean (or
// lighter, on a dark background) a pixel of text is.
const (
	localRadius  = 12
	inkContrast  = 40
	lineContrast = 15 // a box's faint edge still counts as a line to wipe
)

// prepare makes the image tesseract reads: black text on white. A pixel is
// text when it stands out from the mean of its neighbourhood: darker on a
// light background, lighter on a dark one (white words on a blue button,
// a dark theme). Then the edges of boxes are wiped and the image enlarged.
func prepare(img image.Image) *image.Gray {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	g := make([]int32, w*h)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			g[y*w+x] = int32(color.GrayModel.Convert(img.At(b.Min.X+x, b.Min.Y+y)).(color.Gray).Y)
		}
	}
	// sums[(y)*(w+1)+x] is the sum of g over [0,x)×[0,y).
	sums := make([]int64, (w+1)*(h+1))
	for y := 0; y < h; y++ {
		var row int64
		for x := 0; x < w; x++ {
			row += int64(g[y*w+x])
			sums[(y+1)*(w+1)+x+1] = sums[y*(w+1)+x+1] + row
		}
	}
	// How far each pixel stands out from its background, towards text.
	stand := make([]int64, w*h)
	ink := make([]bool, w*h)
	for y := 0; y < h; y++ {
		y0, y1 := max(y-localRadius, 0), min(y+localRadius+1, h)
		for x := 0; x < w; x++ {
			x0, x1 := max(x-localRadius, 0), min(x+localRadius+1, w)
			area := int64((x1 - x0) * (y1 - y0))
			mean := (sums[y1*(w+1)+x1] - sums[y0*(w+1)+x1] - sums[y1*(w+1)+x0] + sums[y0*(w+1)+x0]) / area
			d := mean - int64(g[y*w+x])
			if mean < 128 { // a dark background: text is lighter
				d = -d
			}
			stand[y*w+x] = d
			ink[y*w+x] = d > lineContrast
		}
	}
	wipe := make([]bool, w*h)
	for y := 0; y < h; y++ {
		for x := 0; x < w; {
			start := x
			for x < w && ink[y*w+x] {
				x++
			}
			if x-start > maxStrokeX {
				for k := start; k < x; k++ {
					wipe[y*w+k] = true
				}
			}
			if x == start {
				x++
			}
		}
	}
	for x := 0; x < w; x++ {
		for y := 0; y < h; {
			start := y
			for y < h && ink[y*w+x] {
				y++
			}
			if y-start > maxStrokeY {
				for k := start; k < y; k++ {
					wipe[k*w+x] = true
				}
			}
			if y == start {
				y++
			}
		}
	}
	big := image.NewGray(image.Rect(0, 0, w*ocrScale, h*ocrScale))
	for y := 0; y < h*ocrScale; y++ {
		for x := 0; x < w*ocrScale; x++ {
			i := (y/ocrScale)*w + x/ocrScale
			v := int64(255)
			if !wipe[i] && stand[i] > inkContrast/4 { // keep the strokes' soft edges
				v = 255 - min(stand[i]*3, 255)
			}
			big.Pix[y*big.Stride+x] = uint8(v)
		}
	}
	return big
}

// parseTSV reads tesseract's TSV: a header line, then level, page, block,
// paragraph, line, word, left, top, width, height, confidence, text. Word
// rows (level 5) with text become Words, their boxes scaled back and moved
// by origin.
func parseTSV(tsv []byte, origin image.Point) (Reading, error) {
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
		box = image.Rect(box.Min.X/ocrScale, box.Min.Y/ocrScale, box.Max.X/ocrScale, box.Max.Y/ocrScale).Add(origin)
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

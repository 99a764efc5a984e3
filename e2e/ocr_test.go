package e2e

import (
	"image"
	"image/color"
	"testing"
)

// A TSV as tesseract 5 writes it for two lines: "搜 索 景点" and "English".
const sampleTSV = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n" +
	"1\t1\t0\t0\t0\t0\t0\t0\t2560\t1600\t-1\t\n" +
	"5\t1\t1\t1\t1\t1\t100\t200\t40\t40\t91\t搜\n" +
	"5\t1\t1\t1\t1\t2\t150\t200\t40\t40\t90\t索\n" +
	"5\t1\t1\t1\t1\t3\t200\t200\t80\t40\t88\t景点,\n" +
	"5\t1\t2\t1\t1\t1\t700\t1300\t140\t40\t95\tEnglish\n" +
	"5\t1\t2\t1\t1\t2\t900\t1300\t10\t40\t95\t \n"

func TestParseTSVAndFind(t *testing.T) {
	r, err := parseTSV([]byte(sampleTSV), image.Pt(10, 0), 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Words) != 4 {
		t.Fatalf("%d words: %+v", len(r.Words), r.Words)
	}
	box, ok := r.Find("搜索 景点")
	if want := image.Rect(60, 100, 150, 120); !ok || box != want {
		t.Errorf("搜索景点 at %v (%v), want %v", box, ok, want)
	}
	if box, ok := r.Find("english"); !ok || box != image.Rect(360, 650, 430, 670) {
		t.Errorf("English at %v (%v)", box, ok)
	}
	if _, ok := r.Find("景点English"); ok {
		t.Error("a phrase across two rows was found by Find")
	}
	if !r.Has("景点English") || r.Has("地图") {
		t.Errorf("Has: %q", r.Text())
	}
}

func TestNearest(t *testing.T) {
	for _, c := range []struct {
		pattern, text string
		dist, end     int
	}{
		{"abc", "xxabcxx", 0, 5},
		{"abc", "xxabxx", 1, 4},
		{"游江苏办政务没有网络也能用", "游江苏办政务没有了网络也能用", 1, 14},
		{"abc", "", 3, 0},
	} {
		d, e := nearest([]rune(c.pattern), []rune(c.text))
		if d != c.dist || e != c.end {
			t.Errorf("nearest(%q, %q) = %d, %d; want %d, %d", c.pattern, c.text, d, e, c.dist, c.end)
		}
	}
	r := Reading{Words: []Word{{Text: "游江苏、办政务，没有了网络也能用。", Box: image.Rect(0, 0, 10, 10), Line: 1}}}
	if !r.Has("游江苏、办政务，没有网络也能用。") || r.Has("我的") {
		t.Error("a phrase read with one character too many is not found, or a phrase not there is")
	}
}

// TestPrepareWipesBoxesKeepsStrokes: a box's long edge is wiped, a short
// stroke and a faint fill are not ink, a dark screen is turned over.
func TestPrepareWipesBoxesKeepsStrokes(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 200, 100))
	for i := range img.Pix {
		img.Pix[i] = 250 // a light background
	}
	for x := 10; x < 190; x++ {
		img.Set(x, 10, color.Black) // a box's edge
	}
	for x := 20; x < 30; x++ {
		img.Set(x, 50, color.Black) // a stroke
	}
	img.Set(100, 80, color.Gray{Y: 240}) // a faint fill
	p := prepare(img, 2)
	at := func(x, y int) uint8 { return p.GrayAt(x*2, y*2).Y }
	if at(100, 10) != 255 || at(25, 50) != 0 || at(100, 80) != 255 {
		t.Errorf("edge %d, stroke %d, fill %d; want 255, 0, 255", at(100, 10), at(25, 50), at(100, 80))
	}
	dark := image.NewGray(image.Rect(0, 0, 50, 50))
	for i := range dark.Pix {
		dark.Pix[i] = 20
	}
	dark.Pix[25*50+25] = 235 // a light dot of text
	if q := prepare(dark, 1); q.GrayAt(25, 25).Y > 40 || q.GrayAt(0, 0).Y != 255 {
		t.Error("light text on a dark screen does not come out dark on white")
	}
}

func TestFindLowestTakesWholeWords(t *testing.T) {
	line := func(y, n int, words ...string) []Word {
		var out []Word
		for i, w := range words {
			out = append(out, Word{Text: w, Box: image.Rect(10+60*i, y, 60+60*i, y+20), Line: n})
		}
		return out
	}
	var r Reading
	r.Words = append(r.Words, line(10, 1, "Sign", "in")...)
	r.Words = append(r.Words, line(300, 2, "Sign", "in")...)
	r.Words = append(r.Words, line(400, 3, "By", "signing", "in", "you", "agree")...)
	box, ok := r.FindLowest("Sign in")
	if !ok || box.Min.Y != 300 {
		t.Errorf("Sign in at %v (%v), want the button at y=300", box, ok)
	}
}

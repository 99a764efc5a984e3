package mapview

import (
	"image"
	"image/color"
	"math"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/mobile"
	"fyne.io/fyne/v2/test"
	"github.com/paulmach/orb"

	"jiangsupass/maps"
)

func newTestMap(t *testing.T) (*Map, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	m := New(testSource(t))
	m.Synchronous = true
	w := test.NewTempWindow(t, m)
	w.Resize(fyne.NewSize(400, 400))
	m.CenterOn(orb.Point{118.78, 32.04}, 10)
	return m, w
}

func near(a, b orb.Point, tol float64) bool {
	return math.Abs(a[0]-b[0]) < tol && math.Abs(a[1]-b[1]) < tol
}

// TestDragPans drags the map by 100 units right and down: the centre moves
// west and north by 100 pixels' worth at zoom 10.
func TestDragPans(t *testing.T) {
	m, w := newTestMap(t)
	before := m.Center()
	test.Drag(w.Canvas(), fyne.NewPos(200, 200), 100, 100)
	after := m.Center()
	px0, py0 := maps.ToPixel(before, 10)
	px1, py1 := maps.ToPixel(after, 10)
	if math.Abs(px0-px1-100) > 0.5 || math.Abs(py0-py1-100) > 0.5 {
		t.Errorf("drag by (100,100) moved the centre by (%.1f, %.1f) pixels", px0-px1, py0-py1)
	}
}

// TestWheelAndButtonsZoom zooms with the wheel about the pointer and with
// the + and − buttons, within the source's zooms.
func TestWheelAndButtonsZoom(t *testing.T) {
	m, w := newTestMap(t)
	at := fyne.NewPos(300, 120)
	under := m.PointAt(at)
	m.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: at}, Scrolled: fyne.Delta{DY: 10}})
	if m.Zoom() != 11 {
		t.Fatalf("wheel up: zoom %d, want 11", m.Zoom())
	}
	if got := m.PointAt(at); !near(got, under, 1e-6) {
		t.Errorf("the place under the pointer moved from %v to %v", under, got)
	}
	test.Scroll(w.Canvas(), at, 0, -10) // through the canvas, as the driver delivers it
	if m.Zoom() != 10 {
		t.Fatalf("wheel down: zoom %d, want 10", m.Zoom())
	}
	r := test.WidgetRenderer(m).(*mapRenderer)
	test.Tap(r.zoomIn)
	test.Tap(r.zoomIn)
	if m.Zoom() != 12 {
		t.Errorf("two taps on +: zoom %d, want 12", m.Zoom())
	}
	for i := 0; i < 20; i++ {
		test.Tap(r.zoomOut)
	}
	if lo, _ := testSource(t).Zooms(); m.Zoom() != lo {
		t.Errorf("many taps on −: zoom %d, want the least, %d", m.Zoom(), lo)
	}
	test.DoubleTap(m)
	if m.Zoom() != maps.MinZoom+1 {
		t.Errorf("double tap: zoom %d", m.Zoom())
	}
}

// TestPinchZooms spreads two fingers apart, then pinches them together.
func TestPinchZooms(t *testing.T) {
	m, _ := newTestMap(t)
	touch := func(f func(*mobile.TouchEvent), id int, x, y float32) {
		f(&mobile.TouchEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(x, y)}, ID: id})
	}
	touch(m.TouchDown, 0, 180, 200)
	touch(m.TouchDown, 1, 220, 200)
	touch(m.TouchMoved, 0, 150, 200)
	touch(m.TouchMoved, 1, 250, 200) // 40 → 100 apart
	if m.Zoom() != 11 {
		t.Errorf("spread: zoom %d, want 11", m.Zoom())
	}
	touch(m.TouchMoved, 0, 195, 200)
	touch(m.TouchMoved, 1, 205, 200) // 100 → 10 apart
	if m.Zoom() != 10 {
		t.Errorf("pinch: zoom %d, want 10", m.Zoom())
	}
	touch(m.TouchUp, 0, 195, 200)
	touch(m.TouchUp, 1, 205, 200)
	if m.pinch.active() {
		t.Error("still pinching after both fingers lifted")
	}
}

// TestMarkersClusterAndCard puts three markers close together and one far:
// at zoom 8 the three show as one cluster; tapping it zooms in; tapping a
// lone marker opens its card, whose action reaches OnOpen.
func TestMarkersClusterAndCard(t *testing.T) {
	m, _ := newTestMap(t)
	red := color.NRGBA{0xd0, 0x20, 0x20, 0xff}
	m.SetMarkers([]Marker{
		{ID: "a", Point: orb.Point{118.780, 32.040}, Title: "A", Color: red},
		{ID: "b", Point: orb.Point{118.782, 32.041}, Title: "B", Color: red},
		{ID: "c", Point: orb.Point{118.784, 32.042}, Title: "C", Color: red},
		{ID: "far", Point: orb.Point{118.90, 32.10}, Title: "Far", Subtitle: "far away", Color: red, Openable: true},
	})
	m.CenterOn(orb.Point{118.8, 32.05}, 8)
	r := test.WidgetRenderer(m).(*mapRenderer)
	if len(r.clusters) != 2 || len(r.clusters[0].members)+len(r.clusters[1].members) != 4 {
		t.Fatalf("at z8: %d clusters %v, want 2", len(r.clusters), r.clusters)
	}
	var crowd *markerButton
	for i, c := range r.clusters {
		if len(c.members) == 3 {
			crowd = r.markers[i]
		}
	}
	if crowd == nil {
		t.Fatal("no cluster of three")
	}
	test.Tap(crowd)
	if m.Zoom() != 10 {
		t.Errorf("tap on a cluster: zoom %d, want 10", m.Zoom())
	}
	var opened string
	m.OnOpen = func(mk Marker) { opened = mk.ID }
	m.CardAction = "Details"
	m.CenterOn(orb.Point{118.90, 32.10}, 12)
	r = test.WidgetRenderer(m).(*mapRenderer)
	if len(r.clusters) != 1 {
		t.Fatalf("at the far marker: %d clusters", len(r.clusters))
	}
	test.Tap(r.markers[0])
	if sel, ok := m.Selected(); !ok || sel.ID != "far" {
		t.Fatalf("tap on the far marker selected %v %v", sel, ok)
	}
	if r.card == nil {
		t.Fatal("no card")
	}
	tapButton(t, r.card, "Details")
	if opened != "far" {
		t.Errorf("card action opened %q", opened)
	}
	test.Tap(m) // a tap on the map closes the card
	if _, ok := m.Selected(); ok {
		t.Error("card still open after a tap on the map")
	}
}

// TestTapReportsPlace checks OnTapped gets the place under the finger.
func TestTapReportsPlace(t *testing.T) {
	m, _ := newTestMap(t)
	var got orb.Point
	m.OnTapped = func(p orb.Point) { got = p }
	test.TapAt(m, fyne.NewPos(m.Size().Width/2, m.Size().Height/2))
	if !near(got, m.Center(), 1e-3) {
		t.Errorf("tap at the middle reported %v, centre %v", got, m.Center())
	}
}

// TestLowerZoomShownWhileLoading draws a view whose tiles are not cached
// but whose parent is: the frame is filled from the parent, scaled, and
// the missing tiles are listed.
func TestLowerZoomShownWhileLoading(t *testing.T) {
	src := testSource(t)
	c := newTileCache(src, 64, nil)
	defer c.stop()
	cx, cy := maps.Project(orb.Point{120.2, 31.2}) // Lake Tai
	v := viewAt(cx, cy, 9, 256, 256)
	for _, id := range v.tiles() {
		p, _, _ := id.Parent()
		c.fetchNow(p)
	}
	dst := newFrame(256, 256)
	missing := compose(dst, v, c, color.NRGBA{1, 2, 3, 255}, maps.MinZoom, false)
	if len(missing) != len(v.tiles()) {
		t.Fatalf("%d missing, want all %d", len(missing), len(v.tiles()))
	}
	if bgShare(dst, color.NRGBA{1, 2, 3, 255}) > 0.01 {
		t.Error("the frame shows background where the parent tile was cached")
	}
	empty := newTileCache(src, 64, nil)
	defer empty.stop()
	dst = newFrame(256, 256)
	compose(dst, v, empty, color.NRGBA{1, 2, 3, 255}, maps.MinZoom, false)
	if bgShare(dst, color.NRGBA{1, 2, 3, 255}) < 0.99 {
		t.Error("with nothing cached the frame is not background: the check could never fail")
	}
}

// TestFitPointsAndMinZoom fits the province in a 400×400 map, then shows
// that a marker with a MinZoom is hidden below it and shown from it.
func TestFitPointsAndMinZoom(t *testing.T) {
	m, _ := newTestMap(t)
	pts := []orb.Point{{116.36, 30.76}, {121.95, 35.12}}
	m.FitPoints(pts)
	if m.Zoom() != 6 {
		t.Errorf("province in 400 units fits at zoom %d, want 6", m.Zoom())
	}
	for _, p := range pts {
		pos := m.PositionOf(p)
		if pos.X < 0 || pos.Y < 0 || pos.X > m.Size().Width || pos.Y > m.Size().Height {
			t.Errorf("%v is drawn at %v, outside the map", p, pos)
		}
	}
	m.SetMarkers([]Marker{{ID: "s", Point: orb.Point{118.78, 32.04}, MinZoom: 12, Color: color.Black}})
	m.CenterOn(orb.Point{118.78, 32.04}, 11)
	if n := len(test.WidgetRenderer(m).(*mapRenderer).clusters); n != 0 {
		t.Errorf("at zoom 11 a MinZoom 12 marker shows (%d)", n)
	}
	m.ZoomIn()
	if n := len(test.WidgetRenderer(m).(*mapRenderer).clusters); n != 1 {
		t.Errorf("at zoom 12 the marker is hidden (%d)", n)
	}
}

// TestTilesLoadOffThread shows a map that fetches asynchronously: the
// first frame lacks tiles, the workers fetch them, the loaded callback
// redraws, and then nothing is missing and no worker is left running.
func TestTilesLoadOffThread(t *testing.T) {
	test.NewTempApp(t)
	m := New(testSource(t))
	w := test.NewTempWindow(t, m)
	w.Resize(fyne.NewSize(300, 300))
	m.CenterOn(orb.Point{120.2, 31.2}, 9)
	m.mu.Lock()
	first := m.missing
	m.mu.Unlock()
	if first == 0 {
		t.Fatal("the first frame had every tile: nothing was left for the workers")
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		m.mu.Lock()
		missing := m.missing
		m.mu.Unlock()
		m.tiles.mu.Lock()
		running := m.tiles.running
		m.tiles.mu.Unlock()
		if missing == 0 && running == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after 20 s: %d tiles missing, %d workers running", missing, running)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := m.FetchError(); err != nil {
		t.Errorf("fetch error: %v", err)
	}
}

// TestDrawTileScalesOtherSizes draws a 512-pixel tile into a 256-pixel
// place: all of it, scaled, not its top-left quarter.
func TestDrawTileScalesOtherSizes(t *testing.T) {
	big := image.NewRGBA(image.Rect(0, 0, 512, 512))
	red, blue := color.RGBA{255, 0, 0, 255}, color.RGBA{0, 0, 255, 255}
	for y := 0; y < 512; y++ {
		for x := 0; x < 512; x++ {
			c := red
			if x >= 256 {
				c = blue
			}
			big.SetRGBA(x, y, c)
		}
	}
	dst := newFrame(256, 256)
	drawTile(dst, dst.Bounds(), big)
	if dst.RGBAAt(10, 10) != red || dst.RGBAAt(245, 245) != blue {
		t.Errorf("corners %v %v, want red and blue", dst.RGBAAt(10, 10), dst.RGBAAt(245, 245))
	}
}

// TestComposeAtDensityTwo composes a view for a screen of two pixels per
// unit: the frame is twice the size and filled with tiles, scaled up from
// a plain source.
func TestComposeAtDensityTwo(t *testing.T) {
	c := newTileCache(testSource(t), 64, nil)
	defer c.stop()
	cx, cy := maps.Project(orb.Point{120.2, 31.2})
	v := viewAt(cx, cy, 9, 200, 150)
	v.scale = 2
	fs := v.frameSize()
	if fs != image.Pt(400, 300) {
		t.Fatalf("frame %v, want 400×300", fs)
	}
	bg := color.NRGBA{1, 2, 3, 255}
	dst := newFrame(fs.X, fs.Y)
	if missing := compose(dst, v, c, bg, maps.MinZoom, true); len(missing) != 0 {
		t.Fatalf("%d tiles missing", len(missing))
	}
	if share := bgShare(dst, bg); share > 0.01 {
		t.Errorf("%.0f%% of the frame is background", share*100)
	}
}

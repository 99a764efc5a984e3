package mapview

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb"

	"jiangsupass/maps"
)

// Marker is a point on the map that the user can tap for its card.
type Marker struct {
	ID       string
	Point    orb.Point // WGS84
	Title    string    // the card's first line
	Subtitle string    // the card's second line, may be empty
	// Color is the marker's colour; nil draws it in the theme's colour
	// named ColorName (primary when that is empty), read when it is drawn.
	Color     color.Color
	ColorName fyne.ThemeColorName
	// Openable shows the card's action (Map.CardAction) for this marker.
	Openable bool
	// MinZoom hides the marker at lower zooms, where it would crowd.
	MinZoom int
	// Badge is a short word or symbol drawn under a lone marker on a
	// pill of its colour, so that what the colour means is also said in
	// words (a scenic area's crowd level); BadgeInk is its text colour,
	// white when nil. A screen reader hears it after the title.
	Badge    string
	BadgeInk color.Color
}

// Polyline is a line drawn over the basemap, such as a route.
type Polyline struct {
	Points []orb.Point // WGS84
	// Color is the line's colour; nil draws it in the theme's colour
	// named ColorName (primary when that is empty), read when it is drawn.
	Color     color.Color
	ColorName fyne.ThemeColorName
	Width     float32 // in Fyne units; 4 when zero
}

// Map is the map widget. Create it with New; set its callbacks before it
// is shown. Its methods are for the UI goroutine.
type Map struct {
	widget.BaseWidget

	// Synchronous fetches every tile before drawing, on the calling
	// goroutine: for snapshots and tests, where nothing may be missing.
	Synchronous bool
	// OnTapped is called with the place where the user tapped the map
	// itself (not a marker or a control).
	OnTapped func(orb.Point)
	// OnOpen is called when the user presses the action of a marker's
	// card; the card shows no action when it is nil.
	OnOpen func(Marker)
	// CardAction is the label of the card's action, e.g. "Details".
	CardAction string
	// TargetSize is the least width and height of a tappable marker;
	// markers draw smaller inside it.
	TargetSize float32
	// Background is drawn where no tile is.
	Background color.Color
	// Description is what a screen reader says of the map, e.g. "Map of
	// Jiangsu".
	Description string
	// ClusterLabel is what a screen reader says of a cluster of count
	// markers, the first titled first; nil says the count and the title.
	ClusterLabel func(count int, first string) string
	// DistanceLabel writes the scale bar's distance, in metres, in the
	// reader's language; nil writes "500 m" or "2 km".
	DistanceLabel func(meters float64) string
	// OnThemeChange is called on the UI goroutine when the map is drawn
	// under a theme whose background differs from the one it was drawn
	// under before (the system turning dark at dusk, with no rebuild), so
	// that its owner can give it a basemap to match (SetSource).
	OnThemeChange func()

	src      maps.TileSource
	tiles    *tileCache
	minZ     int
	maxZ     int
	zoom     int
	cx, cy   float64 // centre, world coordinates in [0, 1)
	markers  []Marker
	lines    []Polyline
	selected *Marker
	pinch    pinchState
	fit      []orb.Point // points to fit once the widget has a size

	mu      sync.Mutex // guards frame, which the tile workers' callback replaces
	frame   *image.RGBA
	missing int
}

// New makes a map over src, centred on Jiangsu at its lowest zoom.
func New(src maps.TileSource) *Map {
	m := &Map{TargetSize: 44, Background: color.NRGBA{0xe4, 0xe2, 0xdc, 0xff}}
	m.use(src)
	m.ExtendBaseWidget(m)
	m.CenterOn(orb.Point{119.4, 32.9}, m.minZ)
	return m
}

// SetSource draws the map from src from now on, keeping its place: the
// zoom is held within src's zooms. The tiles of the old source are let go.
// Set Background first when the new source wants another.
func (m *Map) SetSource(src maps.TileSource) {
	old := m.tiles
	m.use(src)
	old.stop()
	m.zoom = clampInt(m.zoom, m.minZ, m.maxZ)
	m.Refresh()
}

// use takes src as the map's source, with a cache of its tiles.
func (m *Map) use(src maps.TileSource) {
	m.src = src
	m.minZ, m.maxZ = src.Zooms()
	m.minZ = max(m.minZ, 3)
	m.maxZ = max(m.maxZ, m.minZ)
	// 96 decoded tiles (24 MB) cover a full-HD view, its parents and a
	// little panning.
	m.tiles = newTileCache(src, 96, func() { fyne.Do(m.Refresh) })
}

// CenterOn moves the map to p at zoom z (clamped to the source's zooms).
func (m *Map) CenterOn(p orb.Point, z int) {
	m.fit = nil
	m.zoom = clampInt(z, m.minZ, m.maxZ)
	m.cx, m.cy = maps.Project(p)
	m.Refresh()
}

// Center is the point at the middle of the map.
func (m *Map) Center() orb.Point { return maps.Unproject(m.cx, m.cy) }

// Zoom is the current zoom level.
func (m *Map) Zoom() int { return m.zoom }

// ZoomIn zooms in one level about the centre.
func (m *Map) ZoomIn() { m.zoomAbout(m.zoom+1, m.Size().Width/2, m.Size().Height/2) }

// ZoomOut zooms out one level about the centre.
func (m *Map) ZoomOut() { m.zoomAbout(m.zoom-1, m.Size().Width/2, m.Size().Height/2) }

// zoomAbout changes zoom keeping the place under (x, y) where it is.
func (m *Map) zoomAbout(z int, x, y float32) {
	z = clampInt(z, m.minZ, m.maxZ)
	if z == m.zoom {
		return
	}
	m.fit = nil
	p := m.PointAt(fyne.NewPos(x, y))
	dx, dy := float64(x-m.Size().Width/2), float64(y-m.Size().Height/2)
	m.zoom = z
	px, py := maps.ToPixel(p, z)
	s := maps.WorldSize(z)
	m.cx, m.cy = (px-dx)/s, (py-dy)/s
	m.Refresh()
}

// FitPoints centres the map on pts at the highest zoom that shows them
// all, and keeps doing so as the widget is resized until the user pans or
// zooms.
func (m *Map) FitPoints(pts []orb.Point) {
	if len(pts) == 0 {
		return
	}
	m.fit = append([]orb.Point(nil), pts...)
	m.applyFit(m.Size())
	m.Refresh()
}

// applyFit sets the centre and zoom that fit m.fit in a view of size.
func (m *Map) applyFit(size fyne.Size) {
	b := orb.MultiPoint(m.fit).Bound()
	cx, cy := maps.Project(b.Center())
	m.cx, m.cy = cx, cy
	w, h := float64(size.Width), float64(size.Height)
	if w <= 0 || h <= 0 {
		return
	}
	z := m.maxZ
	for ; z > m.minZ; z-- {
		x0, y0 := maps.ToPixel(orb.Point{b.Min.Lon(), b.Max.Lat()}, z)
		x1, y1 := maps.ToPixel(orb.Point{b.Max.Lon(), b.Min.Lat()}, z)
		if x1-x0 <= w*0.92 && y1-y0 <= h*0.92 {
			break
		}
	}
	m.zoom = z
}

// SetMarkers replaces the markers and closes any open card.
func (m *Map) SetMarkers(ms []Marker) {
	m.markers = append([]Marker(nil), ms...)
	m.selected = nil
	m.Refresh()
}

// SetPolylines replaces the overlay lines.
func (m *Map) SetPolylines(ls []Polyline) {
	m.lines = append([]Polyline(nil), ls...)
	m.Refresh()
}

// Select opens the card of the marker with the given ID, if there is one.
func (m *Map) Select(id string) {
	for i := range m.markers {
		if m.markers[i].ID == id {
			mk := m.markers[i]
			m.selected = &mk
			m.Refresh()
			return
		}
	}
}

// Selected is the marker whose card is open, if any.
func (m *Map) Selected() (Marker, bool) {
	if m.selected == nil {
		return Marker{}, false
	}
	return *m.selected, true
}

// PointAt is the place under a position in the widget.
func (m *Map) PointAt(pos fyne.Position) orb.Point {
	v := m.viewUnits()
	return maps.FromPixel(v.left+float64(pos.X), v.top+float64(pos.Y), m.zoom)
}

// PositionOf is where a place is drawn in the widget.
func (m *Map) PositionOf(p orb.Point) fyne.Position {
	v := m.viewUnits()
	px, py := maps.ToPixel(p, m.zoom)
	return fyne.NewPos(float32(px-v.left), float32(py-v.top))
}

// Attribution is the source's credit line, as the map shows it.
func (m *Map) Attribution() string { return m.src.Attribution() }

// FetchError is the last error met while fetching tiles, if any.
func (m *Map) FetchError() error { return m.tiles.err() }

// viewUnits is the current view at the widget's size, at one pixel per
// unit: enough to place things in the widget.
func (m *Map) viewUnits() view {
	sz := m.Size()
	return viewAt(m.cx, m.cy, m.zoom, int(math.Ceil(float64(sz.Width))), int(math.Ceil(float64(sz.Height))))
}

// view is the current view at the widget's size, drawn at the density of
// the canvas it is on.
func (m *Map) view() view {
	v := m.viewUnits()
	if a := fyne.CurrentApp(); a != nil {
		if c := a.Driver().CanvasForObject(m); c != nil && c.Scale() > 0 {
			v.scale = float64(c.Scale())
		}
	}
	return v
}

// CreateRenderer is part of fyne.Widget.
func (m *Map) CreateRenderer() fyne.WidgetRenderer { return newRenderer(m) }

// Destroy ends the tile workers; the map is not used after it.
func (m *Map) Destroy() { m.tiles.stop() }

// inkOf is c, or where c is nil the theme's colour called name (primary
// when name is empty), read now: a colour that follows the theme.
func inkOf(c color.Color, name fyne.ThemeColorName) color.Color {
	if c != nil {
		return c
	}
	if name == "" {
		name = theme.ColorNamePrimary
	}
	return theme.Color(name)
}

func clampInt(v, lo, hi int) int { return max(lo, min(hi, v)) }

// AccessibilityLabel is the map's Description.
func (m *Map) AccessibilityLabel() string { return m.Description }

// AccessibilityRole is a container's: a screen reader reaches the markers
// inside it.
func (m *Map) AccessibilityRole() fyne.AccessibleRole { return fyne.AccessibleRoleContainer }

// markerLabel is what a screen reader says of a marker, or of a cluster
// of count markers whose first is titled first.
func (m *Map) markerLabel(count int, first string) string {
	switch {
	case count <= 1:
		return first
	case m.ClusterLabel != nil:
		return m.ClusterLabel(count, first)
	}
	return fmt.Sprintf("%d: %s, …", count, first)
}

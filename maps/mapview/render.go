package mapview

import (
	"image"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"jiangsupass/maps"
)

// mapRenderer draws the map: the composed tiles and lines as one image,
// the markers, the controls, the scale bar, the attribution and the card.
type mapRenderer struct {
	m          *Map
	img        *canvas.Image
	markers    []*markerButton
	zoomIn     *widget.Button
	zoomOut    *widget.Button
	scale      *scaleBar
	attr       *attribution
	attrHeight float32 // what the attribution takes from the bottom
	card       fyne.CanvasObject
	cardFor    *Marker
	clusters   []cluster
	drawnUnder color.Color // the theme's background at the last refresh
}

func newRenderer(m *Map) *mapRenderer {
	r := &mapRenderer{m: m, img: canvas.NewImageFromImage(nil), drawnUnder: theme.Color(theme.ColorNameBackground)}
	r.img.FillMode = canvas.ImageFillStretch
	r.img.ScaleMode = canvas.ImageScaleSmooth
	r.zoomIn = widget.NewButtonWithIcon("", theme.ZoomInIcon(), m.ZoomIn)
	r.zoomOut = widget.NewButtonWithIcon("", theme.ZoomOutIcon(), m.ZoomOut)
	r.scale = newScaleBar()
	r.attr = newAttribution()
	return r
}

// Layout places everything for the widget's size and redraws the frame.
func (r *mapRenderer) Layout(size fyne.Size) {
	if len(r.m.fit) > 0 {
		r.m.applyFit(size)
	}
	if r.img.Image == nil || r.img.Image.Bounds().Size() != r.m.view().frameSize() {
		r.redraw()
	}
	r.img.Resize(size)
	r.img.Move(fyne.NewPos(0, 0))
	pad := theme.Padding()
	bs := r.zoomIn.MinSize().Max(fyne.NewSquareSize(r.m.TargetSize))
	r.zoomIn.Resize(bs)
	r.zoomOut.Resize(bs)
	r.zoomIn.Move(fyne.NewPos(size.Width-bs.Width-pad*2, pad*2))
	r.zoomOut.Move(fyne.NewPos(size.Width-bs.Width-pad*2, pad*3+bs.Height))

	r.attrHeight = r.attr.layout(r.m.src.Attribution(), size, pad)

	ss := r.scale.MinSize()
	r.scale.Move(fyne.NewPos(pad*2, size.Height-r.attrHeight-ss.Height-pad*2))
	r.scale.Resize(ss)

	r.layoutMarkers()
	r.layoutCard(size)
}

func (r *mapRenderer) layoutMarkers() {
	t := r.m.TargetSize
	r.clusters = clusterMarkers(r.m, t*1.2)
	for len(r.markers) < len(r.clusters) {
		r.markers = append(r.markers, newMarkerButton())
	}
	for i, b := range r.markers {
		if i >= len(r.clusters) {
			b.Hide()
			continue
		}
		c := r.clusters[i]
		first := r.m.markers[c.members[0]]
		b.show(inkOf(first.Color, first.ColorName), len(c.members), r.m.markerLabel(len(c.members), first.Title))
		if len(c.members) == 1 {
			b.showBadge(first.Badge, first.BadgeInk)
		}
		b.onTap = r.tapFor(c)
		b.Resize(fyne.NewSquareSize(t))
		b.Move(fyne.NewPos(c.x-t/2, c.y-t/2))
		b.Show()
		// A button keeps its size from one cluster to the next, so Resize
		// lays nothing out: its dot, count and badge are laid out here.
		b.Refresh()
	}
}

// tapFor opens the card of a lone marker, or zooms in on a cluster (or,
// at the highest zoom, opens its first member's card).
func (r *mapRenderer) tapFor(c cluster) func() {
	m := r.m
	return func() {
		if len(c.members) == 1 || m.zoom >= m.maxZ {
			mk := m.markers[c.members[0]]
			m.selected = &mk
			m.Refresh()
			return
		}
		m.zoomAbout(m.zoom+2, c.x, c.y)
	}
}

func (r *mapRenderer) layoutCard(size fyne.Size) {
	if r.m.selected == nil {
		r.card, r.cardFor = nil, nil
		return
	}
	if r.cardFor != r.m.selected {
		r.card, r.cardFor = newCard(r.m, *r.m.selected), r.m.selected
	}
	paintCard(r.card)
	pad := theme.Padding() * 2
	w := fyne.Min(size.Width-2*pad, 440)
	h := r.card.MinSize().Height
	r.card.Resize(fyne.NewSize(w, h))
	r.card.Move(fyne.NewPos((size.Width-w)/2, size.Height-h-pad-r.attrHeight))
}

// newCard is the card of a marker: its title, subtitle, the action and a
// close button.
func newCard(m *Map, mk Marker) fyne.CanvasObject {
	title := widget.NewLabelWithStyle(mk.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Wrapping = fyne.TextWrapWord
	box := container.NewVBox(title)
	if mk.Subtitle != "" {
		sub := widget.NewLabel(mk.Subtitle)
		sub.Wrapping = fyne.TextWrapWord
		box.Add(sub)
	}
	closeBtn := widget.NewButtonWithIcon("", theme.CancelIcon(), func() {
		m.selected = nil
		m.Refresh()
	})
	row := container.NewHBox()
	if m.OnOpen != nil && m.CardAction != "" && mk.Openable {
		open := widget.NewButton(m.CardAction, func() { m.OnOpen(mk) })
		open.Importance = widget.HighImportance
		row.Add(open)
	}
	bg := canvas.NewRectangle(nil)
	bg.StrokeWidth = 1
	body := container.NewBorder(nil, row, nil, container.NewVBox(closeBtn), box)
	card := container.NewStack(bg, container.NewPadded(body))
	paintCard(card)
	return card
}

// paintCard sets a card's background from the theme in force; the map's
// Layout calls it, so a theme change repaints an open card.
func paintCard(card fyne.CanvasObject) {
	bg := card.(*fyne.Container).Objects[0].(*canvas.Rectangle)
	bg.FillColor = theme.Color(theme.ColorNameOverlayBackground)
	bg.StrokeColor = theme.Color(theme.ColorNameSeparator)
	bg.CornerRadius = theme.InputRadiusSize()
	bg.Refresh()
}

// MinSize is small: the map fills what it is given.
func (r *mapRenderer) MinSize() fyne.Size { return fyne.NewSize(120, 120) }

// Refresh recomposes the frame and moves the markers, and tells the map's
// owner when the theme has changed since the last refresh.
func (r *mapRenderer) Refresh() {
	fg, bg := theme.Color(theme.ColorNameForeground), theme.Color(theme.ColorNameBackground)
	changed := !sameNRGBA(r.drawnUnder, bg)
	r.drawnUnder = bg
	if changed && r.m.OnThemeChange != nil {
		r.m.OnThemeChange()
	}
	r.redraw()
	r.Layout(r.m.Size())
	cr, cg, cb, _ := bg.RGBA()
	r.attr.paint(fg, color.NRGBA{uint8(cr >> 8), uint8(cg >> 8), uint8(cb >> 8), 0xc0})
	r.scale.bar.FillColor, r.scale.label.Color = fg, fg
	r.scale.update(r.m)
	canvas.Refresh(r.m)
}

// redraw composes the tiles and lines into the frame image.
func (r *mapRenderer) redraw() {
	v := r.m.view()
	if v.w <= 0 || v.h <= 0 {
		return
	}
	fs := v.frameSize()
	frame := image.NewRGBA(image.Rect(0, 0, fs.X, fs.Y))
	missing := compose(frame, v, r.m.tiles, r.m.Background, r.m.minZ, r.m.Synchronous)
	r.m.tiles.setWanted(v.tiles())
	for _, id := range missing {
		r.m.tiles.request(id)
	}
	drawLines(frame, v, r.m.lines)
	r.m.mu.Lock()
	r.m.frame, r.m.missing = frame, len(missing)
	r.m.mu.Unlock()
	r.img.Image = frame
	r.img.Refresh()
}

// drawLines strokes the overlay lines over the frame.
func drawLines(dst *image.RGBA, v view, lines []Polyline) {
	for _, l := range lines {
		pts := make([]image.Point, len(l.Points))
		for i, p := range l.Points {
			x, y := v.pixel(maps.ToPixel(p, v.z))
			pts[i] = image.Pt(int(x), int(y))
		}
		w := float64(l.Width)
		if w == 0 {
			w = 4
		}
		maps.StrokePath(dst, pts, w*v.scale, inkOf(l.Color, l.ColorName))
	}
}

// Objects is part of fyne.WidgetRenderer.
func (r *mapRenderer) Objects() []fyne.CanvasObject {
	objs := []fyne.CanvasObject{r.img}
	for _, b := range r.markers {
		objs = append(objs, b)
	}
	objs = append(objs, r.zoomIn, r.zoomOut, r.scale)
	objs = append(objs, r.attr.objects()...)
	if r.card != nil {
		objs = append(objs, r.card)
	}
	return objs
}

// Destroy is part of fyne.WidgetRenderer.
func (r *mapRenderer) Destroy() {}

// sameNRGBA reports whether a and b are the same colour once made NRGBA.
func sameNRGBA(a, b color.Color) bool {
	return color.NRGBAModel.Convert(a) == color.NRGBAModel.Convert(b)
}

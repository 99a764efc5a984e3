package mapview

import (
	"image/color"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/paulmach/orb"
)

// TestBadgeSaysWhatTheColourMeans: a lone marker with a badge draws its
// word under the dot on a pill of the marker's colour, in its ink, and a
// screen reader hears it; a cluster draws none, and a marker without a
// badge draws none.
func TestBadgeSaysWhatTheColourMeans(t *testing.T) {
	m, _ := newTestMap(t)
	orange := color.NRGBA{0xf0, 0x8c, 0x00, 0xff}
	dark := color.NRGBA{0x1f, 0x1f, 0x1f, 0xff}
	m.SetMarkers([]Marker{
		{ID: "busy", Point: orb.Point{118.78, 32.04}, Title: "夫子庙", Color: orange, Badge: "拥挤", BadgeInk: dark},
		{ID: "plain", Point: orb.Point{118.90, 32.10}, Title: "B", Color: orange},
		{ID: "c1", Point: orb.Point{118.60, 31.95}, Title: "C1", Color: orange, Badge: "舒适"},
		{ID: "c2", Point: orb.Point{118.60, 31.95}, Title: "C2", Color: orange, Badge: "舒适"},
	})
	m.CenterOn(orb.Point{118.75, 32.03}, 10)
	r := test.WidgetRenderer(m).(*mapRenderer)
	byTitle := map[string]*markerButton{}
	for i, c := range r.clusters {
		if len(c.members) > 1 {
			byTitle["cluster"] = r.markers[i]
			continue
		}
		byTitle[m.markers[c.members[0]].ID] = r.markers[i]
	}
	busy, plain, cluster := byTitle["busy"], byTitle["plain"], byTitle["cluster"]
	if busy == nil || plain == nil || cluster == nil {
		t.Fatalf("markers drawn: %v", byTitle)
	}
	if busy.badge.Text != "拥挤" || !busy.badge.Visible() || busy.badge.Color != dark || busy.pill.FillColor != orange || !busy.pill.Visible() {
		t.Errorf("the badge: %q visible %v ink %v on %v", busy.badge.Text, busy.badge.Visible(), busy.badge.Color, busy.pill.FillColor)
	}
	if busy.pill.Position().Y <= busy.dot.Position().Y+busy.dot.Size().Height/2 {
		t.Errorf("the badge is not under the dot: pill at %v, dot at %v", busy.pill.Position(), busy.dot.Position())
	}
	if got := busy.AccessibilityLabel(); got != "夫子庙, 拥挤" {
		t.Errorf("a screen reader hears %q", got)
	}
	for name, b := range map[string]*markerButton{"plain": plain, "cluster": cluster} {
		if b.badge.Visible() || b.pill.Visible() {
			t.Errorf("%s marker draws a badge %q", name, b.badge.Text)
		}
	}

	// Zoomed out the two markers are one cluster; zoomed in again, the
	// button that drew the cluster draws a lone marker: it is laid out
	// afresh, its dot a lone marker's and its badge shown.
	m.SetMarkers([]Marker{
		{ID: "north", Point: orb.Point{118.78, 32.20}, Title: "N", Color: orange, Badge: "拥挤", BadgeInk: dark},
		{ID: "south", Point: orb.Point{118.78, 31.90}, Title: "S", Color: orange, Badge: "舒适", BadgeInk: dark},
	})
	m.CenterOn(orb.Point{118.78, 32.05}, 5)
	r = test.WidgetRenderer(m).(*mapRenderer)
	if len(r.clusters) != 1 || len(r.clusters[0].members) != 2 {
		t.Fatalf("at zoom 5: %v", r.clusters)
	}
	m.CenterOn(orb.Point{118.78, 32.05}, 10)
	r = test.WidgetRenderer(m).(*mapRenderer)
	if len(r.clusters) != 2 {
		t.Fatalf("at zoom 10: %v", r.clusters)
	}
	for i, c := range r.clusters {
		b, mk := r.markers[i], m.markers[c.members[0]]
		if b.dot.Size().Width != 18 || !b.badge.Visible() || !b.pill.Visible() || b.badge.Text != mk.Badge || b.count.Text != "" {
			t.Errorf("%s after zooming in: dot %v, count %q, badge %q shown %v, pill shown %v", mk.ID, b.dot.Size(), b.count.Text,
				b.badge.Text, b.badge.Visible(), b.pill.Visible())
		}
	}
}

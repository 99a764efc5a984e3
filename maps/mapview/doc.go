// Package mapview is the Fyne map widget: basemap tiles from a
// maps.TileSource, markers (clustered where dense) with a card for the one
// tapped, and overlays that other screens draw on it, such as a route.
//
// The user pans by dragging, zooms with the wheel, the +/− buttons, a
// double tap or a two-finger pinch. Tiles are fetched off the UI goroutine
// into a bounded cache; while a tile is on its way the view shows the
// nearest lower-zoom tile it has, scaled up. A scale bar and the source's
// attribution line sit at the bottom.
//
// Overlays, for other screens (a journey planner drawing its route):
//
//	m := mapview.New(src)
//	m.SetPolylines([]mapview.Polyline{{Points: route, Color: lineColour, Width: 5}})
//	m.SetMarkers([]mapview.Marker{{ID: "from", Point: a, Title: "From", Color: green}})
//	m.FitPoints(route) // or m.CenterOn(p, zoom)
//
// Polylines are drawn over the tiles and under the markers, in the order
// given; markers are tappable and show their card.
package mapview

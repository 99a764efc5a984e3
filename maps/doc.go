// Package maps is the app's geography without Fyne: Web-Mercator
// projection and tile maths, the vector layers of the basemap, a tile
// renderer with light and dark styles, an MBTiles tile cache, the
// TileSource interface that the renderer and a user's raster MBTiles both
// implement, and a spatial index for nearest-point queries.
//
// Coordinates are WGS84 longitude/latitude (orb.Point{lon, lat})
// everywhere; GCJ-02 appears only at a boundary with a Chinese map
// provider, never here.
package maps

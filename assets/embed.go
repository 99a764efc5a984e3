// Package assets holds what the app ships inside its binary: the seed
// snapshot of open data about Jiangsu, the bundled fonts and the app icon.
//
// It exposes plain bytes and file systems so that the packages below the UI
// (offline, maps, transit) can read the seed without importing Fyne.
package assets

import "embed"

// Data is the seed snapshot: the open-data files of data/ (see
// data/SOURCES.md for origin and licence of each) plus the project's own
// content files, such as the translated scenic-area descriptions.
//
//go:embed data
var Data embed.FS

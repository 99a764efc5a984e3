package app

// Config is what main's flags decide.
type Config struct {
	Lang    string    // --lang: a language tag; "" lets the setting or the system decide
	Elder   *bool     // --elder: 长辈版 on or off; nil lets the setting decide
	Theme   ThemeMode // --theme: "" lets the setting decide
	DataDir string    // --data-dir: where the store lives; "" = the app's storage
	Bare    bool      // --bare: an empty window, the start-up baseline
	Basemap string    // --basemap: a raster MBTiles file shown instead of the drawn basemap
	Version string    // the app's version, shown in About
	API     string    // --api: the platform server to sync from; "" = the saved setting
	Kiosk   string    // --kiosk: a kiosk file; runs full-screen as a public terminal
	Anchors string    // --anchors: a file of trust anchors (PEM) instead of the build's own
	Demo    bool      // --demo: run as a demo, which says so on screen; a release build with the demo anchors needs it
}

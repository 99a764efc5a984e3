package app

import (
	"fmt"

	"fyne.io/fyne/v2"

	"jiangsupass/screens"
)

// openServices builds, once, the app-wide services the screens draw on
// (screens.Services): the basemap with its tile caches in dir (or the
// user's raster MBTiles file basemap, checked here so that a bad
// --basemap is reported at start-up), the transport planner, the
// terminal's verifier and the device's location (none: Fyne has no
// location service on any platform this app builds for today).
func openServices(dir, basemap string) (screens.Services, error) {
	if basemap != "" {
		if err := screens.CheckBasemap(basemap); err != nil {
			return screens.Services{}, fmt.Errorf("--basemap: %w", err)
		}
	}
	return screens.NewServices(screens.ServicesConfig{DataDir: dir, Basemap: basemap}), nil
}

// closeServices closes the services as the app stops, so that each map
// tile cache is a whole MBTiles file on its own; a failure is logged, as
// the caches are only a speed-up.
func closeServices(svc screens.Services) {
	if err := svc.Close(); err != nil {
		fyne.LogError("closing the map tile caches", err)
	}
}

package screens

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
)

// LocationSetting is the setting that holds a configured location, as
// "lon,lat" in WGS84: a kiosk's own place, or one the user chose to keep.
const LocationSetting = "location"

// Where a location came from.
const (
	LocationDevice     = "device"     // the platform's location service
	LocationConfigured = "configured" // the LocationSetting
	LocationPicked     = "picked"     // a point the user picked on the map
)

// Location is where "near me" is measured from.
type Location struct {
	Point  orb.Point
	Source string // LocationDevice, LocationConfigured or LocationPicked
}

// currentLocation is where the user is: a point they just picked (in the
// route), else the device's location (Env.Location), else the configured
// one. ok is false when there is none, and the screen asks the user to
// pick one.
func currentLocation(ctx context.Context, env *Env, picked string) (loc Location, ok bool, err error) {
	if p, ok := parseLonLat(picked); ok {
		return Location{p, LocationPicked}, true, nil
	}
	if env.Location != nil {
		if p, ok := env.Location.DeviceLocation(ctx); ok {
			return Location{p, LocationDevice}, true, nil
		}
	}
	v, set, err := env.Store.Setting(ctx, LocationSetting)
	if err != nil {
		return Location{}, false, err
	}
	if p, ok := parseLonLat(v); set && ok {
		return Location{p, LocationConfigured}, true, nil
	}
	return Location{}, false, nil
}

// parseLonLat reads "lon,lat" with the point inside China's rough bounds:
// a configured location elsewhere is a mistake, not a place to measure from.
func parseLonLat(s string) (orb.Point, bool) {
	lonS, latS, found := strings.Cut(s, ",")
	if !found {
		return orb.Point{}, false
	}
	lon, err1 := strconv.ParseFloat(strings.TrimSpace(lonS), 64)
	lat, err2 := strconv.ParseFloat(strings.TrimSpace(latS), 64)
	if err1 != nil || err2 != nil || lon < 73 || lon > 136 || lat < 3 || lat > 54 {
		return orb.Point{}, false
	}
	return orb.Point{lon, lat}, true
}

// formatLonLat writes a point as parseLonLat reads it, to about a metre.
func formatLonLat(p orb.Point) string { return fmt.Sprintf("%.5f,%.5f", p.Lon(), p.Lat()) }

// formatMeters writes a distance in the reader's language: "8 m",
// "350 m" (to 10 m from 100 m on), "1.2 km", "120 km" (whole kilometres
// from 100 km on).
func formatMeters(env *Env, m float64) string {
	m = math.Max(0, m)
	switch {
	case m < 99.5:
		return env.L.Tf("DistanceMetres", map[string]any{"N": fmt.Sprintf("%.0f", m)})
	case m < 995:
		return env.L.Tf("DistanceMetres", map[string]any{"N": fmt.Sprintf("%.0f", math.Round(m/10)*10)})
	case m < 99950:
		return env.L.Tf("DistanceKilometres", map[string]any{"N": fmt.Sprintf("%.1f", m/1000)})
	}
	return env.L.Tf("DistanceKilometres", map[string]any{"N": fmt.Sprintf("%.0f", m/1000)})
}

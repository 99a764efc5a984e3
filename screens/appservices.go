package screens

import (
	"context"
	"errors"
	"io"
	"time"

	"github.com/paulmach/orb"

	"jiangsupass/codes"
	"jiangsupass/maps"
	"jiangsupass/offline"
)

// Services are the app-wide services that screens draw on. The app builds
// them once (NewServices) and hands the same ones to every Env, so that
// what they keep (tile caches, the compiled network, the verifier's replay
// cache) lasts across screens and rebuilds; screens keep no package-level
// state of their own.
type Services struct {
	Maps      MapSource         // the basemap the map screens show
	Transport TransportNetworks // the network the Transport screens plan on
	Verifier  CodeVerifier      // the terminal's verifier, with its replay cache
	Location  LocationProvider  // where the device is; nil when it cannot tell
}

// MapSource gives the map screens their basemap.
type MapSource interface {
	// Basemap is the basemap for req, reused while the store's map data,
	// the language and the style stay the same. It runs off the UI
	// goroutine.
	Basemap(ctx context.Context, req BasemapRequest) (maps.TileSource, error)
}

// BasemapRequest is what a basemap is drawn from.
type BasemapRequest struct {
	Store       *offline.Store
	Lang        string
	Style       maps.Style
	Attribution string // drawn in the corner of the map
	// Data reads the map's data; it is called only when a drawn basemap
	// (not the user's own file) is wanted.
	Data func(ctx context.Context) (maps.Data, error)
}

// TransportNetworks gives the Transport screens the compiled network of a
// store for the service day of a time in China.
type TransportNetworks interface {
	// Network is the network of store on the day of now in China, compiled
	// on first use and again after a sync changed the transit data.
	Network(ctx context.Context, store *offline.Store, now time.Time) (*TransportNetwork, error)
}

// CodeVerifier checks a scanned code against a trust list.
type CodeVerifier interface {
	Verify(code string, trust *codes.TrustList, now time.Time) (*codes.Result, error)
}

// LocationProvider asks the platform where the device is; ok is false
// when it cannot tell.
type LocationProvider interface {
	DeviceLocation(ctx context.Context) (p orb.Point, ok bool)
}

// ServicesConfig is what NewServices builds the services from.
type ServicesConfig struct {
	// DataDir is where the tile caches live; "" keeps tiles in memory.
	DataDir string
	// Basemap is a user's raster MBTiles file shown instead of the drawn
	// basemap, or "".
	Basemap string
	// Location is the platform's location service; nil where there is
	// none (Fyne has none on any platform this app builds for today).
	Location LocationProvider
}

// NewServices builds the services from cfg. Nothing is opened or compiled
// until a screen first asks for it. Close releases them.
func NewServices(cfg ServicesConfig) Services {
	return Services{
		Maps:      NewBasemaps(cfg.DataDir, cfg.Basemap),
		Transport: NewTransportPlanner(),
		Verifier:  codes.NewVerifier(),
		Location:  cfg.Location,
	}
}

// Close closes what the services hold open (tile caches, the user's
// basemap) and stops their store subscriptions, so that each .mbtiles
// file is whole on its own once the app has stopped. Services used after
// it work on without their caches.
func (s Services) Close() error {
	var err error
	for _, x := range []any{s.Maps, s.Transport, s.Verifier, s.Location} {
		if c, ok := x.(io.Closer); ok {
			err = errors.Join(err, c.Close())
		}
	}
	return err
}

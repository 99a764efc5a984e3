package screens

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"

	"jiangsupass/clock"
	"jiangsupass/offline"
	"jiangsupass/transit"
)

// transportData is what the Transport screens draw from: the network the
// planner runs on (the estimated metro timetable, plus any GTFS feeds
// imported from the feeds folder), and the lines, stations, hubs and city
// names as the store has them.
type transportData struct {
	net       *transit.Network
	lines     []offline.MetroLine
	lineRoute map[string]int // metro line ID → index in net.Routes
	stations  map[string]offline.Station
	order     []offline.Station // as the store lists them
	hubs      []offline.Hub
	cities    map[string]string    // city code → name in the user's language
	imported  int                  // GTFS feeds imported beside the estimated network
	failed    []transit.FolderFeed // every feed that could not be imported, with its error
	skipped   []feedWarning        // the rows and trips of imported feeds that were skipped
	key       string               // the networkCacheKey it was compiled for
}

// TransportNetwork is what a TransportNetworks service gives: the
// compiled network with the store's lines, stations and hubs.
type TransportNetwork = transportData

// feedsFolder is where an operator's GTFS feeds (zip files or folders),
// such as intercity trains, are put to be planned with: "gtfs" beside the
// store's database file.
func feedsFolder(store *offline.Store) string {
	if store.Path() == "" {
		return ""
	}
	return filepath.Join(filepath.Dir(store.Path()), "gtfs")
}

// TransportPlanner is the app's TransportNetworks: it keeps the compiled
// network of one store and one service day, built off the UI thread on
// first use and shared by every Transport screen. It compiles again for
// another day in China, for another store, and after a sync changed the
// lines, the stations or the feeds folder.
type TransportPlanner struct {
	// changes counts the store's data changes; it is read and bumped
	// outside mu, so that the store's notification never waits for a
	// compile.
	changes atomic.Uint64

	mu    sync.Mutex
	store *offline.Store
	stop  func() // ends store's change notifications
	day   time.Time
	data  *transportData
	seen  uint64 // changes when data's input was read
}

// NewTransportPlanner is a TransportPlanner with nothing compiled yet.
func NewTransportPlanner() *TransportPlanner { return &TransportPlanner{} }

// Network implements TransportNetworks.
func (p *TransportPlanner) Network(ctx context.Context, store *offline.Store, now time.Time) (*TransportNetwork, error) {
	day := serviceDay(now)
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.store != store {
		p.watch(store)
	}
	seen := p.changes.Load()
	if p.data != nil && p.day.Equal(day) {
		if seen == p.seen {
			return p.data, nil
		}
		// Synced data changed: compiled again only when the transit
		// input did.
		key, err := transitKey(ctx, store, day)
		if err != nil {
			return nil, err
		}
		if key == p.data.key {
			p.seen = seen
			return p.data, nil
		}
	}
	d, err := compileTransport(ctx, store, day)
	if err != nil {
		return nil, err
	}
	p.day, p.data, p.seen = day, d, seen
	return d, nil
}

// watch makes store the one whose network is kept, counting its data
// changes from now on. The caller holds p.mu.
func (p *TransportPlanner) watch(store *offline.Store) {
	if p.stop != nil {
		p.stop()
	}
	p.store, p.data, p.stop = store, nil, store.OnChange(func(c offline.Change) {
		if c.Has(offline.ChangeData) {
			p.changes.Add(1)
		}
	})
}

// Close stops the store's change notifications and forgets the network.
func (p *TransportPlanner) Close() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.stop != nil {
		p.stop()
	}
	p.store, p.stop, p.data = nil, nil, nil
	return nil
}

// compiledDay is the service day of the network kept, zero when none.
func (p *TransportPlanner) compiledDay() time.Time {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.data == nil {
		return time.Time{}
	}
	return p.day
}

// serviceDay is the calendar date of now in China (whatever zone the
// device is in), as transit keeps dates.
func serviceDay(now time.Time) time.Time {
	cn := clock.In(now)
	return time.Date(cn.Year(), cn.Month(), cn.Day(), 0, 0, 0, 0, time.UTC)
}

// loadTransport returns the transport data of env's store for the service
// day of now in China, with city names in env's language.
func loadTransport(ctx context.Context, env *Env) (*transportData, error) {
	d, err := env.Transport.Network(ctx, env.Store, env.Now())
	if err != nil {
		return nil, err
	}
	return d.withCities(ctx, env.Store, env.L.Lang())
}

// transitKey is the networkCacheKey of store's transit input on day.
func transitKey(ctx context.Context, store *offline.Store, day time.Time) (string, error) {
	lines, stations, err := store.TransitInput(ctx)
	if err != nil {
		return "", err
	}
	return networkCacheKey(lines, stations, feedsFolder(store), day), nil
}

func compileTransport(ctx context.Context, store *offline.Store, day time.Time) (*transportData, error) {
	lines, stations, err := store.TransitInput(ctx)
	if err != nil {
		return nil, err
	}
	d := &transportData{lineRoute: map[string]int{}, stations: map[string]offline.Station{}}
	cacheDir := networkCacheDir(store)
	d.key = networkCacheKey(lines, stations, feedsFolder(store), day)
	if n, x, ok := loadCachedNetwork(cacheDir, d.key); ok {
		d.net, d.imported, d.skipped = n, x.Imported, x.Skipped
		return d.fill(ctx, store)
	}
	feed, err := transit.Estimated(lines, stations, transit.DefaultRule())
	if err != nil {
		return nil, err
	}
	feeds := []*transit.Feed{feed}
	if dir := feedsFolder(store); dir != "" {
		found, err := transit.LoadFolder(dir)
		if err != nil {
			found = []transit.FolderFeed{{Name: filepath.Base(dir), Err: err}}
		}
		for _, f := range found {
			if f.Err != nil {
				d.failed = append(d.failed, f)
				continue
			}
			feeds = append(feeds, f.Feed)
			d.imported++
			for _, w := range f.Feed.Warnings {
				d.skipped = append(d.skipped, feedWarning{Feed: f.Name, FeedWarning: w})
			}
		}
	}
	if d.net, err = transit.Compile(transit.Merge(feeds...), day, transit.Options{}); err != nil {
		return nil, err
	}
	if len(d.failed) == 0 {
		if err := saveCachedNetwork(cacheDir, d.key, d.net, cachedExtras{Imported: d.imported, Skipped: d.skipped}); err != nil {
			// The network is used all the same; the next start compiles
			// it again.
			fyne.LogError("keeping the compiled transport network", err)
		}
	}
	return d.fill(ctx, store)
}

// fill adds to d the store's lines, stations and hubs, and the routes of
// its network by ID.
func (d *transportData) fill(ctx context.Context, store *offline.Store) (*transportData, error) {
	var err error
	for i, r := range d.net.Routes {
		d.lineRoute[r.ID] = i
	}
	if d.lines, err = store.MetroLines(ctx, ""); err != nil {
		return nil, err
	}
	if d.order, err = store.Stations(ctx, ""); err != nil {
		return nil, err
	}
	for _, s := range d.order {
		d.stations[s.ID] = s
	}
	if d.hubs, err = store.Hubs(ctx); err != nil {
		return nil, err
	}
	return d, nil
}

// withCities is d with the city names in lang.
func (d *transportData) withCities(ctx context.Context, store *offline.Store, lang string) (*transportData, error) {
	cities, err := store.Cities(ctx)
	if err != nil {
		return nil, err
	}
	out := *d
	out.cities = map[string]string{}
	for _, c := range cities {
		out.cities[c.Code] = c.Name.In(lang)
	}
	return &out, nil
}

// stationName is a station's name in the user's language: Xinjiekou in
// English, 新街口 in Chinese and Japanese, "Xinjiekou (新街口)" in Korean
// (see placename).
func stationName(env *Env, s offline.Station) string {
	if n := s.Names.In(env.L.Lang()); n != "" {
		return n
	}
	return s.Name
}

// hubName is a railway station's or airport's name in the user's
// language: Nanjing South Railway Station in English.
func hubName(env *Env, h offline.Hub) string {
	if n := h.Names.In(env.L.Lang()); n != "" {
		return n
	}
	return h.Name
}

// stopName names a stop of the network for the user: a metro station by
// stationName, any other stop by its feed name.
func (d *transportData) stopName(env *Env, i int) string {
	if i < 0 || i >= len(d.net.Stops) {
		return ""
	}
	st := d.net.Stops[i]
	if s, ok := d.stations[st.ID]; ok {
		return stationName(env, s)
	}
	return st.Name
}

// lineName is a metro line's name with its city, e.g. "南京 1号线", or
// "Nanjing Line 1" outside Chinese.
func (d *transportData) lineName(env *Env, l offline.MetroLine) string {
	if c := d.cities[l.CityCode]; c != "" && env.L.Lang() != "zh-Hans" {
		return c + " " + lineLabel(env, l.Name)
	}
	return l.City + " " + lineLabel(env, l.Name)
}

// lineLabel is a line's own name in the user's language: "1号线" is
// "Line 1" in English and 1호선 in Korean (see placename).
func lineLabel(env *Env, name string) string {
	if n := offline.LineNames(name).In(env.L.Lang()); n != "" {
		return n
	}
	return name
}

// lineLabels is lineLabel of each name, joined by spaces.
func lineLabels(env *Env, names []string) string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = lineLabel(env, n)
	}
	return strings.Join(out, "  ")
}

// routeLine is the metro line of a network route, if it is one.
func (d *transportData) routeLine(route int) (offline.MetroLine, bool) {
	id := d.net.Routes[route].ID
	for _, l := range d.lines {
		if l.ID == id {
			return l, true
		}
	}
	return offline.MetroLine{}, false
}

// routeName names a route for the user: a metro line with its city,
// another route by its feed name.
func (d *transportData) routeName(env *Env, route int) string {
	if l, ok := d.routeLine(route); ok {
		return d.lineName(env, l)
	}
	return d.net.Routes[route].Name()
}

// towards names where a trip is going: its last stop when that is a metro
// station, else the feed's headsign.
func (d *transportData) towards(env *Env, terminus int, headsign string) string {
	if terminus >= 0 && terminus < len(d.net.Stops) {
		if _, ok := d.stations[d.net.Stops[terminus].ID]; ok {
			return d.stopName(env, terminus)
		}
	}
	return headsign
}

// errNoLocation is returned for an attraction with no coordinates.
var errNoLocation = errors.New("no location")

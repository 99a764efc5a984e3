package screens

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"sync"
	"time"

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
}

// feedsFolder is where an operator's GTFS feeds (zip files or folders),
// such as intercity trains, are put to be planned with: "gtfs" beside the
// store's database file.
func feedsFolder(store *offline.Store) string {
	if store.Path() == "" {
		return ""
	}
	return filepath.Join(filepath.Dir(store.Path()), "gtfs")
}

// transportCache keeps the compiled network for a store and a day: it is
// built once, off the UI thread, and shared by every Transport screen.
var transportCache struct {
	sync.Mutex
	store *offline.Store
	day   time.Time
	data  *transportData
}

// loadTransport returns the transport data for the store and the service
// day of now in China (whatever zone the device is in), building it on
// first use.
func loadTransport(ctx context.Context, store *offline.Store, now time.Time, lang string) (*transportData, error) {
	cn := clock.In(now)
	day := time.Date(cn.Year(), cn.Month(), cn.Day(), 0, 0, 0, 0, time.UTC) // the calendar date, as transit keeps it
	transportCache.Lock()
	defer transportCache.Unlock()
	c := &transportCache
	if c.data != nil && c.store == store && c.day.Equal(day) {
		return c.data.withCities(ctx, store, lang)
	}
	d, err := compileTransport(ctx, store, day)
	if err != nil {
		return nil, err
	}
	c.store, c.day, c.data = store, day, d
	return d.withCities(ctx, store, lang)
}

func compileTransport(ctx context.Context, store *offline.Store, day time.Time) (*transportData, error) {
	lines, stations, err := store.TransitInput(ctx)
	if err != nil {
		return nil, err
	}
	d := &transportData{lineRoute: map[string]int{}, stations: map[string]offline.Station{}}
	cacheDir, key := networkCacheDir(store), networkCacheKey(lines, stations, feedsFolder(store), day)
	if n, x, ok := loadCachedNetwork(cacheDir, key); ok {
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
		saveCachedNetwork(cacheDir, key, d.net, cachedExtras{Imported: d.imported, Skipped: d.skipped})
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

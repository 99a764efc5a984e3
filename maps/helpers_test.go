package maps_test

import (
	"context"
	"image/color"
	"strconv"
	"sync"
	"testing"

	"github.com/paulmach/orb"

	"jiangsupass/assets"
	"jiangsupass/clock/clocktest"
	"jiangsupass/maps"
	"jiangsupass/offline"
)

var (
	seedOnce sync.Once
	seedData maps.Data
	seedErr  error
)

// testData builds the basemap data from a real store seeded from assets,
// with English labels, once per test binary.
func testData(tb testing.TB) maps.Data {
	tb.Helper()
	seedOnce.Do(func() { seedData, seedErr = buildTestData() })
	if seedErr != nil {
		tb.Fatal(seedErr)
	}
	return seedData
}

func buildTestData() (maps.Data, error) {
	ctx := context.Background()
	st, _, err := offline.Open(ctx, "", offline.Options{Memory: true, Now: clocktest.Fixed()})
	if err != nil {
		return maps.Data{}, err
	}
	defer st.Close()
	d := maps.Data{Lang: "en"}
	for name, dst := range map[string]*[]byte{"outline": &d.Outline, "prefectures": &d.Prefectures,
		"lakes": &d.Lakes, "rivers": &d.Rivers, "coastline": &d.Coastline} {
		if *dst, err = st.Layer(ctx, name); err != nil {
			return d, err
		}
	}
	stations, err := st.Stations(ctx, "")
	if err != nil {
		return d, err
	}
	at := map[string]orb.Point{}
	for _, s := range stations {
		at[s.ID] = s.Point
	}
	lines, err := st.MetroLines(ctx, "")
	if err != nil {
		return d, err
	}
	for _, l := range lines {
		m := maps.MetroLine{Name: l.Name, Color: hexColor(l.Color)}
		for _, id := range l.StationIDs {
			m.Path = append(m.Path, at[id])
		}
		d.Metro = append(d.Metro, m)
	}
	cities, err := st.Cities(ctx)
	if err != nil {
		return d, err
	}
	seats := map[string]orb.Point{"320100": {118.78, 32.06}, "320200": {120.30, 31.57}, "320500": {120.62, 31.30}}
	for _, c := range cities {
		if p, ok := seats[c.Code]; ok {
			d.Labels = append(d.Labels, maps.Label{Text: c.Name.In("en"), Point: p, Kind: maps.LabelCity})
		}
	}
	water, err := maps.NamedPoints(d.Lakes, "name")
	if err != nil {
		return d, err
	}
	d.Labels = append(d.Labels, maps.Label{Text: "Lake Tai", Point: water["Tai Hu"], Kind: maps.LabelWater})
	return d, nil
}

func hexColor(s string) color.NRGBA {
	v, _ := strconv.ParseUint(s[1:], 16, 32)
	return color.NRGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 0xff}
}

// newRenderer is a light renderer over the seed.
func newRenderer(tb testing.TB, st maps.Style) *maps.Renderer {
	tb.Helper()
	r, err := maps.NewRenderer(testData(tb), st, assets.FontRegular, "OCHA, Natural Earth, MetroMap")
	if err != nil {
		tb.Fatal(err)
	}
	return r
}

func fontBytes() []byte { return assets.FontRegular }

// poiPoints are the points of interest of the seed: attractions, metro
// stations, hubs.
func poiPoints(tb testing.TB) []orb.Point {
	tb.Helper()
	ctx := context.Background()
	st, _, err := offline.Open(ctx, "", offline.Options{Memory: true, Now: clocktest.Fixed()})
	if err != nil {
		tb.Fatal(err)
	}
	defer st.Close()
	var pts []orb.Point
	as, err := st.Attractions(ctx, offline.AttractionFilter{})
	if err != nil {
		tb.Fatal(err)
	}
	for _, a := range as {
		if a.HasPoint {
			pts = append(pts, a.Point)
		}
	}
	ss, err := st.Stations(ctx, "")
	if err != nil {
		tb.Fatal(err)
	}
	for _, s := range ss {
		pts = append(pts, s.Point)
	}
	hs, err := st.Hubs(ctx)
	if err != nil {
		tb.Fatal(err)
	}
	for _, h := range hs {
		pts = append(pts, h.Point)
	}
	return pts
}

package screens

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/paulmach/orb"

	"jiangsupass/offline"
	"jiangsupass/textnorm"
	"jiangsupass/transit"
)

// resolvedPlace is a place of the planner as the user and the network see
// it.
type resolvedPlace struct {
	place transit.Place
	name  string
	kind  string // one of the place kinds
	hub   *offline.Hub
}

// resolvePlace finds the place ref names.
func resolvePlace(ctx context.Context, env *Env, d *transportData, ref Place) (resolvedPlace, error) {
	kind, value := ref.kind, ref.value
	switch kind {
	case placeStation:
		s, ok := d.stations[value]
		if !ok {
			return resolvedPlace{}, fmt.Errorf("station %q: %w", value, offline.ErrNotFound)
		}
		return resolvedPlace{place: transit.StopPlace(s.ID), name: stationName(env, s), kind: kind}, nil
	case placeAttraction:
		a, err := env.Store.Attraction(ctx, value)
		if err != nil {
			return resolvedPlace{}, err
		}
		name := a.Name.In(env.L.Lang())
		if !a.HasPoint {
			return resolvedPlace{name: name, kind: kind}, fmt.Errorf("attraction %s: %w", value, errNoLocation)
		}
		return resolvedPlace{place: transit.PointPlace(a.Point, name), name: name, kind: kind}, nil
	case placeHub:
		for i, h := range d.hubs {
			if h.Name == value {
				name := hubName(env, h)
				p := transit.PointPlace(h.Point, name)
				if _, ok := d.net.StopIndex(h.StationID); ok && h.StationID != "" {
					p = transit.StopPlace(h.StationID)
				}
				return resolvedPlace{place: p, name: name, kind: kind, hub: &d.hubs[i]}, nil
			}
		}
		return resolvedPlace{}, fmt.Errorf("hub %q: %w", value, offline.ErrNotFound)
	case placePoint:
		lon, lat, ok := strings.Cut(value, ",")
		x, err1 := strconv.ParseFloat(lon, 64)
		y, err2 := strconv.ParseFloat(lat, 64)
		if !ok || err1 != nil || err2 != nil || x < -180 || x > 180 || y < -90 || y > 90 {
			return resolvedPlace{}, fmt.Errorf("point %q is not lon,lat: %w", value, errBadPlace)
		}
		name := env.T("TransportPoint")
		return resolvedPlace{place: transit.PointPlace(orb.Point{x, y}, name), name: name, kind: kind}, nil
	}
	return resolvedPlace{}, fmt.Errorf("place %q: unknown kind %q: %w", ref.String(), kind, errBadPlace)
}

// errBadPlace is returned for a place reference that cannot be read.
var errBadPlace = errors.New("not a place")

// placeChoice is an entry of the place picker.
type placeChoice struct {
	ref             Place
	title, subtitle string
	key             string // lower-case text the search matches
}

// placeChoices lists every station, railway station, airport and
// attraction the planner can go from or to, each titled in the user's
// language and found by its name in every language, its pinyin and its
// initials.
func placeChoices(ctx context.Context, env *Env, d *transportData) ([]placeChoice, error) {
	var out []placeChoice
	for _, h := range d.hubs {
		kind := env.T("TransportHubRail")
		if h.Type == "air" {
			kind = env.T("TransportHubAir")
		}
		st := d.stations[h.StationID]
		out = append(out, placeChoice{ref: HubPlace(h.Name), title: hubName(env, h),
			subtitle: kind + " · " + d.cities[h.CityCode] + " · " + stationName(env, st),
			key:      choiceKey(h.Names, st.Names, offline.Text{"": h.City})})
	}
	attractions, err := env.Store.Attractions(ctx, offline.AttractionFilter{})
	if err != nil {
		return nil, err
	}
	for _, a := range attractions {
		if !a.HasPoint {
			continue
		}
		out = append(out, placeChoice{ref: AttractionPlace(a.ID), title: a.Name.In(env.L.Lang()),
			subtitle: env.T("TransportAttraction") + " · " + d.cities[a.CityCode],
			key:      choiceKey(a.Name)})
	}
	for _, s := range d.order {
		lines := make([]string, len(s.Lines))
		for i, l := range s.Lines {
			lines[i] = lineLabel(env, l)
		}
		out = append(out, placeChoice{ref: StationPlace(s.ID), title: stationName(env, s),
			subtitle: d.cities[s.CityCode] + " · " + strings.Join(lines, " "),
			key:      choiceKey(s.Names, offline.Text{"": s.City})})
	}
	return out, nil
}

// choiceKey is what the picker matches a query against: each name in
// every language, lower-case, and the pinyin (joined) and initials of its
// Chinese, e.g. "新街口 xinjiekou … xinjiekou xjk".
func choiceKey(names ...offline.Text) string {
	var b strings.Builder
	for _, t := range names {
		for _, n := range t {
			b.WriteString(strings.ToLower(n))
			b.WriteByte('\n')
		}
		if zh := t[offline.LangZhHans]; zh != "" {
			b.WriteString(strings.ReplaceAll(textnorm.Pinyin(zh), " ", ""))
			b.WriteByte('\n')
			b.WriteString(textnorm.Initials(zh))
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// filterChoices keeps the choices whose text holds every word of query.
func filterChoices(all []placeChoice, query string) []placeChoice {
	words := strings.Fields(strings.ToLower(query))
	if len(words) == 0 {
		return all
	}
	var out []placeChoice
	for _, c := range all {
		ok := true
		for _, w := range words {
			if !strings.Contains(c.key, w) && !strings.Contains(strings.ToLower(c.title), w) {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, c)
		}
	}
	return out
}

package offline

import (
	"database/sql"
	"encoding/json"
	"fmt"

	"jiangsupass/platform"
)

// replica maps one synced collection onto its table: how an item of the
// wire is written into a row, and how a row is read back into the item,
// so that a checksum over the replica can be compared with the server's.
type replica struct {
	table   string
	columns []string // the first is the key
	// row validates an item and gives its column values, in columns order.
	row func(it platform.Item) []any
	// scan reads a row of "SELECT columns FROM table" into an item.
	scan func(sc scanner) (platform.Item, error)
	// idOrder orders the rows as the server orders IDs (as text).
	idOrder string
}

// replicas are the synced collections by name.
var replicas = map[string]replica{
	platform.Attractions: {
		table: "attractions",
		columns: []string{"id", "name", "name_i18n", "description_i18n", "grade", "category", "year_rated",
			"city_code", "county_code", "address", "lon", "lat", "source"},
		row: func(it platform.Item) []any {
			a := it.(*platform.Attraction)
			var year any
			if a.YearRated != 0 {
				year = a.YearRated
			}
			return []any{a.ID, a.Name, encodeText(Text(a.NameI18n)), encodeText(Text(a.Description)), a.Grade, a.Category,
				year, a.CityCode, a.CountyCode, a.Address, floatPtr(a.Lon), floatPtr(a.Lat), a.Source}
		},
		scan: func(sc scanner) (platform.Item, error) {
			a, err := scanAttraction(sc)
			if err != nil {
				return nil, err
			}
			out := &platform.Attraction{ID: a.ID, Name: a.Name[LangZhHans], NameI18n: platform.Text(a.Name),
				Description: platform.Text(a.Description), Grade: a.Grade, Category: a.Category, YearRated: a.YearRated,
				CityCode: a.CityCode, CountyCode: a.CountyCode, Address: a.Address, Source: a.Source}
			if a.HasPoint {
				lon, lat := a.Point.Lon(), a.Point.Lat()
				out.Lon, out.Lat = &lon, &lat
			}
			return out, nil
		},
	},
	platform.POIs: {
		table:   "pois",
		columns: []string{"id", "kind", "name", "name_i18n", "city_code", "lon", "lat", "source"},
		row: func(it platform.Item) []any {
			p := it.(*platform.POI)
			return []any{p.ID, p.Kind, p.Name, encodeText(Text(p.NameI18n)), p.CityCode, p.Lon, p.Lat, p.Source}
		},
		scan: func(sc scanner) (platform.Item, error) {
			var p platform.POI
			var names string
			if err := sc.Scan(&p.ID, &p.Kind, &p.Name, &names, &p.CityCode, &p.Lon, &p.Lat, &p.Source); err != nil {
				return nil, err
			}
			return &p, decodeInto(names, &p.NameI18n)
		},
	},
	platform.TicketProducts: {
		table:   "ticket_products",
		columns: []string{"id", "attraction_id", "kind", "name_i18n", "price_cents", "currency", "generated", "source"},
		row: func(it platform.Item) []any {
			t := it.(*platform.TicketProduct)
			return []any{t.ID, t.AttractionID, t.Kind, encodeText(Text(t.Name)), t.PriceCents, t.Currency, t.Generated, t.Source}
		},
		scan: func(sc scanner) (platform.Item, error) {
			var t platform.TicketProduct
			var names string
			if err := sc.Scan(&t.ID, &t.AttractionID, &t.Kind, &names, &t.PriceCents, &t.Currency, &t.Generated, &t.Source); err != nil {
				return nil, err
			}
			return &t, decodeInto(names, &t.Name)
		},
	},
	platform.TicketSlots: {
		table:   "ticket_slots",
		columns: []string{"id", "attraction_id", "date", "start_time", "end_time", "quota", "remaining", "generated", "paused"},
		row: func(it platform.Item) []any {
			t := it.(*platform.TicketSlot)
			return []any{t.ID, t.AttractionID, t.Date, t.Start, t.End, t.Quota, t.Remaining, t.Generated, t.Paused}
		},
		scan: func(sc scanner) (platform.Item, error) {
			var t platform.TicketSlot
			err := sc.Scan(&t.ID, &t.AttractionID, &t.Date, &t.Start, &t.End, &t.Quota, &t.Remaining, &t.Generated, &t.Paused)
			return &t, err
		},
	},
	platform.CrowdLevels: crowdReplica,
	platform.ServiceItems: {
		table: "service_items",
		columns: []string{"id", "audience", "theme", "name", "department", "handling_level", "notes",
			"division_code", "generated", "source"},
		idOrder: "CAST(id AS TEXT)",
		row: func(it platform.Item) []any {
			s := it.(*platform.ServiceItem)
			return []any{s.ID, s.Audience, s.Theme, s.Name, s.Department, s.HandlingLevel, s.Notes, s.DivisionCode,
				s.Generated, s.Source}
		},
		scan: func(sc scanner) (platform.Item, error) {
			var s platform.ServiceItem
			err := sc.Scan(&s.ID, &s.Audience, &s.Theme, &s.Name, &s.Department, &s.HandlingLevel, &s.Notes,
				&s.DivisionCode, &s.Generated, &s.Source)
			return &s, err
		},
	},
	platform.ServiceHalls: {
		table:   "service_halls",
		columns: []string{"id", "name", "division_code", "level", "address", "hours", "lon", "lat", "generated", "source"},
		row: func(it platform.Item) []any {
			h := it.(*platform.ServiceHall)
			return []any{h.ID, h.Name, h.DivisionCode, h.Level, h.Address, h.Hours, floatPtr(h.Lon), floatPtr(h.Lat),
				h.Generated, h.Source}
		},
		scan: func(sc scanner) (platform.Item, error) {
			var h platform.ServiceHall
			var lon, lat sql.NullFloat64
			if err := sc.Scan(&h.ID, &h.Name, &h.DivisionCode, &h.Level, &h.Address, &h.Hours, &lon, &lat,
				&h.Generated, &h.Source); err != nil {
				return nil, err
			}
			if lon.Valid && lat.Valid {
				h.Lon, h.Lat = &lon.Float64, &lat.Float64
			}
			return &h, nil
		},
	},
}

// replicaOf returns the replica of a collection, or an error for one the
// app does not know.
func replicaOf(collection string) (replica, error) {
	r, ok := replicas[collection]
	if !ok {
		return replica{}, fmt.Errorf("sync: unknown collection %q", collection)
	}
	return r, nil
}

// decodeItems decodes and validates every upsert of a page: one bad item
// refuses the whole page.
func decodeItems(collection string, raws []json.RawMessage) ([]platform.Item, error) {
	out := make([]platform.Item, len(raws))
	for i, raw := range raws {
		it := platform.NewItem(collection)
		if it == nil {
			return nil, fmt.Errorf("sync: unknown collection %q", collection)
		}
		if err := json.Unmarshal(raw, it); err != nil {
			return nil, fmt.Errorf("sync %s: item %d: %w: %v", collection, i, platform.ErrBadAnswer, err)
		}
		it.Normalize()
		if err := it.Validate(); err != nil {
			return nil, fmt.Errorf("sync %s: item %d: %w: %v", collection, i, platform.ErrBadAnswer, err)
		}
		out[i] = it
	}
	return out, nil
}

// floatPtr stores an optional number as NULL when missing.
func floatPtr(f *float64) any {
	if f == nil {
		return nil
	}
	return *f
}

// decodeInto reads a JSON object of translations.
func decodeInto(raw string, t *platform.Text) error {
	if raw == "" || raw == "{}" {
		return nil
	}
	return json.Unmarshal([]byte(raw), t)
}

// jsonMarshal is the canonical JSON of an item.
func jsonMarshal(it platform.Item) ([]byte, error) { return json.Marshal(it) }

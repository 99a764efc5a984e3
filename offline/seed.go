package offline

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io/fs"

	"jiangsupass/assets/seed"
)

// Keys of the meta table.
const (
	metaSeedVersion = "seed_version" // version of the seed last imported
	metaSeededAt    = "seeded_at"    // when it was imported
	metaLastUpdated = "last_updated" // when content last changed (seed import or sync)
)

// ensureSeed imports the seed snapshot when the database does not hold
// this version of it: on the first run, and once after an app update that
// ships new data. Otherwise it only reads one meta row.
//
// The import is one transaction: all of the seed or none of it. It
// upserts by key and deletes nothing, so rows that did not come from the
// seed (synced later, or of the user) survive a seed update.
func (s *Store) ensureSeed(ctx context.Context, fsys fs.FS) error {
	want, err := seedVersionOf(fsys)
	if err != nil {
		return err
	}
	have, _, err := getMeta(ctx, s.db, metaSeedVersion)
	if err != nil {
		return fmt.Errorf("seed import: %w", err)
	}
	if have == want {
		return nil
	}
	data, err := seed.Load(fsys)
	if err != nil {
		return fmt.Errorf("seed import: %w", err)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("seed import: %w", err)
	}
	defer func() { _ = tx.Rollback() }() // a no-op after Commit
	// Another process may have imported while this one parsed.
	if have, _, err = getMeta(ctx, tx, metaSeedVersion); err != nil {
		return fmt.Errorf("seed import: %w", err)
	}
	if have == want {
		return nil
	}
	if err := writeSeed(ctx, tx, data); err != nil {
		return fmt.Errorf("seed import: %w", err)
	}
	now := formatTime(s.now())
	for k, v := range map[string]string{metaSeedVersion: want, metaSeededAt: now, metaLastUpdated: now} {
		if err := setMeta(ctx, tx, k, v); err != nil {
			return fmt.Errorf("seed import: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("seed import: commit: %w", err)
	}
	return nil
}

// writeSeed writes every table of the seed, parents before children.
func writeSeed(ctx context.Context, tx *sql.Tx, d *seed.Data) error {
	steps := []struct {
		table string
		write func(context.Context, *sql.Tx, *seed.Data) error
	}{
		{"divisions", writeDivisions},
		{"townships", writeTownships},
		{"attractions", writeAttractions},
		{"layers", writeLayers},
		{"stations", writeStations},
		{"metro_lines", writeLines},
		{"hubs", writeHubs},
		{"service_items", writeServices},
	}
	for _, st := range steps {
		if err := st.write(ctx, tx, d); err != nil {
			return fmt.Errorf("%s: %w", st.table, err)
		}
	}
	return nil
}

// execEach prepares query once and runs it for each of n rows.
func execEach(ctx context.Context, tx *sql.Tx, query string, n int, args func(i int) []any) error {
	stmt, err := tx.PrepareContext(ctx, query)
	if err != nil {
		return err
	}
	defer stmt.Close()
	for i := 0; i < n; i++ {
		if _, err := stmt.ExecContext(ctx, args(i)...); err != nil {
			return err
		}
	}
	return nil
}

func writeDivisions(ctx context.Context, tx *sql.Tx, d *seed.Data) error {
	q := upsertSQL("divisions", "code", "code", "parent_code", "level", "kind", "name", "name_i18n", "in_gb2260", "source")
	return execEach(ctx, tx, q, len(d.Divisions), func(i int) []any {
		v := d.Divisions[i]
		names := Text{}
		for k, s := range d.CityNames[v.Code] {
			names[k] = s
		}
		names[LangZhHans] = v.Name // the official name wins
		return []any{v.Code, nullIfEmpty(v.Parent), v.Level, v.Kind, v.Name, encodeText(names), v.InGB2260, seed.SourceDivisions}
	})
}

func writeTownships(ctx context.Context, tx *sql.Tx, d *seed.Data) error {
	q := upsertSQL("townships", "code", "code", "name", "county_code", "city_code", "source")
	return execEach(ctx, tx, q, len(d.Townships), func(i int) []any {
		t := d.Townships[i]
		return []any{t.Code, t.Name, t.County, t.CityCode, seed.SourceDivisions}
	})
}

func writeAttractions(ctx context.Context, tx *sql.Tx, d *seed.Data) error {
	q := upsertSQL("attractions", "id", "id", "name", "name_i18n", "description_i18n", "grade", "category",
		"year_rated", "city_code", "county_code", "address", "lon", "lat", "source")
	return execEach(ctx, tx, q, len(d.Attractions), func(i int) []any {
		a := d.Attractions[i]
		tr := d.ScenicI18n[a.Name]
		names := Text{LangZhHans: a.Name}
		for k, s := range tr.Names {
			if k != LangZhHans {
				names[k] = s
			}
		}
		category := tr.Category
		if category == "" {
			category = "scenic_area"
		}
		var year, lon, lat any
		if a.Year != 0 {
			year = a.Year
		}
		if a.HasPoint {
			lon, lat = a.Point.Lon(), a.Point.Lat()
		}
		return []any{a.ID, a.Name, encodeText(names), encodeText(tr.Desc), a.Grade, category,
			year, a.CityCode, a.CountyCode, a.Address, lon, lat, a.Source}
	})
}

func writeLayers(ctx context.Context, tx *sql.Tx, d *seed.Data) error {
	q := upsertSQL("layers", "name", "name", "file", "geojson", "source")
	return execEach(ctx, tx, q, len(d.Layers), func(i int) []any {
		l := d.Layers[i]
		return []any{l.Name, l.File, l.GeoJSON, l.Source}
	})
}

func writeStations(ctx context.Context, tx *sql.Tx, d *seed.Data) error {
	q := upsertSQL("stations", "id", "id", "seq", "city", "city_code", "name", "pinyin", "lines", "lon", "lat", "source")
	return execEach(ctx, tx, q, len(d.Stations), func(i int) []any {
		s := d.Stations[i]
		return []any{s.ID, i, s.City, d.StationCity[s.ID], s.Name, s.Pinyin, encodeList(s.Lines),
			s.Point.Lon(), s.Point.Lat(), d.LineSource}
	})
}

// writeLines writes each line and replaces its list of stops.
func writeLines(ctx context.Context, tx *sql.Tx, d *seed.Data) error {
	q := upsertSQL("metro_lines", "id", "id", "seq", "city", "city_code", "name", "color", "source")
	err := execEach(ctx, tx, q, len(d.Lines), func(i int) []any {
		l := d.Lines[i]
		return []any{l.ID, i, l.City, l.CityCode, l.Name, l.Color, d.LineSource}
	})
	if err != nil {
		return err
	}
	for _, l := range d.Lines {
		if _, err := tx.ExecContext(ctx, "DELETE FROM metro_line_stops WHERE line_id = ?", l.ID); err != nil {
			return err
		}
		err := execEach(ctx, tx, "INSERT INTO metro_line_stops (line_id, position, station_id) VALUES (?, ?, ?)",
			len(l.StationIDs), func(i int) []any { return []any{l.ID, i, l.StationIDs[i]} })
		if err != nil {
			return fmt.Errorf("stops of %s: %w", l.ID, err)
		}
	}
	return nil
}

func writeHubs(ctx context.Context, tx *sql.Tx, d *seed.Data) error {
	q := upsertSQL("hubs", "name", "name", "seq", "type", "city", "city_code", "metro_station", "station_id",
		"lines", "lon", "lat", "note", "source")
	return execEach(ctx, tx, q, len(d.Hubs), func(i int) []any {
		h := d.Hubs[i]
		station := d.HubStation[h.Name]
		return []any{h.Name, i, h.Kind, h.City, d.StationCity[station], h.MetroStation, station,
			encodeList(h.Lines), h.Point.Lon(), h.Point.Lat(), h.Note, seed.SourceHubs}
	})
}

func writeServices(ctx context.Context, tx *sql.Tx, d *seed.Data) error {
	q := upsertSQL("service_items", "id", "id", "audience", "theme", "name", "department", "handling_level",
		"notes", "generated", "source")
	return execEach(ctx, tx, q, len(d.Services), func(i int) []any {
		s := d.Services[i]
		return []any{s.ID, s.Audience, s.Theme, s.Name, s.Department, s.Handling, s.Notes, false, seed.SourceServices}
	})
}

// encodeList stores a list of strings as a JSON array.
func encodeList(items []string) string {
	if items == nil {
		items = []string{}
	}
	b, err := json.Marshal(items) // strings always marshal
	if err != nil {
		return "[]"
	}
	return string(b)
}

// decodeList reads a JSON array written by encodeList.
func decodeList(raw string) ([]string, error) {
	var items []string
	if err := json.Unmarshal([]byte(raw), &items); err != nil {
		return nil, err
	}
	return items, nil
}

// nullIfEmpty stores "" as NULL.
func nullIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

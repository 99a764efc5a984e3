package offline

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io/fs"
	"strings"
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
func (s *Store) ensureSeed(ctx context.Context, seed fs.FS) error {
	want, err := seedVersionOf(seed)
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
	data, err := loadSeed(seed)
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
func writeSeed(ctx context.Context, tx *sql.Tx, d *seedData) error {
	steps := []struct {
		table string
		write func(context.Context, *sql.Tx, *seedData) error
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

// upsertSQL makes an INSERT that updates every non-key column of an
// existing row with the same key.
func upsertSQL(table string, key string, cols ...string) string {
	var set []string
	for _, c := range cols {
		if c != key {
			set = append(set, c+" = excluded."+c)
		}
	}
	return fmt.Sprintf("INSERT INTO %s (%s) VALUES (%s) ON CONFLICT (%s) DO UPDATE SET %s",
		table, strings.Join(cols, ", "), strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", "),
		key, strings.Join(set, ", "))
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

func writeDivisions(ctx context.Context, tx *sql.Tx, d *seedData) error {
	q := upsertSQL("divisions", "code", "code", "parent_code", "level", "kind", "name", "name_i18n", "in_gb2260", "source")
	return execEach(ctx, tx, q, len(d.divisions), func(i int) []any {
		v := d.divisions[i]
		names := Text{}
		for k, s := range d.cityNames[v.code] {
			names[k] = s
		}
		names[LangZhHans] = v.name // the official name wins
		return []any{v.code, nullIfEmpty(v.parent), v.level, v.kind, v.name, encodeText(names), v.inGB2260, sourceDivisions}
	})
}

func writeTownships(ctx context.Context, tx *sql.Tx, d *seedData) error {
	q := upsertSQL("townships", "code", "code", "name", "county_code", "city_code", "source")
	return execEach(ctx, tx, q, len(d.townships), func(i int) []any {
		t := d.townships[i]
		return []any{t.code, t.name, t.county, t.cityCode, sourceDivisions}
	})
}

func writeAttractions(ctx context.Context, tx *sql.Tx, d *seedData) error {
	q := upsertSQL("attractions", "id", "id", "name", "name_i18n", "description_i18n", "grade", "category",
		"year_rated", "city_code", "county_code", "address", "lon", "lat", "source")
	return execEach(ctx, tx, q, len(d.attractions), func(i int) []any {
		a := d.attractions[i]
		tr := d.scenicI18n[a.name]
		names := Text{LangZhHans: a.name}
		for k, s := range tr.names {
			if k != LangZhHans {
				names[k] = s
			}
		}
		category := tr.category
		if category == "" {
			category = "scenic_area"
		}
		var year, lon, lat any
		if a.year != 0 {
			year = a.year
		}
		if a.hasPoint {
			lon, lat = a.point.Lon(), a.point.Lat()
		}
		return []any{a.id, a.name, encodeText(names), encodeText(tr.desc), a.grade, category,
			year, a.cityCode, a.countyCode, a.address, lon, lat, a.source}
	})
}

func writeLayers(ctx context.Context, tx *sql.Tx, d *seedData) error {
	q := upsertSQL("layers", "name", "name", "file", "geojson", "source")
	return execEach(ctx, tx, q, len(d.layers), func(i int) []any {
		l := d.layers[i]
		return []any{l.name, l.file, l.geojson, l.source}
	})
}

func writeStations(ctx context.Context, tx *sql.Tx, d *seedData) error {
	q := upsertSQL("stations", "id", "id", "seq", "city", "city_code", "name", "pinyin", "lines", "lon", "lat", "source")
	return execEach(ctx, tx, q, len(d.stations), func(i int) []any {
		s := d.stations[i]
		return []any{s.id, i, s.city, d.stationCity[s.id], s.name, s.pinyin, encodeList(s.lines),
			s.point.Lon(), s.point.Lat(), d.lineSource}
	})
}

// writeLines writes each line and replaces its list of stops.
func writeLines(ctx context.Context, tx *sql.Tx, d *seedData) error {
	q := upsertSQL("metro_lines", "id", "id", "seq", "city", "city_code", "name", "color", "source")
	err := execEach(ctx, tx, q, len(d.lines), func(i int) []any {
		l := d.lines[i]
		return []any{l.id, i, l.city, l.cityCode, l.name, l.color, d.lineSource}
	})
	if err != nil {
		return err
	}
	for _, l := range d.lines {
		if _, err := tx.ExecContext(ctx, "DELETE FROM metro_line_stops WHERE line_id = ?", l.id); err != nil {
			return err
		}
		err := execEach(ctx, tx, "INSERT INTO metro_line_stops (line_id, position, station_id) VALUES (?, ?, ?)",
			len(l.stationIDs), func(i int) []any { return []any{l.id, i, l.stationIDs[i]} })
		if err != nil {
			return fmt.Errorf("stops of %s: %w", l.id, err)
		}
	}
	return nil
}

func writeHubs(ctx context.Context, tx *sql.Tx, d *seedData) error {
	q := upsertSQL("hubs", "name", "name", "seq", "type", "city", "city_code", "metro_station", "station_id",
		"lines", "lon", "lat", "note", "source")
	return execEach(ctx, tx, q, len(d.hubs), func(i int) []any {
		h := d.hubs[i]
		station := d.hubStation[h.name]
		return []any{h.name, i, h.kind, h.city, d.stationCity[station], h.metroStation, station,
			encodeList(h.lines), h.point.Lon(), h.point.Lat(), h.note, sourceHubs}
	})
}

func writeServices(ctx context.Context, tx *sql.Tx, d *seedData) error {
	q := upsertSQL("service_items", "id", "id", "audience", "theme", "name", "department", "handling_level",
		"notes", "generated", "source")
	return execEach(ctx, tx, q, len(d.services), func(i int) []any {
		s := d.services[i]
		return []any{s.id, s.audience, s.theme, s.name, s.department, s.handling, s.notes, false, sourceServices}
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

package offline

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"jiangsupass/offline/search"
)

// The search index's docs come from the store's tables: a source per
// kind reads its table (and what it names, such as a city's names) into
// search.Docs.

// docSource reads the docs of one kind from its source table.
type docSource func(ctx context.Context, tx *sql.Tx, emit func(*search.Doc) error) error

// docSources are the kinds' sources.
var docSources = map[string]docSource{
	search.KindAttraction: attractionDocs,
	search.KindStation:    stationDocs,
	search.KindHub:        hubDocs,
	search.KindPlace:      placeDocs,
	search.KindHall:       hallDocs,
	search.KindService:    serviceDocs,
}

func attractionDocs(ctx context.Context, tx *sql.Tx, emit func(*search.Doc) error) error {
	rows, err := tx.QueryContext(ctx, `SELECT a.id, a.name, a.name_i18n, a.description_i18n, a.grade, coalesce(d.name_i18n, '{}'),
		a.lon, a.lat FROM attractions a LEFT JOIN divisions d ON d.code = a.city_code ORDER BY a.id`)
	if err != nil {
		return err
	}
	defer rows.Close()
	var pos int64
	for rows.Next() {
		d := &search.Doc{Kind: search.KindAttraction}
		var name, names, desc, grade, city string
		if err := rows.Scan(&d.Ref, &name, &names, &desc, &grade, &city, &d.Lon, &d.Lat); err != nil {
			return err
		}
		if d.Title, err = decodeText(names, name); err != nil {
			return err
		}
		dt, err := decodeText(desc, "")
		if err != nil {
			return err
		}
		c, _ := decodeText(city, "")
		d.Detail = Text{}
		for _, l := range Languages {
			d.Detail[l] = strings.TrimSpace(grade + " · " + c.In(l))
		}
		if grade != "5A" {
			d.Rank = 1
		}
		d.Pos, pos = pos, pos+1
		d.Names = append([]string{d.Title[LangZhHans]}, translations(d.Title)...)
		d.Body = []string{dt[LangZhHans], dt[LangEn]}
		if err := emit(d); err != nil {
			return err
		}
	}
	return rows.Err()
}

// translations are the values of t other than the Chinese one.
func translations(t Text) []string {
	var out []string
	for _, l := range Languages[1:] {
		if v := t[l]; v != "" && v != t[LangZhHans] {
			out = append(out, v)
		}
	}
	return out
}

// stationDocs indexes each metro station under its name in every
// language (Xinjiekou, 新街口, Xinjiekou (新街口)): found by its English,
// its pinyin and initials, and its other scripts.
func stationDocs(ctx context.Context, tx *sql.Tx, emit func(*search.Doc) error) error {
	rows, err := tx.QueryContext(ctx, `SELECT s.id, s.name, s.lines, coalesce(d.name_i18n, '{}'), s.city, s.lon, s.lat
		FROM stations s LEFT JOIN divisions d ON d.code = s.city_code ORDER BY s.city_code, s.seq`)
	if err != nil {
		return err
	}
	defer rows.Close()
	var pos int64
	for rows.Next() {
		d := &search.Doc{Kind: search.KindStation}
		var name, lines, cities, city string
		if err := rows.Scan(&d.Ref, &name, &lines, &cities, &city, &d.Lon, &d.Lat); err != nil {
			return err
		}
		ls, err := decodeList(lines)
		if err != nil {
			return err
		}
		c, err := decodeText(cities, city)
		if err != nil {
			return err
		}
		if len(ls) < 2 {
			d.Rank = 1 // interchanges first
		}
		d.Pos, pos = pos, pos+1
		d.Title = StationNames(name)
		d.Detail = Text{}
		for _, l := range Languages {
			labels := make([]string, len(ls))
			for i, x := range ls {
				labels[i] = LineNames(x).In(l)
			}
			d.Detail[l] = c.In(l) + " · " + strings.Join(labels, " ")
		}
		d.Names = append([]string{name}, translations(d.Title)...)
		if err := emit(d); err != nil {
			return err
		}
	}
	return rows.Err()
}

// hubDocs indexes each railway station and airport under its name in
// every language (Nanjing South Railway Station, 南京南站 in Japanese …),
// with its metro station's name in the detail.
func hubDocs(ctx context.Context, tx *sql.Tx, emit func(*search.Doc) error) error {
	rows, err := tx.QueryContext(ctx, `SELECT h.name, h.type, coalesce(d.name_i18n, '{}'), h.city, h.metro_station, h.lon, h.lat
		FROM hubs h LEFT JOIN divisions d ON d.code = h.city_code ORDER BY h.seq`)
	if err != nil {
		return err
	}
	defer rows.Close()
	var pos int64
	for rows.Next() {
		d := &search.Doc{Kind: search.KindHub}
		var typ, cities, city, metro string
		if err := rows.Scan(&d.Ref, &typ, &cities, &city, &metro, &d.Lon, &d.Lat); err != nil {
			return err
		}
		c, err := decodeText(cities, city)
		if err != nil {
			return err
		}
		d.Pos, pos = pos, pos+1
		d.Title = HubNames(d.Ref, typ)
		m := StationNames(metro)
		d.Detail = Text{}
		for _, l := range Languages {
			d.Detail[l] = c.In(l) + " · " + m.In(l)
		}
		d.Names = append([]string{d.Ref}, translations(d.Title)...)
		if err := emit(d); err != nil {
			return err
		}
	}
	return rows.Err()
}

func placeDocs(ctx context.Context, tx *sql.Tx, emit func(*search.Doc) error) error {
	rows, err := tx.QueryContext(ctx, "SELECT code, level, name, name_i18n FROM divisions ORDER BY code")
	if err != nil {
		return err
	}
	defer rows.Close()
	var pos int64
	for rows.Next() {
		d := &search.Doc{Kind: search.KindPlace}
		var level, name, names string
		if err := rows.Scan(&d.Ref, &level, &name, &names); err != nil {
			return err
		}
		if d.Title, err = decodeText(names, name); err != nil {
			return err
		}
		d.Rank = map[string]int{"province": 0, "prefecture": 1}[level]
		if level == "county" {
			d.Rank = 2
		}
		d.Pos, pos = pos, pos+1
		d.Detail = Text{}
		d.Names = append([]string{name}, translations(d.Title)...)
		if err := emit(d); err != nil {
			return err
		}
	}
	return rows.Err()
}

func hallDocs(ctx context.Context, tx *sql.Tx, emit func(*search.Doc) error) error {
	rows, err := tx.QueryContext(ctx, "SELECT id, name, level, address, lon, lat, generated FROM service_halls ORDER BY division_code, id")
	if err != nil {
		return err
	}
	defer rows.Close()
	var pos int64
	for rows.Next() {
		d := &search.Doc{Kind: search.KindHall}
		var name, level, address string
		if err := rows.Scan(&d.Ref, &name, &level, &address, &d.Lon, &d.Lat, &d.Generated); err != nil {
			return err
		}
		d.Rank = map[string]int{"province": 0, "prefecture": 1, "county": 2}[level]
		d.Pos, pos = pos, pos+1
		d.Title = Text{LangZhHans: name}
		d.Detail = Text{LangZhHans: address}
		d.Names = []string{name, address}
		if err := emit(d); err != nil {
			return err
		}
	}
	return rows.Err()
}

func serviceDocs(ctx context.Context, tx *sql.Tx, emit func(*search.Doc) error) error {
	return serviceDocsWhere(ctx, tx, "", nil, emit)
}

// serviceDocsWhere reads the service items that match where (or all),
// under the translations the app ships.
func serviceDocsWhere(ctx context.Context, tx *sql.Tx, where string, args []any, emit func(*search.Doc) error) error {
	names, err := EmbeddedServiceNames()
	if err != nil {
		return err
	}
	return serviceDocsWith(ctx, tx, names, where, args, emit)
}

// serviceDocsWith reads the service items that match where (or all),
// under names (nil: in Chinese only).
func serviceDocsWith(ctx context.Context, tx *sql.Tx, names *ServiceNames, where string, args []any, emit func(*search.Doc) error) error {
	rows, err := tx.QueryContext(ctx, "SELECT id, audience, theme, name, department, handling_level, generated FROM service_items"+where, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var audience, theme, name, dept, level string
		d := &search.Doc{Kind: search.KindService}
		if err := rows.Scan(&id, &audience, &theme, &name, &dept, &level, &d.Generated); err != nil {
			return err
		}
		if id < 0 || id >= 1<<30 {
			return fmt.Errorf("service item %d: ID out of the index's range", id)
		}
		d.Ref, d.Pos = fmt.Sprint(id), id
		if d.Generated {
			d.Rank = 1 // the standard items before the generated ones
		}
		serviceDocText(d, names, name, audience, theme, dept)
		d.Names = append([]string{name, theme}, translations(d.Title)...)
		if err := emit(d); err != nil {
			return err
		}
	}
	return rows.Err()
}

// serviceDocText sets a service item's title and detail: in Chinese, and
// where the project translates the item's name
// (service_items_i18n.csv), in every language, so that search finds it
// by its translated names and shows it in the reader's language. Items
// with no translated name (the generated ones) keep a Chinese detail
// beside their Chinese name.
func serviceDocText(d *search.Doc, names *ServiceNames, name string, detail ...string) {
	in := func(l string) string {
		tr := make([]string, len(detail))
		for i, p := range detail {
			tr[i] = names.In(l, p)
		}
		return strings.Join(tr, " · ")
	}
	d.Title, d.Detail = Text{LangZhHans: name}, Text{LangZhHans: in(LangZhHans)}
	t := names.All(name)
	if t == nil {
		return
	}
	d.Title = t
	for _, l := range Languages[1:] {
		d.Detail[l] = in(l)
	}
}

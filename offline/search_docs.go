package offline

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// Kinds of things search finds, in the order their groups are listed
// when their best matches are equally good.
const (
	KindAttraction = "attraction"
	KindStation    = "station"
	KindHub        = "hub"
	KindPlace      = "place" // the province, a city or a county
	KindHall       = "hall"
	KindService    = "service"
)

// SearchKinds lists every kind, in group order.
var SearchKinds = []string{KindAttraction, KindStation, KindHub, KindPlace, KindHall, KindService}

// kindBase is the first rowid of a kind's documents; a kind's rowids are
// base + rank<<30 + position.
func kindBase(kind string) int64 {
	for i, k := range SearchKinds {
		if k == kind {
			return int64(i+1) << 40
		}
	}
	return 0
}

// searchDoc is one thing that can be found, before it is indexed.
type searchDoc struct {
	kind, ref string
	rank      int   // 0 is the most prominent (a 5A area, an interchange)
	pos       int64 // orders docs of the same rank; unique in the kind
	title     Text
	detail    Text
	names     []string // names and other words it is found by
	body      []string // descriptions: found, but ranked below names
	lon, lat  sql.NullFloat64
	generated bool
}

// rowid is where the doc is stored.
func (d *searchDoc) rowid() int64 { return kindBase(d.kind) + int64(d.rank)<<30 + d.pos }

// docPart is a part of a doc's names ("n") or descriptions ("b"): the
// unit the index matches queries against. Parts repeat across docs (the
// catalogue's items share their standard names, divisions and themes),
// so each distinct part is indexed once.
type docPart struct{ tag, text string }

// parts are the doc's distinct parts.
func (d *searchDoc) parts() []docPart {
	var out []docPart
	seen := map[docPart]bool{}
	add := func(tag string, fields []string) {
		for _, f := range fields {
			for _, p := range splitParts(f) {
				dp := docPart{tag, strings.TrimSpace(p)}
				if dp.text != "" && !seen[dp] {
					seen[dp] = true
					out = append(out, dp)
				}
			}
		}
	}
	add("n", d.names)
	add("b", d.body)
	return out
}

// partIndex is what a part is found by: its keys (as written and, for a
// Chinese name, in pinyin and in initials), each matched whole, as a
// prefix or as a substring; and its index terms, one from every unit
// onwards, so that any substring of a key that begins at a unit is a
// prefix of a term.
func partIndex(p docPart) (keys, terms []string) {
	cuts := []func(string) []string{formUnits}
	if p.tag == "n" && hasHan(p.text) {
		cuts = append(cuts, pinyinUnits, initials)
	}
	seen := map[string]bool{}
	for _, cut := range cuts {
		u := cut(p.text)
		k := strings.Join(u, "")
		if k == "" || seen["k"+k] {
			continue
		}
		seen["k"+k] = true
		keys = append(keys, k)
		for i := range u {
			var b strings.Builder
			for _, x := range u[i:] {
				b.WriteString(x)
				if b.Len() >= 3*capLatin {
					break
				}
			}
			if t := capKey(b.String()); !seen[t] {
				seen[t] = true
				terms = append(terms, t)
			}
		}
	}
	return keys, terms
}

// docSource reads the docs of one kind from its source table.
type docSource func(ctx context.Context, tx *sql.Tx, emit func(*searchDoc) error) error

// docSources are the kinds' sources.
var docSources = map[string]docSource{
	KindAttraction: attractionDocs,
	KindStation:    stationDocs,
	KindHub:        hubDocs,
	KindPlace:      placeDocs,
	KindHall:       hallDocs,
	KindService:    serviceDocs,
}

func attractionDocs(ctx context.Context, tx *sql.Tx, emit func(*searchDoc) error) error {
	rows, err := tx.QueryContext(ctx, `SELECT a.id, a.name, a.name_i18n, a.description_i18n, a.grade, coalesce(d.name_i18n, '{}'),
		a.lon, a.lat FROM attractions a LEFT JOIN divisions d ON d.code = a.city_code ORDER BY a.id`)
	if err != nil {
		return err
	}
	defer rows.Close()
	var pos int64
	for rows.Next() {
		d := &searchDoc{kind: KindAttraction}
		var name, names, desc, grade, city string
		if err := rows.Scan(&d.ref, &name, &names, &desc, &grade, &city, &d.lon, &d.lat); err != nil {
			return err
		}
		if d.title, err = decodeText(names, name); err != nil {
			return err
		}
		dt, err := decodeText(desc, "")
		if err != nil {
			return err
		}
		c, _ := decodeText(city, "")
		d.detail = Text{}
		for _, l := range Languages {
			d.detail[l] = strings.TrimSpace(grade + " · " + c.In(l))
		}
		if grade != "5A" {
			d.rank = 1
		}
		d.pos, pos = pos, pos+1
		d.names = append([]string{d.title[LangZhHans]}, translations(d.title)...)
		d.body = []string{dt[LangZhHans], dt[LangEn]}
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
func stationDocs(ctx context.Context, tx *sql.Tx, emit func(*searchDoc) error) error {
	rows, err := tx.QueryContext(ctx, `SELECT s.id, s.name, s.lines, coalesce(d.name_i18n, '{}'), s.city, s.lon, s.lat
		FROM stations s LEFT JOIN divisions d ON d.code = s.city_code ORDER BY s.city_code, s.seq`)
	if err != nil {
		return err
	}
	defer rows.Close()
	var pos int64
	for rows.Next() {
		d := &searchDoc{kind: KindStation}
		var name, lines, cities, city string
		if err := rows.Scan(&d.ref, &name, &lines, &cities, &city, &d.lon, &d.lat); err != nil {
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
			d.rank = 1 // interchanges first
		}
		d.pos, pos = pos, pos+1
		d.title = StationNames(name)
		d.detail = Text{}
		for _, l := range Languages {
			labels := make([]string, len(ls))
			for i, x := range ls {
				labels[i] = LineNames(x).In(l)
			}
			d.detail[l] = c.In(l) + " · " + strings.Join(labels, " ")
		}
		d.names = append([]string{name}, translations(d.title)...)
		if err := emit(d); err != nil {
			return err
		}
	}
	return rows.Err()
}

// hubDocs indexes each railway station and airport under its name in
// every language (Nanjing South Railway Station, 南京南站 in Japanese …),
// with its metro station's name in the detail.
func hubDocs(ctx context.Context, tx *sql.Tx, emit func(*searchDoc) error) error {
	rows, err := tx.QueryContext(ctx, `SELECT h.name, h.type, coalesce(d.name_i18n, '{}'), h.city, h.metro_station, h.lon, h.lat
		FROM hubs h LEFT JOIN divisions d ON d.code = h.city_code ORDER BY h.seq`)
	if err != nil {
		return err
	}
	defer rows.Close()
	var pos int64
	for rows.Next() {
		d := &searchDoc{kind: KindHub}
		var typ, cities, city, metro string
		if err := rows.Scan(&d.ref, &typ, &cities, &city, &metro, &d.lon, &d.lat); err != nil {
			return err
		}
		c, err := decodeText(cities, city)
		if err != nil {
			return err
		}
		d.pos, pos = pos, pos+1
		d.title = HubNames(d.ref, typ)
		m := StationNames(metro)
		d.detail = Text{}
		for _, l := range Languages {
			d.detail[l] = c.In(l) + " · " + m.In(l)
		}
		d.names = append([]string{d.ref}, translations(d.title)...)
		if err := emit(d); err != nil {
			return err
		}
	}
	return rows.Err()
}

func placeDocs(ctx context.Context, tx *sql.Tx, emit func(*searchDoc) error) error {
	rows, err := tx.QueryContext(ctx, "SELECT code, level, name, name_i18n FROM divisions ORDER BY code")
	if err != nil {
		return err
	}
	defer rows.Close()
	var pos int64
	for rows.Next() {
		d := &searchDoc{kind: KindPlace}
		var level, name, names string
		if err := rows.Scan(&d.ref, &level, &name, &names); err != nil {
			return err
		}
		if d.title, err = decodeText(names, name); err != nil {
			return err
		}
		d.rank = map[string]int{"province": 0, "prefecture": 1}[level]
		if level == "county" {
			d.rank = 2
		}
		d.pos, pos = pos, pos+1
		d.detail = Text{}
		d.names = append([]string{name}, translations(d.title)...)
		if err := emit(d); err != nil {
			return err
		}
	}
	return rows.Err()
}

func hallDocs(ctx context.Context, tx *sql.Tx, emit func(*searchDoc) error) error {
	rows, err := tx.QueryContext(ctx, "SELECT id, name, level, address, lon, lat, generated FROM service_halls ORDER BY division_code, id")
	if err != nil {
		return err
	}
	defer rows.Close()
	var pos int64
	for rows.Next() {
		d := &searchDoc{kind: KindHall}
		var name, level, address string
		if err := rows.Scan(&d.ref, &name, &level, &address, &d.lon, &d.lat, &d.generated); err != nil {
			return err
		}
		d.rank = map[string]int{"province": 0, "prefecture": 1, "county": 2}[level]
		d.pos, pos = pos, pos+1
		d.title = Text{LangZhHans: name}
		d.detail = Text{LangZhHans: address}
		d.names = []string{name, address}
		if err := emit(d); err != nil {
			return err
		}
	}
	return rows.Err()
}

func serviceDocs(ctx context.Context, tx *sql.Tx, emit func(*searchDoc) error) error {
	return serviceDocsWhere(ctx, tx, "", nil, emit)
}

// serviceDocsWhere reads the service items that match where (or all).
func serviceDocsWhere(ctx context.Context, tx *sql.Tx, where string, args []any, emit func(*searchDoc) error) error {
	rows, err := tx.QueryContext(ctx, "SELECT id, audience, theme, name, department, handling_level, generated FROM service_items"+where, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var audience, theme, name, dept, level string
		d := &searchDoc{kind: KindService}
		if err := rows.Scan(&id, &audience, &theme, &name, &dept, &level, &d.generated); err != nil {
			return err
		}
		if id < 0 || id >= 1<<30 {
			return fmt.Errorf("service item %d: ID out of the index's range", id)
		}
		d.ref, d.pos = fmt.Sprint(id), id
		if d.generated {
			d.rank = 1 // the standard items before the generated ones
		}
		d.title = Text{LangZhHans: name}
		d.detail = Text{LangZhHans: audience + " · " + theme + " · " + dept}
		d.names = []string{name, theme}
		if err := emit(d); err != nil {
			return err
		}
	}
	return rows.Err()
}

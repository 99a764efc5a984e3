package offline

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Catalogue levels: where an item is handled.
const (
	LevelProvince = "province"
	LevelCity     = "prefecture"
	LevelCounty   = "county"
)

// CatalogueFilter selects service items for browsing; empty fields match
// everything.
type CatalogueFilter struct {
	Audience, Theme, Department string
	// Level is LevelProvince, LevelCity or LevelCounty: the level of the
	// division an item is handled in (items of the seed, which name no
	// division, are listed under every level).
	Level string
	// Division lists the items handled in this division, with the seed's
	// standard items, which name none.
	Division string
	// IDs limits the result to these items (a search's hits), in this order.
	IDs    []int64
	Limit  int // 0 means 200
	Offset int
}

// catalogueWhere is the SQL test of the filter's audience, theme,
// department, level and division on service_items' columns, and its
// arguments.
func catalogueWhere(f CatalogueFilter) ([]string, []any, error) {
	var where []string
	var args []any
	for _, c := range []struct{ col, val string }{{"audience", f.Audience}, {"theme", f.Theme}, {"department", f.Department}} {
		if c.val != "" {
			where, args = append(where, c.col+" = ?"), append(args, c.val)
		}
	}
	if f.Level != "" {
		w, ok := levelPrefix[f.Level]
		if !ok {
			return nil, nil, fmt.Errorf("catalogue: unknown level %q", f.Level)
		}
		where = append(where, "("+w+")")
	}
	if f.Division != "" {
		where, args = append(where, "(division_code = '' OR division_code = ?)"), append(args, f.Division)
	}
	return where, args, nil
}

// CatalogueFacets are the values the catalogue can be browsed by.
type CatalogueFacets struct {
	Themes, Departments []string
	Items, Generated    int
}

// levelPrefix is the SQL test of an item's division level.
var levelPrefix = map[string]string{
	LevelProvince: "division_code = '' OR division_code = '320000'",
	LevelCity:     "division_code = '' OR (division_code LIKE '32__00' AND division_code <> '320000')",
	LevelCounty:   "division_code = '' OR (division_code <> '' AND division_code NOT LIKE '32__00')",
}

const serviceColumns = "id, audience, theme, name, department, handling_level, notes, generated, source, division_code"

func scanServiceItem(sc scanner) (ServiceItem, string, error) {
	var it ServiceItem
	var division string
	err := sc.Scan(&it.ID, &it.Audience, &it.Theme, &it.Name, &it.Department, &it.HandlingLevel, &it.Notes,
		&it.Generated, &it.Source, &division)
	return it, division, err
}

// CatalogueItem is a service item with the division it is handled in
// ("" for the items of the seed, handled across the province).
type CatalogueItem struct {
	ServiceItem
	DivisionCode string
}

// Catalogue returns a page of the items that match f: the seed's
// standard items first, then by ID; and how many match in all.
func (s *Store) Catalogue(ctx context.Context, f CatalogueFilter) ([]CatalogueItem, int, error) {
	where, args, err := catalogueWhere(f)
	if err != nil {
		return nil, 0, err
	}
	order := "generated, id"
	if len(f.IDs) > 0 {
		ids := make([]string, len(f.IDs))
		var pos strings.Builder
		pos.WriteString("CASE id")
		for i, id := range f.IDs {
			ids[i] = strconv.FormatInt(id, 10)
			fmt.Fprintf(&pos, " WHEN %d THEN %d", id, i)
		}
		pos.WriteString(" END")
		where = append(where, "id IN ("+strings.Join(ids, ",")+")")
		order = pos.String()
	}
	cond := ""
	if len(where) > 0 {
		cond = " WHERE " + strings.Join(where, " AND ")
	}
	var total int
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM service_items"+cond, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("catalogue: %w", err)
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 200
	}
	rows, err := s.db.QueryContext(ctx, "SELECT "+serviceColumns+" FROM service_items"+cond+" ORDER BY "+order+" LIMIT ? OFFSET ?",
		append(args, limit, f.Offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("catalogue: %w", err)
	}
	defer rows.Close()
	var out []CatalogueItem
	for rows.Next() {
		it, div, err := scanServiceItem(rows)
		if err != nil {
			return nil, 0, fmt.Errorf("catalogue: %w", err)
		}
		out = append(out, CatalogueItem{it, div})
	}
	return out, total, rows.Err()
}

// Facets returns the themes and departments of the catalogue, in the order
// the seed first lists them, and how many items it has.
func (s *Store) Facets(ctx context.Context) (CatalogueFacets, error) {
	var f CatalogueFacets
	for _, q := range []struct {
		col string
		out *[]string
	}{{"theme", &f.Themes}, {"department", &f.Departments}} {
		rows, err := s.db.QueryContext(ctx, "SELECT "+q.col+" FROM service_items GROUP BY "+q.col+" ORDER BY min(id)")
		if err != nil {
			return f, fmt.Errorf("catalogue facets: %w", err)
		}
		for rows.Next() {
			var v string
			if err := rows.Scan(&v); err != nil {
				rows.Close()
				return f, fmt.Errorf("catalogue facets: %w", err)
			}
			*q.out = append(*q.out, v)
		}
		rows.Close()
	}
	err := s.db.QueryRowContext(ctx, "SELECT count(*), coalesce(sum(generated), 0) FROM service_items").Scan(&f.Items, &f.Generated)
	if err != nil {
		return f, fmt.Errorf("catalogue facets: %w", err)
	}
	return f, nil
}

// CatalogueItemByID returns one service item, or an error wrapping
// ErrNotFound.
func (s *Store) CatalogueItemByID(ctx context.Context, id int64) (CatalogueItem, error) {
	it, div, err := scanServiceItem(s.db.QueryRowContext(ctx, "SELECT "+serviceColumns+" FROM service_items WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return CatalogueItem{}, fmt.Errorf("service item %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return CatalogueItem{}, fmt.Errorf("service item %d: %w", id, err)
	}
	return CatalogueItem{it, div}, nil
}

// HallsFor returns the halls where an item is handled: the hall of its
// division and of the division's city, or, for an item of the seed, the
// province's and every city's hall.
func (s *Store) HallsFor(ctx context.Context, it CatalogueItem) ([]ServiceHall, error) {
	if it.DivisionCode == "" {
		halls, err := s.ServiceHalls(ctx)
		if err != nil {
			return nil, err
		}
		var out []ServiceHall
		for _, h := range halls {
			if h.Level != LevelCounty {
				out = append(out, h)
			}
		}
		return out, nil
	}
	codes := []string{it.DivisionCode}
	if len(it.DivisionCode) == 6 && !strings.HasSuffix(it.DivisionCode, "00") {
		codes = append(codes, it.DivisionCode[:4]+"00")
	}
	return s.ServiceHalls(ctx, codes...)
}

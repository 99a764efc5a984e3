package offline

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/paulmach/orb"
)

// Attraction is a place a visitor may want to go to; the seed holds
// Jiangsu's national 5A scenic areas.
type Attraction struct {
	// ID is stable across app versions. For seeded areas it is "5a-" and
	// the 1-based row of the area in jiangsu_5a_scenic_areas.csv, three
	// digits: "5a-001". The file is append-only, so an ID always names the
	// same area.
	ID          string
	Name        Text
	Description Text      // empty when there is no description yet
	Grade       string    // national A grade, e.g. "5A"
	Category    string    // e.g. "scenic_area", "ancient_town"; "scenic_area" when not known
	YearRated   int       // year the grade was awarded; 0 when not known
	CityCode    string    // GB/T 2260 code of the prefecture-level city
	CountyCode  string    // GB/T 2260 code of the county-level unit
	Address     string    // postal address, in Chinese
	Point       orb.Point // WGS84 lon/lat; meaningful only when HasPoint
	HasPoint    bool
	Source      string // where the row came from, for attribution
}

// AttractionFilter selects attractions; empty fields match everything.
type AttractionFilter struct {
	CityCode, Grade, Category string
}

// attractionColumns are the columns scanAttraction reads, in its order.
const attractionColumns = `id, name, name_i18n, description_i18n, grade, category, year_rated,
	city_code, county_code, address, lon, lat, source`

// Attractions returns the attractions that match f, ordered by their
// Chinese (zh-Hans) name in Unicode code-point order, then by ID.
func (s *Store) Attractions(ctx context.Context, f AttractionFilter) ([]Attraction, error) {
	var where []string
	var args []any
	for _, c := range []struct{ col, val string }{
		{"city_code", f.CityCode}, {"grade", f.Grade}, {"category", f.Category},
	} {
		if c.val != "" {
			where = append(where, c.col+" = ?")
			args = append(args, c.val)
		}
	}
	q := "SELECT " + attractionColumns + " FROM attractions"
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY name, id"
	return queryAll(ctx, s.db, "attractions", q, args, scanAttraction)
}

// Attraction returns the attraction with the given ID, or an error
// wrapping ErrNotFound.
func (s *Store) Attraction(ctx context.Context, id string) (Attraction, error) {
	row := s.db.QueryRowContext(ctx, "SELECT "+attractionColumns+" FROM attractions WHERE id = ?", id)
	a, err := scanAttraction(row)
	if errors.Is(err, sql.ErrNoRows) {
		return Attraction{}, fmt.Errorf("attraction %q: %w", id, ErrNotFound)
	}
	if err != nil {
		return Attraction{}, fmt.Errorf("attraction %q: %w", id, err)
	}
	return a, nil
}

// scanner is a *sql.Row or *sql.Rows.
type scanner interface{ Scan(dest ...any) error }

func scanAttraction(sc scanner) (Attraction, error) {
	var a Attraction
	var name, names, desc string
	var year sql.NullInt64
	var lon, lat sql.NullFloat64
	err := sc.Scan(&a.ID, &name, &names, &desc, &a.Grade, &a.Category, &year,
		&a.CityCode, &a.CountyCode, &a.Address, &lon, &lat, &a.Source)
	if err != nil {
		return Attraction{}, err
	}
	if a.Name, err = decodeText(names, name); err != nil {
		return Attraction{}, fmt.Errorf("name of %s: %w", a.ID, err)
	}
	if a.Description, err = decodeText(desc, ""); err != nil {
		return Attraction{}, fmt.Errorf("description of %s: %w", a.ID, err)
	}
	a.YearRated = int(year.Int64)
	if lon.Valid && lat.Valid {
		a.Point, a.HasPoint = orb.Point{lon.Float64, lat.Float64}, true
	}
	return a, nil
}

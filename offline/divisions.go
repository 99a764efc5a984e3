package offline

import (
	"context"
	"fmt"
)

// Division is an administrative division of Jiangsu: the province, a
// prefecture-level city or a county-level unit.
type Division struct {
	Code       string // GB/T 2260 code (or NBS statistical code), six digits
	ParentCode string // "" for the province
	Level      string // "province", "prefecture" or "county"
	Kind       string // in Chinese, as published: 省, 地级市, 市辖区, 县级市, 县, 功能区(统计用)
	Name       Text   // the province and cities have translations; counties zh-Hans only
	InGB2260   bool   // false for the statistical zones (development zones) that GB/T 2260 lacks
	Source     string // where the row came from, for attribution
}

// Township is a township, town or street office (乡镇街道).
type Township struct {
	Code       string // nine-digit NBS code
	Name       string // in Chinese
	CountyCode string
	CityCode   string
	Source     string
}

const divisionColumns = "code, coalesce(parent_code, ''), level, kind, name, name_i18n, in_gb2260, source"

// Province returns the province of Jiangsu.
func (s *Store) Province(ctx context.Context) (Division, error) {
	d, err := s.divisions(ctx, "WHERE level = 'province'")
	if err != nil {
		return Division{}, fmt.Errorf("province: %w", err)
	}
	if len(d) == 0 {
		return Division{}, fmt.Errorf("province: %w", ErrNotFound)
	}
	return d[0], nil
}

// Cities returns the 13 prefecture-level cities, ordered by code.
func (s *Store) Cities(ctx context.Context) ([]Division, error) {
	d, err := s.divisions(ctx, "WHERE level = 'prefecture'")
	if err != nil {
		return nil, fmt.Errorf("cities: %w", err)
	}
	return d, nil
}

// Counties returns the county-level units of a city, ordered by code; none
// for a code that is not a city.
func (s *Store) Counties(ctx context.Context, cityCode string) ([]Division, error) {
	d, err := s.divisions(ctx, "WHERE level = 'county' AND parent_code = ?", cityCode)
	if err != nil {
		return nil, fmt.Errorf("counties of %s: %w", cityCode, err)
	}
	return d, nil
}

// Townships returns the townships of a county-level unit, ordered by code.
func (s *Store) Townships(ctx context.Context, countyCode string) ([]Township, error) {
	rows, err := s.db.QueryContext(ctx,
		"SELECT code, name, county_code, city_code, source FROM townships WHERE county_code = ? ORDER BY code",
		countyCode)
	if err != nil {
		return nil, fmt.Errorf("townships of %s: %w", countyCode, err)
	}
	defer rows.Close()
	var out []Township
	for rows.Next() {
		var t Township
		if err := rows.Scan(&t.Code, &t.Name, &t.CountyCode, &t.CityCode, &t.Source); err != nil {
			return nil, fmt.Errorf("townships of %s: %w", countyCode, err)
		}
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("townships of %s: %w", countyCode, err)
	}
	return out, nil
}

// divisions runs a query over the divisions table with the given WHERE
// clause, ordered by code.
func (s *Store) divisions(ctx context.Context, where string, args ...any) ([]Division, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT "+divisionColumns+" FROM divisions "+where+" ORDER BY code", args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Division
	for rows.Next() {
		var d Division
		var name, names string
		if err := rows.Scan(&d.Code, &d.ParentCode, &d.Level, &d.Kind, &name, &names, &d.InGB2260, &d.Source); err != nil {
			return nil, err
		}
		if d.Name, err = decodeText(names, name); err != nil {
			return nil, fmt.Errorf("name of %s: %w", d.Code, err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

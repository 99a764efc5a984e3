package offline

import (
	"context"
	"fmt"
	"strings"
)

// ServiceItem is a government service a resident or a business can apply
// for (政务服务事项).
type ServiceItem struct {
	ID            int64
	Audience      string // 个人 (individuals) or 法人 (legal persons)
	Theme         string // e.g. 户籍, 社保, 公积金, 一件事
	Name          string // the standardised item name
	Department    string // the provincial department responsible
	HandlingLevel string // where it is usually handled
	Notes         string // e.g. the "一件事" bundle it belongs to
	// Generated is true for items made up by a documented rule to test the
	// app at scale; the UI must label them as such, never as official.
	Generated bool
	Source    string
}

// ServiceFilter selects service items; empty fields match everything.
type ServiceFilter struct {
	Audience, Theme string
}

// ServiceItems returns the items that match f, ordered by ID.
func (s *Store) ServiceItems(ctx context.Context, f ServiceFilter) ([]ServiceItem, error) {
	var where []string
	var args []any
	if f.Audience != "" {
		where, args = append(where, "audience = ?"), append(args, f.Audience)
	}
	if f.Theme != "" {
		where, args = append(where, "theme = ?"), append(args, f.Theme)
	}
	q := "SELECT id, audience, theme, name, department, handling_level, notes, generated, source FROM service_items"
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	rows, err := s.db.QueryContext(ctx, q+" ORDER BY id", args...)
	if err != nil {
		return nil, fmt.Errorf("service items: %w", err)
	}
	defer rows.Close()
	var out []ServiceItem
	for rows.Next() {
		var it ServiceItem
		if err := rows.Scan(&it.ID, &it.Audience, &it.Theme, &it.Name, &it.Department, &it.HandlingLevel,
			&it.Notes, &it.Generated, &it.Source); err != nil {
			return nil, fmt.Errorf("service items: %w", err)
		}
		out = append(out, it)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("service items: %w", err)
	}
	return out, nil
}

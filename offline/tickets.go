package offline

import (
	"context"
	"fmt"

	"jiangsupass/platform"
)

// TicketProducts returns an attraction's ticket products, cheapest kind
// last (adult first), as synced from the platform.
func (s *Store) TicketProducts(ctx context.Context, attractionID string) ([]platform.TicketProduct, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, attraction_id, kind, name_i18n, price_cents, currency, generated, source
		FROM ticket_products WHERE attraction_id = ? ORDER BY price_cents DESC, kind`, attractionID)
	if err != nil {
		return nil, fmt.Errorf("ticket products: %w", err)
	}
	defer rows.Close()
	var out []platform.TicketProduct
	for rows.Next() {
		var p platform.TicketProduct
		var names string
		if err := rows.Scan(&p.ID, &p.AttractionID, &p.Kind, &names, &p.PriceCents, &p.Currency, &p.Generated, &p.Source); err != nil {
			return nil, fmt.Errorf("ticket products: %w", err)
		}
		if err := decodeInto(names, &p.Name); err != nil {
			return nil, fmt.Errorf("ticket products: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// TicketSlots returns an attraction's time slots from date on (YYYY-MM-DD),
// by date and start, with the remaining quota as the replica knows it and
// whether the area's staff have paused its sales.
func (s *Store) TicketSlots(ctx context.Context, attractionID, fromDate string) ([]platform.TicketSlot, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, attraction_id, date, start_time, end_time, quota, remaining, generated, paused
		FROM ticket_slots WHERE attraction_id = ? AND date >= ? ORDER BY date, start_time`, attractionID, fromDate)
	if err != nil {
		return nil, fmt.Errorf("ticket slots: %w", err)
	}
	defer rows.Close()
	var out []platform.TicketSlot
	for rows.Next() {
		var t platform.TicketSlot
		if err := rows.Scan(&t.ID, &t.AttractionID, &t.Date, &t.Start, &t.End, &t.Quota, &t.Remaining, &t.Generated, &t.Paused); err != nil {
			return nil, fmt.Errorf("ticket slots: %w", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

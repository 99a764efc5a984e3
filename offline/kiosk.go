package offline

import (
	"context"
	"database/sql"
	"fmt"

	"jiangsupass/platform"
)

// visitorTables hold what one user of a shared kiosk leaves behind: their
// sealed records, their favourites, and the requests they made with what
// hangs on them (children before the outbox they point at). The outbox
// also holds the gate's own records (admissions and exits, which no
// visitor makes): visitorRows says which rows of a table are a visitor's.
var visitorTables = []string{"personal_records", "favourites", "appointments", "feedback", "ticket_orders", "orders",
	"outbox_rows", "outbox"}

// visitorRows is the condition on a visitor table's rows that a visitor
// left: every row, but the gate's records in the outbox.
var visitorRows = map[string]string{
	"outbox":      "kind NOT IN ('" + platform.Admissions + "', '" + platform.Exits + "')",
	"outbox_rows": "outbox_id NOT IN (SELECT id FROM outbox WHERE kind IN ('" + platform.Admissions + "', '" + platform.Exits + "'))",
}

// visitorWhere is " WHERE <condition>" of a visitor table, or "".
func visitorWhere(table string) string {
	if c, ok := visitorRows[table]; ok {
		return " WHERE " + c
	}
	return ""
}

// publicTables hold no visitor's data: the shipped and synced catalogue,
// the schema's bookkeeping, the search index (of public data), the
// device's settings, the public signed trust list, and a gate's own
// record of the tickets it admitted and the exits it counted. Every table is in
// one list or the other, which a test holds to the schema.
var publicTables = []string{"schema_migrations", "meta", "divisions", "townships", "attractions", "layers",
	"stations", "metro_lines", "metro_line_stops", "hubs", "settings", "service_items", "signed_trust_list",
	"search_docs", "search_parts", "search_pending", "search_part_fts", "search_doc_fts", "sync_cursors", "sync_deferred",
	"pois", "ticket_products", "ticket_slots", "service_halls", "crowd_levels", "gate_admissions", "gate_exits"}

// ForgetVisitor is the kiosk's reset: it signs out (sealed records and the
// key go) and deletes every row a visitor can leave: favourites,
// appointments, feedback, orders and queued requests. Public data, the
// signed trust list and a gate's records (its admissions and exits, sent
// or not) stay.
func (s *Store) ForgetVisitor(ctx context.Context) error {
	if err := s.SignOut(ctx); err != nil {
		return err
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		for _, t := range visitorTables {
			if _, err := tx.ExecContext(ctx, "DELETE FROM "+t+visitorWhere(t)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("forget the visitor: %w", err)
	}
	return nil
}

// VisitorRows counts the rows a visitor left in the store (see
// ForgetVisitor); after a kiosk reset it is zero.
func (s *Store) VisitorRows(ctx context.Context) (int, error) {
	total := 0
	for _, t := range visitorTables {
		var n int
		if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM "+t+visitorWhere(t)).Scan(&n); err != nil {
			return 0, fmt.Errorf("count %s: %w", t, err)
		}
		total += n
	}
	return total, nil
}

// Memory reports whether the store is kept in memory only (kiosk mode).
func (s *Store) Memory() bool { return s.memory }

package offline

import (
	"context"
	"database/sql"
	"fmt"
)

// visitorTables hold what one user of a shared kiosk leaves behind: their
// sealed records, their favourites, and the requests they made with what
// hangs on them (children before the outbox they point at).
var visitorTables = []string{"personal_records", "favourites", "appointments", "feedback", "orders", "outbox"}

// ForgetVisitor is the kiosk's reset: it signs out (sealed records and the
// key go) and deletes every row a visitor can leave: favourites,
// appointments, feedback, orders and queued requests. Public data and the
// signed trust list stay.
func (s *Store) ForgetVisitor(ctx context.Context) error {
	if err := s.SignOut(ctx); err != nil {
		return err
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		for _, t := range visitorTables {
			if _, err := tx.ExecContext(ctx, "DELETE FROM "+t); err != nil {
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
		if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM "+t).Scan(&n); err != nil {
			return 0, fmt.Errorf("count %s: %w", t, err)
		}
		total += n
	}
	return total, nil
}

// Memory reports whether the store is kept in memory only (kiosk mode).
func (s *Store) Memory() bool { return s.memory }

package offline

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"jiangsupass/clock"
	"jiangsupass/platform"
)

// GateDay is what a gate has recorded today (China's day), as the gate
// shows it: what this device admitted and counted out, and how much of it
// is still on its way to the platform.
type GateDay struct {
	Admissions int // tickets admitted
	Admitted   int // visitors they admitted
	Exits      int // visitors counted out
	// Waiting is how many of today's admissions and exits are not yet
	// delivered; Refused how many of them the platform refused, with the
	// newest refusal's code.
	Waiting, Refused int
	RefusedCode      string
	// Flagged counts the admissions the platform answered were of a
	// ticket admitted before at another gate.
	Flagged int
	Last    *Admission // the latest admission today; nil for none
}

// GateToday reads what the gate at p recorded today, at the store's now.
func (s *Store) GateToday(ctx context.Context, p GatePost) (GateDay, error) {
	var d GateDay
	since := formatTime(clock.Midnight(s.now()))
	err := s.db.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM gate_admissions WHERE attraction_id = ?1 AND at >= ?2),
		(SELECT coalesce(sum(visitors), 0) FROM gate_admissions WHERE attraction_id = ?1 AND at >= ?2),
		(SELECT coalesce(sum(visitors), 0) FROM gate_exits WHERE attraction_id = ?1 AND at >= ?2)`,
		p.AttractionID, since).Scan(&d.Admissions, &d.Admitted, &d.Exits)
	if err != nil {
		return GateDay{}, fmt.Errorf("gate today: %w", err)
	}
	err = s.db.QueryRowContext(ctx, `SELECT coalesce(sum(o.state = 'pending'), 0), coalesce(sum(o.state IN ('failed', 'dismissed')), 0),
		coalesce(sum(o.state = 'sent' AND json_extract(o.result, '$.flagged') = 1), 0)
		FROM outbox o WHERE o.kind IN (?, ?) AND o.created_at >= ?`, platform.Admissions, platform.Exits, since).
		Scan(&d.Waiting, &d.Refused, &d.Flagged)
	if err != nil {
		return GateDay{}, fmt.Errorf("gate today: %w", err)
	}
	if d.Refused > 0 {
		_ = s.db.QueryRowContext(ctx, `SELECT error_code FROM outbox WHERE kind IN (?, ?) AND state IN ('failed', 'dismissed')
			ORDER BY id DESC LIMIT 1`, platform.Admissions, platform.Exits).Scan(&d.RefusedCode)
	}
	last, err := lastAdmission(ctx, s.db, p.AttractionID, since)
	switch {
	case err == nil:
		d.Last = &last
	case !errors.Is(err, ErrNotFound):
		return GateDay{}, fmt.Errorf("gate today: %w", err)
	}
	return d, nil
}

// lastAdmission reads the latest admission to an area since a time.
func lastAdmission(ctx context.Context, q querier, attraction, since string) (Admission, error) {
	a := Admission{GatePost: GatePost{AttractionID: attraction}}
	var at string
	err := q.QueryRowContext(ctx, `SELECT ticket_id, gate, visitors, at FROM gate_admissions
		WHERE attraction_id = ? AND at >= ? ORDER BY at DESC LIMIT 1`, attraction, since).Scan(&a.TicketID, &a.Gate, &a.Visitors, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return Admission{}, ErrNotFound
	}
	if err == nil {
		a.At, err = parseTime(at)
	}
	return a, err
}

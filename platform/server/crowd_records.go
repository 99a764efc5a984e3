package server

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"jiangsupass/clock"
	"jiangsupass/crowd"
	"jiangsupass/platform"
)

// admit records an admission. When its ticket was admitted before in
// the area, it is recorded flagged, and first is the earlier one.
func (crowdRecords) admit(ctx context.Context, q querier, a admissionRow) (bool, admissionRow, error) {
	res, err := q.ExecContext(ctx, sqlAdmitFirst, a.ID, a.Attraction, a.Gate, a.Ticket, a.Visitors, stamp(a.At), a.Key)
	if err != nil {
		return false, admissionRow{}, err
	}
	if n, err := res.RowsAffected(); err != nil || n == 1 {
		return false, admissionRow{}, err
	}
	first := admissionRow{Attraction: a.Attraction, Ticket: a.Ticket}
	var at string
	err = q.QueryRowContext(ctx, sqlFirstAdmission, a.Attraction, a.Ticket).Scan(&first.ID, &first.Gate, &first.Visitors, &at, &first.Key)
	if err != nil {
		return false, admissionRow{}, fmt.Errorf("the first admission of ticket %s: %w", a.Ticket, err)
	}
	first.At = unstamp(at)
	_, err = q.ExecContext(ctx, sqlAdmitFlagged, a.ID, a.Attraction, a.Gate, a.Ticket, a.Visitors, stamp(a.At), a.Key)
	return true, first, err
}

// exit records an exit.
func (crowdRecords) exit(ctx context.Context, q querier, e exitRow) error {
	_, err := q.ExecContext(ctx, sqlExit, e.ID, e.Attraction, e.Gate, e.Visitors, stamp(e.At), e.Key)
	return err
}

// tally sums an area's records from from to to (both included):
// admitted visitors, each ticket once; those of them admitted after
// since; and visitors gone out.
func (crowdRecords) tally(ctx context.Context, q querier, attraction string, from, since, to time.Time) (tally, error) {
	var t tally
	err := q.QueryRowContext(ctx, sqlTallyAdmissions, stamp(since), attraction, stamp(from), stamp(to)).Scan(&t.Entries, &t.Recent)
	if err == nil {
		err = q.QueryRowContext(ctx, sqlTallyExits, attraction, stamp(from), stamp(to)).Scan(&t.Exits)
	}
	return t, err
}

// admissions are an area's unflagged admissions from from to to.
func (crowdRecords) admissions(ctx context.Context, q querier, attraction string, from, to time.Time) ([]crowd.Admission, error) {
	rows, err := q.QueryContext(ctx, sqlAdmissions, attraction, stamp(from), stamp(to))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []crowd.Admission
	for rows.Next() {
		var a crowd.Admission
		var at string
		if err := rows.Scan(&a.Gate, &a.Visitors, &at); err != nil {
			return nil, err
		}
		a.At = unstamp(at)
		out = append(out, a)
	}
	return out, rows.Err()
}

// doubles are an area's flagged admissions from from to to with their
// first ones, newest first, at most limit.
func (crowdRecords) doubles(ctx context.Context, q querier, attraction string, from, to time.Time, limit int) ([]platform.DoubleAdmission, error) {
	rows, err := q.QueryContext(ctx, sqlDoubles, attraction, stamp(from), stamp(to), limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []platform.DoubleAdmission{}
	for rows.Next() {
		var d platform.DoubleAdmission
		var firstAt, at string
		if err := rows.Scan(&d.TicketID, &d.FirstGate, &firstAt, &d.Gate, &at, &d.Visitors); err != nil {
			return nil, err
		}
		d.FirstAt, d.At = wireTime(unstamp(firstAt)), wireTime(unstamp(at))
		out = append(out, d)
	}
	return out, rows.Err()
}

// putToken stores an area token by the hash of its secret.
func (crowdRecords) putToken(ctx context.Context, q querier, t areaToken, hash string, at time.Time) error {
	_, err := q.ExecContext(ctx, sqlPutToken, t.ID, hash, t.Attraction, t.Gate, t.Label, stamp(at))
	return err
}

// tokenOf finds a live (unrevoked) token by the hash of its secret.
func (crowdRecords) tokenOf(ctx context.Context, q querier, hash string) (areaToken, bool, error) {
	var t areaToken
	err := q.QueryRowContext(ctx, sqlTokenOf, hash).Scan(&t.ID, &t.Attraction, &t.Gate, &t.Label)
	if errors.Is(err, sql.ErrNoRows) {
		return areaToken{}, false, nil
	}
	return t, err == nil, err
}

// revokeToken revokes a token by its ID; false when there is none.
func (crowdRecords) revokeToken(ctx context.Context, q querier, id string, at time.Time) (areaToken, bool, error) {
	var t areaToken
	err := q.QueryRowContext(ctx, sqlTokenByID, id).Scan(&t.ID, &t.Attraction, &t.Gate, &t.Label)
	if errors.Is(err, sql.ErrNoRows) {
		return areaToken{}, false, nil
	}
	if err != nil {
		return areaToken{}, false, err
	}
	_, err = q.ExecContext(ctx, sqlRevokeToken, stamp(at), id)
	return t, err == nil, err
}

// staffActions counts a principal's staff actions after since, and
// gives the oldest of them.
func (crowdRecords) staffActions(ctx context.Context, q querier, principal string, since time.Time) (int, time.Time, error) {
	var n int
	var oldest string
	err := q.QueryRowContext(ctx, sqlStaffActions, principal, stamp(since)).Scan(&n, &oldest)
	return n, unstamp(oldest), err
}

// noteStaffAction records a staff action, and forgets the principal's
// actions before forget.
func (crowdRecords) noteStaffAction(ctx context.Context, q querier, principal string, at, forget time.Time) error {
	if _, err := q.ExecContext(ctx, sqlForgetStaffActions, principal, stamp(forget)); err != nil {
		return err
	}
	_, err := q.ExecContext(ctx, sqlNoteStaffAction, principal, stamp(at))
	return err
}

// wireTime writes a time as the API does: RFC 3339 in China's zone.
func wireTime(t time.Time) string { return t.In(clock.China).Format(time.RFC3339) }

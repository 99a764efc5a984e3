package server

import "time"

// crowdRecords reads and writes the records of gates and staff:
// admissions, exits, area tokens and staff actions (crowd_records.go).
// Each method runs on the querier it is given: the database, or the
// transaction that also stores a request's idempotent answer.
type crowdRecords struct{}

// admissionRow is an admission as stored.
type admissionRow struct {
	ID, Attraction, Gate, Ticket, Key string
	Visitors                          int
	At                                time.Time
}

// exitRow is an exit as stored.
type exitRow struct {
	ID, Attraction, Gate, Key string
	Visitors                  int
	At                        time.Time
}

// tally is what crowdStore.tally sums.
type tally struct {
	Entries int // admitted visitors, each ticket once
	Recent  int // of them, those admitted after since
	Exits   int // visitors gone out
}

// areaToken is an area token as the server knows it (never its secret).
type areaToken struct {
	ID, Attraction, Gate, Label string
}

// principal is whom idempotency keys and limits are kept for: the gate
// (attraction and gate), so that a token issued again for the same gate
// keeps its keys; a staff token by its own ID.
func (t areaToken) principal() string {
	if t.Gate != "" {
		return "gate:" + t.Attraction + "/" + t.Gate
	}
	return "staff:" + t.ID
}

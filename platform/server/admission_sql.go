package server

// The SQL of admissions and exits, written once for both engines (see
// engine); their tables are migration 3. Times are stamps (stamp), which
// compare as the times do. A ticket appears once among an area's
// unflagged admissions (admissions_once_per_ticket): that unique key
// makes a second admission of it, at whichever gate and however many
// gates write at once, the flagged one.

const (
	// sqlAdmitFirst records an admission unless its ticket has an
	// unflagged one: then it changes nothing.
	sqlAdmitFirst = `INSERT INTO admissions (id, attraction_id, gate, ticket_id, visitors, at, flagged, idem_key)
		VALUES (?, ?, ?, ?, ?, ?, 0, ?) ON CONFLICT (attraction_id, ticket_id) WHERE flagged = 0 DO NOTHING`
	// sqlAdmitFlagged records an admission of a ticket admitted before.
	sqlAdmitFlagged = `INSERT INTO admissions (id, attraction_id, gate, ticket_id, visitors, at, flagged, idem_key)
		VALUES (?, ?, ?, ?, ?, ?, 1, ?)`
	// sqlFirstAdmission is a ticket's unflagged admission.
	sqlFirstAdmission = `SELECT id, gate, visitors, at, idem_key FROM admissions
		WHERE attraction_id = ? AND ticket_id = ? AND flagged = 0`
	// sqlExit records an exit.
	sqlExit = `INSERT INTO exits (id, attraction_id, gate, visitors, at, idem_key) VALUES (?, ?, ?, ?, ?, ?)`
	// sqlTallyAdmissions sums an area's unflagged admissions in a span,
	// and those of them after a time (its first argument).
	sqlTallyAdmissions = `SELECT coalesce(sum(visitors), 0), coalesce(sum(CASE WHEN at > ? THEN visitors ELSE 0 END), 0)
		FROM admissions WHERE attraction_id = ? AND flagged = 0 AND at >= ? AND at <= ?`
	// sqlTallyExits sums an area's exits in a span.
	sqlTallyExits = `SELECT coalesce(sum(visitors), 0) FROM exits WHERE attraction_id = ? AND at >= ? AND at <= ?`
	// sqlAdmissions lists an area's unflagged admissions in a span.
	sqlAdmissions = `SELECT gate, visitors, at FROM admissions
		WHERE attraction_id = ? AND flagged = 0 AND at >= ? AND at <= ? ORDER BY at`
	// sqlDoubles lists an area's flagged admissions in a span with their
	// first ones, newest first.
	sqlDoubles = `SELECT d.ticket_id, f.gate, f.at, d.gate, d.at, d.visitors FROM admissions d
		JOIN admissions f ON f.attraction_id = d.attraction_id AND f.ticket_id = d.ticket_id AND f.flagged = 0
		WHERE d.attraction_id = ? AND d.flagged = 1 AND d.at >= ? AND d.at <= ? ORDER BY d.at DESC, d.id LIMIT ?`
)

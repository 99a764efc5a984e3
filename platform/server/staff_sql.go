package server

// The SQL of area tokens and staff actions, written once for both engines
// (see engine); their tables are migration 3.

const (
	sqlPutToken  = `INSERT INTO area_tokens (id, hash, attraction_id, gate, label, created_at) VALUES (?, ?, ?, ?, ?, ?)`
	sqlTokenOf   = `SELECT id, attraction_id, gate, label FROM area_tokens WHERE hash = ? AND revoked_at IS NULL`
	sqlTokenByID = `SELECT id, attraction_id, gate, label FROM area_tokens WHERE id = ?`
	// sqlRevokeToken keeps the first revocation's time.
	sqlRevokeToken        = `UPDATE area_tokens SET revoked_at = coalesce(revoked_at, ?) WHERE id = ?`
	sqlStaffActions       = `SELECT count(*), coalesce(min(at), '') FROM staff_actions WHERE principal = ? AND at > ?`
	sqlNoteStaffAction    = `INSERT INTO staff_actions (principal, at) VALUES (?, ?)`
	sqlForgetStaffActions = `DELETE FROM staff_actions WHERE principal = ? AND at < ?`
)

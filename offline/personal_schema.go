package offline

// schemaPersonal holds the signed-in resident's data, each record sealed
// with AES-256-GCM under a key kept outside the database (see
// personal_key.go): the name of a record is its associated data, so a
// sealed record cannot be moved under another name. It also holds the
// signed trust list that verifies codes, which is public and survives a
// sign-out.
const schemaPersonal = `
CREATE TABLE personal_records (
	name       TEXT PRIMARY KEY,
	sealed     BLOB NOT NULL CHECK (length(sealed) >= 28),
	updated_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE signed_trust_list (
	id         INTEGER PRIMARY KEY CHECK (id = 1),
	seq        INTEGER NOT NULL,
	signed     BLOB NOT NULL,
	fetched_at TEXT NOT NULL
);
`

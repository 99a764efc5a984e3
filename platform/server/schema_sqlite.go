package server

// sqliteSchema is each migration in SQLite's SQL, by number from 1 (see
// migrationNames). Migration 1 is the schema as it stood when migrations
// began to be numbered; its IF NOT EXISTS lets it run over a database of
// that time once sqlite.adopt has brought it to that shape.
var sqliteSchema = []string{1: `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS changelog (
	seq        INTEGER PRIMARY KEY AUTOINCREMENT,
	collection TEXT NOT NULL,
	item_id    TEXT NOT NULL,
	op         TEXT NOT NULL CHECK (op IN ('upsert', 'delete')),
	at         TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS items (
	collection TEXT NOT NULL,
	id         TEXT NOT NULL,
	seq        INTEGER NOT NULL,
	deleted    INTEGER NOT NULL DEFAULT 0,
	body       TEXT,
	PRIMARY KEY (collection, id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS items_by_seq ON items (collection, seq);
CREATE TABLE IF NOT EXISTS idempotency (
	principal    TEXT NOT NULL,
	key          TEXT NOT NULL,
	route        TEXT NOT NULL,
	request_hash TEXT NOT NULL,
	status       INTEGER NOT NULL,
	body         BLOB NOT NULL,
	created_at   TEXT NOT NULL,
	PRIMARY KEY (principal, key)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS users (
	id    TEXT PRIMARY KEY,
	phone TEXT NOT NULL UNIQUE,
	name  TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS codes (
	phone      TEXT PRIMARY KEY,
	code       TEXT NOT NULL,
	expires_at TEXT NOT NULL,
	tries      INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS tokens (
	token      TEXT PRIMARY KEY,
	kind       TEXT NOT NULL CHECK (kind IN ('access', 'refresh')),
	user_id    TEXT NOT NULL REFERENCES users(id),
	expires_at TEXT NOT NULL,
	session    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS tokens_by_session ON tokens (session);
CREATE TABLE IF NOT EXISTS mutations (
	id         TEXT PRIMARY KEY,
	kind       TEXT NOT NULL,
	user_id    TEXT NOT NULL,
	idem_key   TEXT NOT NULL,
	body       TEXT NOT NULL,
	created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS mutations_by_user ON mutations (user_id, kind, created_at);
CREATE TABLE IF NOT EXISTS code_sends (
	phone   TEXT NOT NULL,
	sent_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS code_sends_by_phone ON code_sends (phone, sent_at);
CREATE INDEX IF NOT EXISTS code_sends_by_time ON code_sends (sent_at);
CREATE TABLE IF NOT EXISTS sign_in_streaks (
	phone        TEXT PRIMARY KEY,
	wrong        INTEGER NOT NULL, -- wrong guesses in a row
	locks        INTEGER NOT NULL, -- lock-outs of this streak
	last_wrong   TEXT NOT NULL,
	locked_until TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS ticket_holders (
	user_id       TEXT NOT NULL,
	attraction_id TEXT NOT NULL,
	date          TEXT NOT NULL,
	doc_kind      TEXT NOT NULL,
	doc_number    TEXT NOT NULL,
	order_id      TEXT NOT NULL,
	PRIMARY KEY (user_id, attraction_id, date, doc_kind, doc_number)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS ticket_holders_by_order ON ticket_holders (order_id);
CREATE TABLE IF NOT EXISTS issued_credentials (
	id         BLOB PRIMARY KEY,
	user_id    TEXT NOT NULL,
	kind       TEXT NOT NULL,
	issued_at  TEXT NOT NULL,
	expires_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS issued_credentials_by_user ON issued_credentials (user_id, kind);
CREATE TABLE IF NOT EXISTS revoked_credentials (
	id         BLOB PRIMARY KEY,
	expires_at TEXT NOT NULL,
	reason     TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS issuer_keys (
	issuer      TEXT NOT NULL,
	gen         INTEGER NOT NULL,
	valid_from  INTEGER NOT NULL,
	valid_until INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (issuer, gen)
);
CREATE TABLE IF NOT EXISTS check_ins (
	hall_id    TEXT NOT NULL,
	day        TEXT NOT NULL,
	holder     TEXT NOT NULL, -- the user's id, or the credential's for a resident of another province
	number     TEXT NOT NULL,
	body       TEXT NOT NULL, -- the CheckIn as answered
	PRIMARY KEY (hall_id, day, holder),
	UNIQUE (hall_id, day, number)
);
`, 2: `
CREATE TABLE address_limits (
	bucket  TEXT NOT NULL, -- which limit: sign-in requests, or codes sent
	address TEXT NOT NULL, -- see clientAddress
	tokens  REAL NOT NULL, -- tries left as of at
	at      TEXT NOT NULL,
	full_at TEXT NOT NULL, -- when the bucket is full again, and its row may go
	PRIMARY KEY (bucket, address)
) WITHOUT ROWID;
CREATE INDEX address_limits_by_full ON address_limits (full_at);
CREATE INDEX mutations_by_hall_slot ON mutations (kind, json_extract(body, '$.hall_id'), json_extract(body, '$.date'),
	json_extract(body, '$.time'));
`, 3: `
CREATE TABLE admissions (
	id            TEXT PRIMARY KEY,
	attraction_id TEXT NOT NULL,
	gate          TEXT NOT NULL,
	ticket_id     TEXT NOT NULL,
	visitors      INTEGER NOT NULL CHECK (visitors > 0),
	at            TEXT NOT NULL,
	flagged       INTEGER NOT NULL DEFAULT 0 CHECK (flagged IN (0, 1)), -- the ticket was admitted before
	idem_key      TEXT NOT NULL,
	UNIQUE (attraction_id, gate, idem_key)
);
CREATE UNIQUE INDEX admissions_once_per_ticket ON admissions (attraction_id, ticket_id) WHERE flagged = 0;
CREATE INDEX admissions_by_time ON admissions (attraction_id, at);
CREATE TABLE exits (
	id            TEXT PRIMARY KEY,
	attraction_id TEXT NOT NULL,
	gate          TEXT NOT NULL,
	visitors      INTEGER NOT NULL CHECK (visitors > 0),
	at            TEXT NOT NULL,
	idem_key      TEXT NOT NULL,
	UNIQUE (attraction_id, gate, idem_key)
);
CREATE INDEX exits_by_time ON exits (attraction_id, at);
CREATE TABLE area_tokens (
	id            TEXT PRIMARY KEY,
	hash          TEXT NOT NULL UNIQUE, -- SHA-256 of the secret; the secret is kept nowhere
	attraction_id TEXT NOT NULL,
	gate          TEXT NOT NULL DEFAULT '', -- '' for a staff token
	label         TEXT NOT NULL DEFAULT '',
	created_at    TEXT NOT NULL,
	revoked_at    TEXT
);
CREATE TABLE staff_actions (
	principal TEXT NOT NULL,
	at        TEXT NOT NULL
);
CREATE INDEX staff_actions_by_principal ON staff_actions (principal, at);
`}

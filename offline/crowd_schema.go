package offline

// schemaCrowd adds 一图览文旅 and the gate role: the crowd_levels
// collection (how busy each scenic area was when the platform last said),
// whether a ticket slot's sales are paused, and a gate's own record of
// the tickets it admitted and the exits it counted. Each admission and
// exit is also a request in the outbox, written in the same transaction;
// the gate's tables outlive the request, so that a ticket this gate
// admitted is refused again however long ago it was sent.
const schemaCrowd = `
CREATE TABLE crowd_levels (
	id                 TEXT PRIMARY KEY,
	level              TEXT NOT NULL,
	percent            INTEGER NOT NULL CHECK (percent >= 0),
	in_park            INTEGER NOT NULL CHECK (in_park >= 0),
	entries_today      INTEGER NOT NULL CHECK (entries_today >= 0),
	capacity_instant   INTEGER NOT NULL CHECK (capacity_instant > 0),
	capacity_daily     INTEGER NOT NULL CHECK (capacity_daily > 0),
	capacity_generated INTEGER NOT NULL,
	capacity_source    TEXT NOT NULL,
	estimated          INTEGER NOT NULL,
	dwell_minutes      INTEGER NOT NULL CHECK (dwell_minutes >= 0),
	as_of              TEXT NOT NULL
);
ALTER TABLE ticket_slots ADD COLUMN paused INTEGER NOT NULL DEFAULT 0;
CREATE TABLE gate_admissions (
	attraction_id TEXT NOT NULL,
	ticket_id     TEXT NOT NULL,
	gate          TEXT NOT NULL,
	visitors      INTEGER NOT NULL CHECK (visitors > 0),
	at            TEXT NOT NULL,
	outbox_id     INTEGER NOT NULL,
	PRIMARY KEY (attraction_id, ticket_id)
) WITHOUT ROWID;
CREATE INDEX gate_admissions_by_time ON gate_admissions (attraction_id, at);
CREATE TABLE gate_exits (
	id            INTEGER PRIMARY KEY,
	attraction_id TEXT NOT NULL,
	gate          TEXT NOT NULL,
	visitors      INTEGER NOT NULL CHECK (visitors > 0),
	at            TEXT NOT NULL,
	outbox_id     INTEGER NOT NULL
);
CREATE INDEX gate_exits_by_time ON gate_exits (attraction_id, at);
`

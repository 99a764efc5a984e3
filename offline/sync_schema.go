package offline

// schemaSync adds what syncing from the platform needs: a cursor per
// collection, the outbox of the user's requests with the synced rows each
// one changed locally, the rows a pull had to leave alone, and replica
// tables for the collections the seed does not have.
const schemaSync = `
CREATE TABLE sync_cursors (
	collection TEXT PRIMARY KEY,
	cursor     INTEGER NOT NULL CHECK (cursor >= 0),
	updated_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE sync_deferred (
	collection TEXT NOT NULL,
	item_id    TEXT NOT NULL,
	PRIMARY KEY (collection, item_id)
) WITHOUT ROWID;
CREATE TABLE outbox (
	id              INTEGER PRIMARY KEY AUTOINCREMENT,
	kind            TEXT NOT NULL,
	idem_key        TEXT NOT NULL UNIQUE,
	body            TEXT NOT NULL CHECK (json_valid(body)),
	state           TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed', 'dismissed')),
	attempts        INTEGER NOT NULL DEFAULT 0,
	next_attempt_at TEXT NOT NULL,
	last_error      TEXT NOT NULL DEFAULT '',
	error_code      TEXT NOT NULL DEFAULT '',
	result          TEXT,
	created_at      TEXT NOT NULL,
	done_at         TEXT
);
CREATE INDEX outbox_by_state ON outbox (state, kind, id);
CREATE TABLE outbox_rows (
	outbox_id  INTEGER NOT NULL REFERENCES outbox(id) ON DELETE CASCADE,
	collection TEXT NOT NULL,
	item_id    TEXT NOT NULL,
	PRIMARY KEY (collection, item_id, outbox_id)
) WITHOUT ROWID;
CREATE INDEX outbox_rows_by_item ON outbox_rows (outbox_id);
CREATE TABLE orders (
	local_id   INTEGER PRIMARY KEY,
	outbox_id  INTEGER NOT NULL REFERENCES outbox(id),
	slot_id    TEXT NOT NULL,
	product_id TEXT NOT NULL,
	quantity   INTEGER NOT NULL CHECK (quantity > 0),
	status     TEXT NOT NULL CHECK (status IN ('pending', 'confirmed', 'rejected')),
	server_id  TEXT NOT NULL DEFAULT '',
	message    TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL
);
CREATE TABLE pois (
	id        TEXT PRIMARY KEY,
	kind      TEXT NOT NULL,
	name      TEXT NOT NULL,
	name_i18n TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(name_i18n)),
	city_code TEXT NOT NULL DEFAULT '',
	lon       REAL NOT NULL,
	lat       REAL NOT NULL,
	source    TEXT NOT NULL
);
CREATE TABLE ticket_products (
	id            TEXT PRIMARY KEY,
	attraction_id TEXT NOT NULL,
	kind          TEXT NOT NULL,
	name_i18n     TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(name_i18n)),
	price_cents   INTEGER NOT NULL CHECK (price_cents >= 0),
	currency      TEXT NOT NULL,
	generated     INTEGER NOT NULL,
	source        TEXT NOT NULL
);
CREATE INDEX ticket_products_by_attraction ON ticket_products (attraction_id, kind);
CREATE TABLE ticket_slots (
	id            TEXT PRIMARY KEY,
	attraction_id TEXT NOT NULL,
	date          TEXT NOT NULL,
	start_time    TEXT NOT NULL,
	end_time      TEXT NOT NULL,
	quota         INTEGER NOT NULL CHECK (quota >= 0),
	remaining     INTEGER NOT NULL,
	generated     INTEGER NOT NULL
);
CREATE INDEX ticket_slots_by_attraction ON ticket_slots (attraction_id, date, start_time);
CREATE TABLE transit_feeds (
	id      TEXT PRIMARY KEY,
	name    TEXT NOT NULL,
	agency  TEXT NOT NULL,
	format  TEXT NOT NULL,
	version TEXT NOT NULL,
	source  TEXT NOT NULL
);
CREATE TABLE service_halls (
	id            TEXT PRIMARY KEY,
	name          TEXT NOT NULL,
	division_code TEXT NOT NULL,
	level         TEXT NOT NULL,
	address       TEXT NOT NULL,
	hours         TEXT NOT NULL,
	lon           REAL,
	lat           REAL,
	generated     INTEGER NOT NULL,
	source        TEXT NOT NULL,
	CHECK ((lon IS NULL) = (lat IS NULL))
);
CREATE INDEX service_halls_by_division ON service_halls (division_code);
CREATE TABLE trust_lists (
	id         TEXT PRIMARY KEY,
	issuer     TEXT NOT NULL,
	region     TEXT NOT NULL,
	kid        TEXT NOT NULL,
	alg        TEXT NOT NULL,
	public_key TEXT NOT NULL,
	not_before TEXT NOT NULL,
	not_after  TEXT NOT NULL,
	status     TEXT NOT NULL
);
ALTER TABLE service_items ADD COLUMN division_code TEXT NOT NULL DEFAULT '';
`

// schemaNoTransitFeeds drops the transit-feed collection that earlier
// builds synced: a list of feeds by name and version that nothing read.
// The planner's feeds are the GTFS files in the feeds folder and the
// metro lines and stations; About names their sources and licences.
const schemaNoTransitFeeds = `
DROP TABLE transit_feeds;
DELETE FROM sync_cursors WHERE collection = 'transit_feeds';
DELETE FROM sync_deferred WHERE collection = 'transit_feeds';
DELETE FROM meta WHERE key = 'sync_epoch:transit_feeds';
`

package offline

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// A migration moves the schema from version-1 to version. Each runs once,
// in its own transaction, together with its record in schema_migrations
// and the new PRAGMA user_version, so a crash leaves the database at the
// old version or the new one, never between.
type migration struct {
	version int
	name    string
	up      func(ctx context.Context, tx *sql.Tx) error
}

// migrations is the schema's history, oldest first. Append only: a released
// migration is never edited, since databases in the field have run it.
var migrations = []migration{
	{1, "divisions, townships, 5A attractions, map layers, meta", migrateV1},
	{2, "metro lines and stations, rail and air hubs", execSQL(schemaV2)},
	{3, "settings, government service items, translated names and descriptions", execSQL(schemaV3)},
	{4, "sync cursors, outbox, orders; POIs, tickets, transit feeds, service halls, trust lists", execSQL(schemaSync)},
	{5, "favourites", execSQL(schemaFavourites)},
	{6, "personal records sealed with AES-GCM, the signed trust list of codes", execSQL(schemaPersonal)},
	{7, "search index, hall appointments, 12345 feedback", execSQL(schemaSearch)},
	{8, "ticket orders: slot, masked visitors, e-ticket, refund", execSQL(schemaTickets)},
	{9, "personal requests sealed in the outbox; answered requests keep no body", execSQL(schemaOutboxSeal)},
	{10, "no unsigned trust-list collection: codes are checked against the signed trust list only", execSQL(schemaNoTrustCollection)},
	{11, "requests bound to the server and the resident they were made for; 12345 feedback sealed", migrateOutboxOrigin},
	{12, "hall appointments can be cancelled, or withdrawn before they are sent", execSQL(schemaAppointmentCancel)},
	{13, "no transit-feed collection: nothing read it; the planner's feeds are the files in the feeds folder", execSQL(schemaNoTransitFeeds)},
	{14, "crowd levels of scenic areas, paused ticket slots, a gate's admissions and exits", execSQL(schemaCrowd)},
}

// LatestSchemaVersion is the schema version this build of the app creates
// and understands; a database with a higher version was written by a newer
// build.
func LatestSchemaVersion() int { return len(migrations) }

// schemaV1 is the first schema: the administrative divisions, the 5A
// scenic areas and the basemap layers, plus the bookkeeping tables.
const schemaV1 = `
CREATE TABLE schema_migrations (
	version    INTEGER PRIMARY KEY,
	name       TEXT NOT NULL,
	applied_at TEXT NOT NULL
);
CREATE TABLE meta (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE divisions (
	code        TEXT PRIMARY KEY,
	parent_code TEXT REFERENCES divisions(code) DEFERRABLE INITIALLY DEFERRED,
	level       TEXT NOT NULL CHECK (level IN ('province', 'prefecture', 'county')),
	kind        TEXT NOT NULL,
	name        TEXT NOT NULL,
	in_gb2260   INTEGER NOT NULL,
	source      TEXT NOT NULL
);
CREATE INDEX divisions_by_parent ON divisions(parent_code, code);
CREATE TABLE townships (
	code        TEXT PRIMARY KEY,
	name        TEXT NOT NULL,
	county_code TEXT NOT NULL REFERENCES divisions(code) DEFERRABLE INITIALLY DEFERRED,
	city_code   TEXT NOT NULL,
	source      TEXT NOT NULL
);
CREATE INDEX townships_by_county ON townships(county_code, code);
CREATE TABLE attractions (
	id          TEXT PRIMARY KEY,
	name        TEXT NOT NULL,
	grade       TEXT NOT NULL,
	year_rated  INTEGER,
	city_code   TEXT NOT NULL,
	county_code TEXT NOT NULL,
	address     TEXT NOT NULL,
	lon         REAL,
	lat         REAL,
	source      TEXT NOT NULL,
	CHECK ((lon IS NULL) = (lat IS NULL))
);
CREATE INDEX attractions_by_city ON attractions(city_code);
CREATE TABLE layers (
	name    TEXT PRIMARY KEY,
	file    TEXT NOT NULL,
	geojson BLOB NOT NULL,
	source  TEXT NOT NULL
);
`

// schemaV2 adds urban rail: lines with their ordered stops, stations, and
// the railway stations and airports that a metro line serves.
const schemaV2 = `
CREATE TABLE stations (
	id        TEXT PRIMARY KEY,
	seq       INTEGER NOT NULL,
	city      TEXT NOT NULL,
	city_code TEXT NOT NULL,
	name      TEXT NOT NULL,
	pinyin    TEXT NOT NULL,
	lines     TEXT NOT NULL CHECK (json_valid(lines)),
	lon       REAL NOT NULL,
	lat       REAL NOT NULL,
	source    TEXT NOT NULL
);
CREATE INDEX stations_by_city ON stations(city_code, seq);
CREATE TABLE metro_lines (
	id        TEXT PRIMARY KEY,
	seq       INTEGER NOT NULL,
	city      TEXT NOT NULL,
	city_code TEXT NOT NULL,
	name      TEXT NOT NULL,
	color     TEXT NOT NULL,
	source    TEXT NOT NULL
);
CREATE INDEX metro_lines_by_city ON metro_lines(city_code, seq);
CREATE TABLE metro_line_stops (
	line_id    TEXT NOT NULL REFERENCES metro_lines(id) ON DELETE CASCADE,
	position   INTEGER NOT NULL,
	station_id TEXT NOT NULL REFERENCES stations(id),
	PRIMARY KEY (line_id, position)
) WITHOUT ROWID;
CREATE INDEX metro_line_stops_by_station ON metro_line_stops(station_id);
CREATE TABLE hubs (
	name          TEXT PRIMARY KEY,
	seq           INTEGER NOT NULL,
	type          TEXT NOT NULL CHECK (type IN ('rail', 'air')),
	city          TEXT NOT NULL,
	city_code     TEXT NOT NULL,
	metro_station TEXT NOT NULL,
	station_id    TEXT REFERENCES stations(id),
	lines         TEXT NOT NULL CHECK (json_valid(lines)),
	lon           REAL NOT NULL,
	lat           REAL NOT NULL,
	note          TEXT NOT NULL,
	source        TEXT NOT NULL
);
`

// schemaV3 adds the user's settings and the government service items, and
// gives attractions and divisions their translations: the existing Chinese
// names are carried into the new JSON columns.
const schemaV3 = `
CREATE TABLE settings (
	key        TEXT PRIMARY KEY,
	value      TEXT NOT NULL,
	updated_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE service_items (
	id             INTEGER PRIMARY KEY,
	audience       TEXT NOT NULL,
	theme          TEXT NOT NULL,
	name           TEXT NOT NULL,
	department     TEXT NOT NULL,
	handling_level TEXT NOT NULL,
	notes          TEXT NOT NULL,
	generated      INTEGER NOT NULL DEFAULT 0,
	source         TEXT NOT NULL
);
CREATE INDEX service_items_by_audience_theme ON service_items(audience, theme, id);
ALTER TABLE attractions ADD COLUMN category TEXT NOT NULL DEFAULT 'scenic_area';
ALTER TABLE attractions ADD COLUMN name_i18n TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(name_i18n));
ALTER TABLE attractions ADD COLUMN description_i18n TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(description_i18n));
ALTER TABLE divisions ADD COLUMN name_i18n TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(name_i18n));
UPDATE attractions SET name_i18n = json_object('zh-Hans', name);
UPDATE divisions SET name_i18n = json_object('zh-Hans', name);
`

// migrateV1 creates the first schema and marks the file as ours.
func migrateV1(ctx context.Context, tx *sql.Tx) error {
	if err := execSQL(schemaV1)(ctx, tx); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d", ApplicationID))
	return err
}

// execSQL makes a migration from SQL statements run in one Exec.
func execSQL(statements string) func(context.Context, *sql.Tx) error {
	return func(ctx context.Context, tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, statements)
		return err
	}
}

// migrate applies, in order, the migrations after the database's current
// version up to and including target.
func migrate(ctx context.Context, db *sql.DB, target int, now func() time.Time) error {
	current, err := userVersion(ctx, db)
	if err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if current > len(migrations) {
		return fmt.Errorf("schema version %d is newer than this app knows (%d)", current, len(migrations))
	}
	for _, m := range migrations[current:target] {
		if err := applyMigration(ctx, db, m, now); err != nil {
			return err
		}
	}
	return nil
}

// applyMigration runs one migration in its own transaction. The
// transaction takes the write lock as it begins, so when two processes open
// the store at once the second sees the first's work and skips it.
func applyMigration(ctx context.Context, db *sql.DB, m migration, now func() time.Time) (err error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("migration %d: %w", m.version, err)
	}
	defer func() {
		if err != nil {
			_ = tx.Rollback()
		}
	}()
	var current int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&current); err != nil {
		return fmt.Errorf("migration %d: %w", m.version, err)
	}
	if current >= m.version {
		return tx.Rollback() // another process got here first
	}
	if current != m.version-1 {
		return fmt.Errorf("migration %d: database is at version %d", m.version, current)
	}
	if err := m.up(ctx, tx); err != nil {
		return fmt.Errorf("migration %d (%s): %w", m.version, m.name, err)
	}
	if _, err := tx.ExecContext(ctx,
		"INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)",
		m.version, m.name, formatTime(now())); err != nil {
		return fmt.Errorf("migration %d: record: %w", m.version, err)
	}
	// PRAGMA takes no bound parameters; the version is an int.
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", m.version)); err != nil {
		return fmt.Errorf("migration %d: set version: %w", m.version, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("migration %d: commit: %w", m.version, err)
	}
	return nil
}

// userVersion reads PRAGMA user_version, the number of migrations applied.
func userVersion(ctx context.Context, db *sql.DB) (int, error) {
	var v int
	err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v)
	return v, err
}

// formatTime is how the store writes times: UTC, RFC 3339 with nanoseconds.
func formatTime(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// parseTime reads a time written by formatTime; "" is the zero time.
func parseTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	return time.Parse(time.RFC3339Nano, s)
}

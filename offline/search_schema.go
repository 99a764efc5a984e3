package offline

// schemaSearch adds the offline search index, the resident's hall
// appointments and 12345 feedback.
//
// search_docs holds one row per thing that can be found (an attraction, a
// station, a hub, a city or county, a service hall, a service item), with
// its title and the IDs of its parts; search_parts holds each distinct
// part of a name or description once, with the keys it is matched by, and
// search_part_fts indexes the parts' terms (search_docs.go). search_doc_fts
// indexes the docs by their parts' IDs ("p12"). A doc's rowid orders a
// kind's docs by rank, so that the index returns the best-ranked first.
// A part's kinds is a bit set of the kinds whose docs use it.
// Triggers on the source tables list what changed in search_pending; the
// next search brings the index up to date. (The triggers test for the row
// rather than INSERT OR IGNORE: an outer upsert's conflict handling would
// override theirs.) The row ('*', '*') asks for a
// full build.
//
// appointments and feedback are the local side of requests in the outbox:
// their status is read from the outbox row (pending, sent with the
// platform's answer, or failed with its reason).
const schemaSearch = `
CREATE TABLE search_docs (
	rowid     INTEGER PRIMARY KEY,
	kind      TEXT NOT NULL,
	ref       TEXT NOT NULL,
	rank      INTEGER NOT NULL,
	title     TEXT NOT NULL CHECK (json_valid(title)),
	detail    TEXT NOT NULL CHECK (json_valid(detail)),
	parts     TEXT NOT NULL,
	lon       REAL,
	lat       REAL,
	generated INTEGER NOT NULL DEFAULT 0,
	UNIQUE (kind, ref)
);
CREATE TABLE search_parts (
	id    INTEGER PRIMARY KEY,
	tag   TEXT NOT NULL CHECK (tag IN ('n', 'b')),
	text  TEXT NOT NULL,
	keys  TEXT NOT NULL,
	kinds INTEGER NOT NULL DEFAULT 0,
	UNIQUE (tag, text)
);
CREATE VIRTUAL TABLE search_part_fts USING fts5(terms, content='', contentless_delete=1, detail=none,
	prefix='1 2 3', tokenize='unicode61 remove_diacritics 0');
CREATE VIRTUAL TABLE search_doc_fts USING fts5(parts, content='', contentless_delete=1, detail=none,
	tokenize='unicode61 remove_diacritics 0');
CREATE TABLE search_pending (
	kind TEXT NOT NULL,
	ref  TEXT NOT NULL,
	PRIMARY KEY (kind, ref)
) WITHOUT ROWID;
INSERT INTO search_pending (kind, ref) VALUES ('*', '*');
CREATE TRIGGER search_attractions_insert AFTER INSERT ON attractions BEGIN
	INSERT INTO search_pending (kind, ref) SELECT 'attraction', CAST(NEW.id AS TEXT)
		WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE kind = 'attraction' AND ref = CAST(NEW.id AS TEXT));
END;
CREATE TRIGGER search_attractions_update AFTER UPDATE ON attractions BEGIN
	INSERT INTO search_pending (kind, ref) SELECT 'attraction', CAST(NEW.id AS TEXT)
		WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE kind = 'attraction' AND ref = CAST(NEW.id AS TEXT));
END;
CREATE TRIGGER search_attractions_delete AFTER DELETE ON attractions BEGIN
	INSERT INTO search_pending (kind, ref) SELECT 'attraction', CAST(OLD.id AS TEXT)
		WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE kind = 'attraction' AND ref = CAST(OLD.id AS TEXT));
END;
CREATE TRIGGER search_stations_insert AFTER INSERT ON stations BEGIN
	INSERT INTO search_pending (kind, ref) SELECT 'station', CAST(NEW.id AS TEXT)
		WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE kind = 'station' AND ref = CAST(NEW.id AS TEXT));
END;
CREATE TRIGGER search_stations_update AFTER UPDATE ON stations BEGIN
	INSERT INTO search_pending (kind, ref) SELECT 'station', CAST(NEW.id AS TEXT)
		WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE kind = 'station' AND ref = CAST(NEW.id AS TEXT));
END;
CREATE TRIGGER search_stations_delete AFTER DELETE ON stations BEGIN
	INSERT INTO search_pending (kind, ref) SELECT 'station', CAST(OLD.id AS TEXT)
		WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE kind = 'station' AND ref = CAST(OLD.id AS TEXT));
END;
CREATE TRIGGER search_hubs_insert AFTER INSERT ON hubs BEGIN
	INSERT INTO search_pending (kind, ref) SELECT 'hub', CAST(NEW.name AS TEXT)
		WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE kind = 'hub' AND ref = CAST(NEW.name AS TEXT));
END;
CREATE TRIGGER search_hubs_update AFTER UPDATE ON hubs BEGIN
	INSERT INTO search_pending (kind, ref) SELECT 'hub', CAST(NEW.name AS TEXT)
		WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE kind = 'hub' AND ref = CAST(NEW.name AS TEXT));
END;
CREATE TRIGGER search_hubs_delete AFTER DELETE ON hubs BEGIN
	INSERT INTO search_pending (kind, ref) SELECT 'hub', CAST(OLD.name AS TEXT)
		WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE kind = 'hub' AND ref = CAST(OLD.name AS TEXT));
END;
CREATE TRIGGER search_divisions_insert AFTER INSERT ON divisions BEGIN
	INSERT INTO search_pending (kind, ref) SELECT 'place', CAST(NEW.code AS TEXT)
		WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE kind = 'place' AND ref = CAST(NEW.code AS TEXT));
END;
CREATE TRIGGER search_divisions_update AFTER UPDATE ON divisions BEGIN
	INSERT INTO search_pending (kind, ref) SELECT 'place', CAST(NEW.code AS TEXT)
		WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE kind = 'place' AND ref = CAST(NEW.code AS TEXT));
END;
CREATE TRIGGER search_divisions_delete AFTER DELETE ON divisions BEGIN
	INSERT INTO search_pending (kind, ref) SELECT 'place', CAST(OLD.code AS TEXT)
		WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE kind = 'place' AND ref = CAST(OLD.code AS TEXT));
END;
CREATE TRIGGER search_service_halls_insert AFTER INSERT ON service_halls BEGIN
	INSERT INTO search_pending (kind, ref) SELECT 'hall', CAST(NEW.id AS TEXT)
		WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE kind = 'hall' AND ref = CAST(NEW.id AS TEXT));
END;
CREATE TRIGGER search_service_halls_update AFTER UPDATE ON service_halls BEGIN
	INSERT INTO search_pending (kind, ref) SELECT 'hall', CAST(NEW.id AS TEXT)
		WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE kind = 'hall' AND ref = CAST(NEW.id AS TEXT));
END;
CREATE TRIGGER search_service_halls_delete AFTER DELETE ON service_halls BEGIN
	INSERT INTO search_pending (kind, ref) SELECT 'hall', CAST(OLD.id AS TEXT)
		WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE kind = 'hall' AND ref = CAST(OLD.id AS TEXT));
END;
CREATE TRIGGER search_service_items_insert AFTER INSERT ON service_items BEGIN
	INSERT INTO search_pending (kind, ref) SELECT 'service', CAST(NEW.id AS TEXT)
		WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE kind = 'service' AND ref = CAST(NEW.id AS TEXT));
END;
CREATE TRIGGER search_service_items_update AFTER UPDATE ON service_items BEGIN
	INSERT INTO search_pending (kind, ref) SELECT 'service', CAST(NEW.id AS TEXT)
		WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE kind = 'service' AND ref = CAST(NEW.id AS TEXT));
END;
CREATE TRIGGER search_service_items_delete AFTER DELETE ON service_items BEGIN
	INSERT INTO search_pending (kind, ref) SELECT 'service', CAST(OLD.id AS TEXT)
		WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE kind = 'service' AND ref = CAST(OLD.id AS TEXT));
END;
CREATE TABLE appointments (
	local_id   INTEGER PRIMARY KEY,
	outbox_id  INTEGER NOT NULL UNIQUE REFERENCES outbox(id),
	hall_id    TEXT NOT NULL,
	item_id    INTEGER NOT NULL,
	date       TEXT NOT NULL,
	time       TEXT NOT NULL,
	created_at TEXT NOT NULL
);
CREATE TABLE feedback (
	local_id   INTEGER PRIMARY KEY,
	outbox_id  INTEGER NOT NULL UNIQUE REFERENCES outbox(id),
	category   TEXT NOT NULL,
	body       TEXT NOT NULL,
	contact    TEXT NOT NULL,
	created_at TEXT NOT NULL
);
`

package offline

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestMigrateFromEachVersion builds a database at each earlier schema
// version by applying only the first k migrations, puts in a row of the
// kind that version holds, and checks that Open brings it to the latest
// version with the row intact (and the seed imported around it).
func TestMigrateFromEachVersion(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		from   int
		insert string
		check  func(t *testing.T, s *Store)
	}{
		{from: 0}, // an empty SQLite database
		{
			from: 1,
			insert: `INSERT INTO attractions (id, name, grade, year_rated, city_code, county_code, address, lon, lat, source)
				VALUES ('local-1', '玄武湖', '4A', 2001, '320100', '320102', '南京市玄武区玄武巷1号', 118.79, 32.07, 'test row at v1');
				INSERT INTO meta (key, value) VALUES ('note', 'kept');`,
			check: func(t *testing.T, s *Store) {
				a, err := s.Attraction(ctx, "local-1")
				if err != nil {
					t.Fatal(err)
				}
				// Migration 3 carried the Chinese name into the translations.
				if a.Name.In(LangEn) != "玄武湖" || a.Category != "scenic_area" || a.Grade != "4A" ||
					!a.HasPoint || a.YearRated != 2001 || a.Source != "test row at v1" {
					t.Errorf("row from v1 = %+v", a)
				}
				if v, _, _ := getMeta(ctx, s.db, "note"); v != "kept" {
					t.Errorf("meta note = %q", v)
				}
			},
		},
		{
			from: 2,
			insert: `INSERT INTO stations (id, seq, city, city_code, name, pinyin, lines, lon, lat, source)
				VALUES ('nj-test', 9999, '南京', '320100', '测试站', 'ceshizhan', '["1号线"]', 118.7, 32.0, 'test row at v2')`,
			check: func(t *testing.T, s *Store) {
				sts, err := s.Stations(ctx, "320100")
				if err != nil {
					t.Fatal(err)
				}
				last := sts[len(sts)-1]
				if last.ID != "nj-test" || last.Name != "测试站" || len(last.Lines) != 1 || last.Source != "test row at v2" {
					t.Errorf("row from v2 = %+v", last)
				}
			},
		},
		{
			from: 3,
			insert: `INSERT INTO settings (key, value, updated_at) VALUES ('language', 'ja', '2026-01-01T00:00:00Z');
				INSERT INTO service_items (id, audience, theme, name, department, handling_level, notes, generated, source)
				VALUES (100001, '个人', '测试', '测试事项', '测试厅', '市级', '', 1, 'test row at v3')`,
			check: func(t *testing.T, s *Store) {
				if v, ok, err := s.Setting(ctx, "language"); v != "ja" || !ok || err != nil {
					t.Errorf("setting from v3 = %q, %v, %v", v, ok, err)
				}
				items, err := s.ServiceItems(ctx, ServiceFilter{Theme: "测试"})
				if err != nil || len(items) != 1 || !items[0].Generated {
					t.Errorf("service item from v3 = %+v, %v", items, err)
				}
			},
		},
		{
			from: 4,
			insert: `INSERT INTO sync_cursors (collection, cursor, updated_at) VALUES ('pois', 42, '2026-01-01T00:00:00Z');
				INSERT INTO outbox (kind, idem_key, body, next_attempt_at, created_at)
				VALUES ('feedback', 'key-at-v4', '{"category":"c","text":"t"}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`,
			check: func(t *testing.T, s *Store) {
				if c, err := s.Cursor(ctx, "pois"); c != 42 || err != nil {
					t.Errorf("cursor from v4 = %d, %v", c, err)
				}
				if items, err := s.Outbox(ctx, OutboxPending); len(items) != 1 || items[0].Key != "key-at-v4" || err != nil {
					t.Errorf("outbox from v4 = %+v, %v", items, err)
				}
			},
		},
		{
			from:   5,
			insert: `INSERT INTO favourites (kind, id, added_at) VALUES ('attraction', '5a-003', '2026-01-01T00:00:00Z')`,
			check: func(t *testing.T, s *Store) {
				if on, err := s.IsFavourite(ctx, FavouriteAttraction, "5a-003"); !on || err != nil {
					t.Errorf("favourite from v5 = %v, %v", on, err)
				}
			},
		},
		{
			from:   6,
			insert: `INSERT INTO signed_trust_list (id, seq, signed, fetched_at) VALUES (1, 7, x'd2', '2026-01-01T00:00:00Z')`,
			check: func(t *testing.T, s *Store) {
				if seq, b, err := s.SignedTrustList(ctx); seq != 7 || len(b) != 1 || err != nil {
					t.Errorf("trust list from v6 = %d, %x, %v", seq, b, err)
				}
			},
		},
		{
			from: 7,
			insert: `INSERT INTO outbox (id, kind, idem_key, body, next_attempt_at, created_at)
				VALUES (9, 'feedback', 'key-at-v7', '{"category":"c","text":"t"}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
				INSERT INTO feedback (outbox_id, category, body, contact, created_at) VALUES (9, 'c', 't', '', '2026-01-01T00:00:00Z')`,
			check: func(t *testing.T, s *Store) {
				if f, err := s.FeedbackSent(ctx); len(f) != 1 || f[0].Status != RequestPending || err != nil {
					t.Errorf("feedback from v7 = %+v, %v", f, err)
				}
			},
		},
		{
			from: 8,
			insert: `INSERT INTO outbox (id, kind, idem_key, body, next_attempt_at, created_at)
				VALUES (3, 'orders', 'key-at-v8', '{"slot_id":"s"}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
				INSERT INTO orders (local_id, outbox_id, slot_id, product_id, quantity, status, created_at)
				VALUES (5, 3, 's', 'p', 1, 'pending', '2026-01-01T00:00:00Z');
				INSERT INTO ticket_orders (local_id, attraction_id, date, start_time, end_time) VALUES (5, '5a-001', '2026-01-02', '09:00', '11:00');
				INSERT INTO outbox (id, kind, idem_key, body, state, next_attempt_at, created_at)
				VALUES (6, 'feedback', 'key-answered', '{"text":"电话13800000000"}', 'sent', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`,
			check: func(t *testing.T, s *Store) {
				if o, err := s.TicketOrder(ctx, 5); o.Date != "2026-01-02" || o.Status != "pending" || err != nil {
					t.Errorf("ticket order from v8 = %+v, %v", o, err)
				}
				// Migration 9: the order waiting in clear still goes out as it
				// was; the answered feedback keeps no body.
				items, err := s.Outbox(ctx, "")
				if err != nil || len(items) != 2 || string(items[0].Body) != `{"slot_id":"s"}` || items[0].Key != "key-at-v8" ||
					items[0].Unreadable || string(items[1].Body) != "{}" {
					t.Errorf("outbox from v8 = %+v, %v", items, err)
				}
			},
		},
		{
			// A sealed request whose key is not on this device reads as
			// unreadable, not as an error that stops the outbox.
			from: 9,
			insert: `INSERT INTO sync_cursors (collection, cursor, updated_at) VALUES ('trust_lists', 4, '2026-01-01T00:00:00Z');
				INSERT INTO trust_lists (id, issuer, region, kid, alg, public_key, not_before, not_after, status)
				VALUES ('js-2026', '江苏', '320000', '0011223344556677', 'ES256', 'AA==', '', '', 'active');
				INSERT INTO outbox (id, kind, idem_key, body, sealed, next_attempt_at, created_at)
				VALUES (4, 'card_loss', 'key-at-v9', '{}', x'00112233445566778899aabbccddeeff00112233445566778899', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`,
			check: func(t *testing.T, s *Store) {
				items, err := s.Outbox(ctx, OutboxPending)
				if err != nil || len(items) != 1 || !items[0].Unreadable || items[0].Body != nil {
					t.Errorf("sealed request from v9 = %+v, %v", items, err)
				}
				// Migration 10 dropped the unsigned trust-list collection.
				if c, err := s.Cursor(ctx, "trust_lists"); c != 0 || err != nil {
					t.Errorf("trust-list cursor after migration 10 = %d, %v", c, err)
				}
			},
		},
		{
			from: 10,
			insert: `INSERT INTO outbox (id, kind, idem_key, body, next_attempt_at, created_at)
				VALUES (7, 'feedback', 'key-waiting', '{"category":"other","text":"路灯坏了","contact":"13912345678"}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
				INSERT INTO feedback (outbox_id, category, body, contact, created_at) VALUES (7, 'other', '路灯坏了', '13912345678', '2026-01-01T00:00:00Z');
				INSERT INTO outbox (id, kind, idem_key, body, state, result, next_attempt_at, created_at)
				VALUES (8, 'feedback', 'key-answered', '{}', 'sent', '{"id":"f-9"}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
				INSERT INTO feedback (outbox_id, category, body, contact, created_at) VALUES (8, 'other', '井盖丢了', '13812345678', '2026-01-01T00:00:00Z');
				INSERT INTO settings (key, value, updated_at) VALUES ('api_url', 'http://127.0.0.1:8787/', '2026-01-01T00:00:00Z');`,
			check: func(t *testing.T, s *Store) {
				var n int
				if err := s.db.QueryRow("SELECT count(*) FROM sqlite_master WHERE name = 'trust_lists'").Scan(&n); n != 0 || err != nil {
					t.Errorf("the unsigned trust-list table is still there: %d, %v", n, err)
				}
				// Migration 11: the answered message keeps its receipt and no
				// text; the waiting one still goes out as it was, to the
				// server saved in Settings, which is recorded for the session.
				list, err := s.FeedbackSent(ctx)
				if err != nil || len(list) != 2 {
					t.Fatalf("feedback from v10 = %+v, %v", list, err)
				}
				if f := list[0]; f.Text != "" || f.Contact != "" || f.ServerID != "f-9" || f.Status != RequestDone {
					t.Errorf("answered feedback from v10 = %+v", f)
				}
				if f := list[1]; f.Text != "路灯坏了" || f.Contact != "13912345678" || f.Status != RequestPending {
					t.Errorf("waiting feedback from v10 = %+v", f)
				}
				items, err := s.Outbox(ctx, OutboxPending)
				if err != nil || len(items) != 1 || items[0].Origin != "http://127.0.0.1:8787" || items[0].Owner != "" ||
					!json.Valid(items[0].Body) || !strings.Contains(string(items[0].Body), "13912345678") {
					t.Errorf("waiting request from v10 = %+v, %v", items, err)
				}
				if v, _, _ := getMeta(ctx, s.db, metaLegacyOrigin); v != "http://127.0.0.1:8787" {
					t.Errorf("the server of the earlier build's session = %q", v)
				}
			},
		},
		{
			from: 11,
			insert: `INSERT INTO outbox (id, kind, idem_key, body, state, result, next_attempt_at, created_at)
				VALUES (9, 'appointments', 'key-booked', '{}', 'sent', '{"id":"a-1"}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
				INSERT INTO appointments (outbox_id, hall_id, item_id, date, time, created_at)
				VALUES (9, 'hall-320100', 7, '2026-12-04', '10:00', '2026-01-01T00:00:00Z');`,
			check: func(t *testing.T, s *Store) {
				// Migration 12: a booking from v11 is booked, not cancelled,
				// and can be cancelled.
				as, err := s.Appointments(ctx)
				if err != nil || len(as) != 1 || as[0].Status != RequestDone || as[0].ServerID != "a-1" || as[0].Cancel != CancelNone {
					t.Fatalf("appointment from v11 = %+v, %v", as, err)
				}
			},
		},
		{
			from: 12,
			insert: `INSERT INTO transit_feeds (id, name, agency, format, version, source)
				VALUES ('jiangsu-metro', '江苏城市轨道交通', 'MetroMap open data', 'metro', 'v1', 'test');
				INSERT INTO sync_cursors (collection, cursor, updated_at) VALUES ('transit_feeds', 7, '2026-01-01T00:00:00Z');
				INSERT INTO sync_deferred (collection, item_id) VALUES ('transit_feeds', 'jiangsu-metro');
				INSERT INTO meta (key, value) VALUES ('sync_epoch:transit_feeds', 'e1');`,
			check: func(t *testing.T, s *Store) {
				// Migration 13 dropped the transit-feed collection: its
				// table, cursor, deferred rows and epoch.
				var n int
				if err := s.db.QueryRow(`SELECT (SELECT count(*) FROM sqlite_master WHERE name = 'transit_feeds')
					+ (SELECT count(*) FROM sync_deferred WHERE collection = 'transit_feeds')
					+ (SELECT count(*) FROM meta WHERE key = 'sync_epoch:transit_feeds')`).Scan(&n); n != 0 || err != nil {
					t.Errorf("the transit-feed collection left %d things behind (%v)", n, err)
				}
				if c, err := s.Cursor(ctx, "transit_feeds"); c != 0 || err != nil {
					t.Errorf("transit-feed cursor after migration 13 = %d, %v", c, err)
				}
			},
		},
		{
			from: 13,
			insert: `INSERT INTO ticket_slots (id, attraction_id, date, start_time, end_time, quota, remaining, generated)
				VALUES ('s-test', '5a-002', '2026-12-04', '09:00', '10:00', 100, 40, 1);`,
			check: func(t *testing.T, s *Store) {
				// Migration 14: a slot from v13 is on sale (not paused);
				// the crowd levels and a gate's tables are there, empty.
				slots, err := s.TicketSlots(ctx, "5a-002", "2026-12-04")
				if err != nil || len(slots) == 0 || slots[0].ID != "s-test" || slots[0].Paused || slots[0].Remaining != 40 {
					t.Errorf("slot from v13 = %+v, %v", slots, err)
				}
				if n := count(t, s, "crowd_levels") + count(t, s, "gate_admissions") + count(t, s, "gate_exits"); n != 0 {
					t.Errorf("migration 14 made %d rows", n)
				}
			},
		},
		{from: 14},
	}
	if len(tests) != LatestSchemaVersion()+1 {
		t.Fatalf("the test covers versions 0..%d; the schema is at %d", len(tests)-1, LatestSchemaVersion())
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("from v%d", tt.from), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "store.db")
			db, err := sql.Open("sqlite3", fileDSN(path))
			if err != nil {
				t.Fatal(err)
			}
			if err := migrate(ctx, db, tt.from, func() time.Time { return testNow }); err != nil {
				t.Fatal(err)
			}
			if tt.insert != "" {
				if _, err := db.Exec(tt.insert); err != nil {
					t.Fatal(err)
				}
			}
			if v, _ := userVersion(ctx, db); v != tt.from {
				t.Fatalf("built database at version %d, want %d", v, tt.from)
			}
			if err := db.Close(); err != nil {
				t.Fatal(err)
			}

			s, rec := openAt(t, path)
			if rec.Happened() {
				t.Fatalf("Open moved an older database aside: %+v", rec)
			}
			if v, err := s.SchemaVersion(ctx); v != LatestSchemaVersion() || err != nil {
				t.Fatalf("SchemaVersion = %d, %v; want %d", v, err, LatestSchemaVersion())
			}
			var applied int
			if err := s.db.QueryRow("SELECT count(*) FROM schema_migrations").Scan(&applied); err != nil || applied != LatestSchemaVersion() {
				t.Errorf("schema_migrations has %d rows (%v), want %d", applied, err, LatestSchemaVersion())
			}
			var appID uint32
			if err := s.db.QueryRow("PRAGMA application_id").Scan(&appID); err != nil || appID != ApplicationID {
				t.Errorf("application_id = %#x, %v", appID, err)
			}
			if n := count(t, s, "hubs"); n != 17 {
				t.Errorf("seed not imported after migrating: %d hubs", n)
			}
			if tt.check != nil {
				tt.check(t, s)
			}
		})
	}
}

// TestMigrationIsAtomic checks that a migration that fails half-way leaves
// neither its tables nor a new version behind.
func TestMigrationIsAtomic(t *testing.T) {
	ctx := context.Background()
	db, err := sql.Open("sqlite3", fileDSN(filepath.Join(t.TempDir(), "store.db")))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	now := func() time.Time { return testNow }
	if err := migrate(ctx, db, 1, now); err != nil {
		t.Fatal(err)
	}
	failing := migration{version: 2, name: "fails half-way", up: func(ctx context.Context, tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "CREATE TABLE half (x)"); err != nil {
			return err
		}
		return errors.New("boom")
	}}
	if err := applyMigration(ctx, db, failing, now); err == nil {
		t.Fatal("failing migration returned no error")
	}
	if v, _ := userVersion(ctx, db); v != 1 {
		t.Errorf("version after failed migration = %d, want 1", v)
	}
	var n int
	if err := db.QueryRow("SELECT count(*) FROM sqlite_schema WHERE name = 'half'").Scan(&n); err != nil || n != 0 {
		t.Errorf("table of the failed migration exists (%d, %v)", n, err)
	}
	// Applying a migration that is already applied is a no-op.
	if err := applyMigration(ctx, db, migrations[0], now); err != nil {
		t.Errorf("re-applying migration 1: %v", err)
	}
}

package server

import (
	"context"
	"database/sql"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"jiangsupass/clock/clocktest"
	"jiangsupass/platform/server/dbtest"
)

// TestEnginesHaveOneSchema: the migrations of SQLite and of PostgreSQL
// make the same tables with the same columns and the same named indexes.
// It needs both engines, so it runs under JSP_TEST_POSTGRES.
func TestEnginesHaveOneSchema(t *testing.T) {
	if !dbtest.Postgres() {
		t.Skip("compares with PostgreSQL: run under tools/pgcluster run (make test does)")
	}
	ctx := context.Background()
	lite, err := Open(ctx, filepath.Join(t.TempDir(), "p.db"), Options{Now: clocktest.Fixed()})
	if err != nil {
		t.Fatal(err)
	}
	defer lite.Close()
	db := dbtest.New(t)
	pg, err := Open(ctx, db.Path, Options{Now: clocktest.Fixed(), CodeKey: db.CodeKey, AdminTokenFile: db.AdminTokenFile})
	if err != nil {
		t.Fatal(err)
	}
	defer pg.Close()
	want := schemaOf(t, lite.db, `SELECT m.name || '.' || p.name FROM sqlite_schema m, pragma_table_info(m.name) p
		WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'
		UNION ALL SELECT 'index ' || name FROM sqlite_schema WHERE type = 'index' AND name NOT LIKE 'sqlite_autoindex_%'`)
	got := schemaOf(t, pg.db, `SELECT table_name || '.' || column_name FROM information_schema.columns WHERE table_schema = current_schema()
		UNION ALL SELECT 'index ' || indexname FROM pg_indexes WHERE schemaname = current_schema()
		AND indexname NOT LIKE '%\_pkey' AND indexname NOT LIKE '%\_key'`)
	if !slices.Equal(got, want) {
		for _, c := range want {
			if !slices.Contains(got, c) {
				t.Errorf("PostgreSQL lacks %s", c)
			}
		}
		for _, c := range got {
			if !slices.Contains(want, c) {
				t.Errorf("SQLite lacks %s", c)
			}
		}
	}
	if len(want) < 60 {
		t.Errorf("SQLite's schema has %d columns and indexes; the query read too little", len(want))
	}
}

// schemaOf lists a schema's columns and indexes, sorted.
func schemaOf(t *testing.T, db *sql.DB, query string) []string {
	t.Helper()
	rows, err := db.Query(query)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, strings.ToLower(s))
	}
	slices.Sort(out)
	return out
}

// Package dbtest gives each test of the reference platform server a
// database of its own: a SQLite file in the test's temporary folder, or,
// when JSP_TEST_POSTGRES names a PostgreSQL database (tools/pgcluster run
// sets it), a schema of its own in that database, dropped when the test
// ends. `make test` runs the server's tests and the contract test once
// on each.
package dbtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // the PostgreSQL driver, as "pgx"
)

// Env names the variable holding the PostgreSQL URL the tests use.
const Env = "JSP_TEST_POSTGRES"

// Postgres reports whether the tests run on PostgreSQL.
func Postgres() bool { return os.Getenv(Env) != "" }

// Engine is "postgres" or "sqlite": what the tests run on.
func Engine() string {
	if Postgres() {
		return "postgres"
	}
	return "sqlite"
}

// DB is a test's database, with what a server on it must be given.
type DB struct {
	// Path is the database to open: a SQLite file or a PostgreSQL URL.
	Path string
	// CodeKey is the code key every node over the database shares; nil
	// on SQLite, where a server makes its own.
	CodeKey []byte
	// AdminTokenFile is where a server on PostgreSQL writes its admin
	// token (in the test's temporary folder); "" on SQLite, where it is
	// beside the database file.
	AdminTokenFile string
}

// New makes a database for the test: on PostgreSQL, a new schema named
// after a random number, dropped when the test ends.
func New(t testing.TB) DB {
	t.Helper()
	dir := t.TempDir()
	if !Postgres() {
		return DB{Path: filepath.Join(dir, "platform.db")}
	}
	db, err := admin()
	if err != nil {
		t.Fatalf("dbtest: connect to %s: %v", Env, err)
	}
	schema := "t_" + strings.ToLower(rand.Text())
	if _, err := db.ExecContext(context.Background(), "CREATE SCHEMA "+schema); err != nil {
		t.Fatalf("dbtest: %v", err)
	}
	t.Cleanup(func() {
		if _, err := db.ExecContext(context.Background(), "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Errorf("dbtest: drop the test's schema: %v", err)
		}
	})
	key := make([]byte, 32)
	_, _ = rand.Read(key) // never fails (crypto/rand)
	return DB{Path: withSchema(os.Getenv(Env), schema), CodeKey: key, AdminTokenFile: filepath.Join(dir, "admin-token")}
}

// withSchema adds search_path=schema to a PostgreSQL URL.
func withSchema(raw, schema string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

var (
	adminOnce sync.Once
	adminDB   *sql.DB
	adminErr  error
)

// admin is the connection that makes and drops the tests' schemas.
func admin() (*sql.DB, error) {
	adminOnce.Do(func() {
		adminDB, adminErr = sql.Open("pgx", os.Getenv(Env))
		if adminErr == nil {
			adminDB.SetMaxOpenConns(2)
			adminErr = adminDB.PingContext(context.Background())
		}
	})
	return adminDB, adminErr
}

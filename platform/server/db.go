package server

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
)

// schema is the server's database. items holds the latest state of every
// item with the sequence number of its last change; a deleted item stays
// as a tombstone (deleted = 1, body NULL) so that clients learn of it.
const schema = `
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
	expires_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS mutations (
	id         TEXT PRIMARY KEY,
	kind       TEXT NOT NULL,
	user_id    TEXT NOT NULL,
	idem_key   TEXT NOT NULL,
	body       TEXT NOT NULL,
	created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS mutations_by_user ON mutations (user_id, kind, created_at);
`

// openDB opens (creating) the server's database file. The file and its
// -wal and -shm companions are readable by their owner only (0600; SQLite
// gives the companions the database file's mode), and a missing folder is
// made for the owner only (0700).
func openDB(ctx context.Context, path string) (*sql.DB, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	if err := privateFiles(abs); err != nil {
		return nil, err
	}
	dsn := "file:" + (&url.URL{Path: filepath.ToSlash(abs)}).EscapedPath() +
		"?_journal_mode=WAL&_busy_timeout=10000&_synchronous=NORMAL&_txlock=immediate&_foreign_keys=on"
	db, err := sql.Open("sqlite3", dsn)
	if err != nil {
		return nil, err
	}
	if _, err := db.ExecContext(ctx, schema); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("create schema: %w", err)
	}
	return db, nil
}

// privateFiles makes the database's folder if it is missing (0700),
// creates the database file if it is missing, and sets it and any -wal
// and -shm file left by an earlier run to 0600.
func privateFiles(db string) error {
	if err := os.MkdirAll(filepath.Dir(db), 0o700); err != nil {
		return err
	}
	f, err := os.OpenFile(db, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	for _, p := range []string{db, db + "-wal", db + "-shm"} {
		if err := os.Chmod(p, 0o600); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	return nil
}

// DataDir is the per-user folder the reference server keeps its database
// in, made if missing and kept readable by its owner only (0700):
// $XDG_DATA_HOME/jiangsupass-platform, else
// ~/.local/share/jiangsupass-platform; on macOS and Windows, under the
// user's configuration folder (os.UserConfigDir).
func DataDir() (string, error) {
	base := os.Getenv("XDG_DATA_HOME")
	if !filepath.IsAbs(base) { // the XDG rule: a relative value is ignored
		switch runtime.GOOS {
		case "darwin", "windows", "ios", "android", "plan9":
			dir, err := os.UserConfigDir()
			if err != nil {
				return "", err
			}
			base = dir
		default:
			home, err := os.UserHomeDir()
			if err != nil {
				return "", err
			}
			base = filepath.Join(home, ".local", "share")
		}
	}
	dir := filepath.Join(base, "jiangsupass-platform")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	return dir, os.Chmod(dir, 0o700)
}

// querier is what *sql.DB and *sql.Tx share.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// getMeta reads a meta value ("" when unset).
func getMeta(ctx context.Context, q querier, key string) (string, error) {
	var v string
	err := q.QueryRowContext(ctx, "SELECT value FROM meta WHERE key = ?", key).Scan(&v)
	if err == sql.ErrNoRows {
		return "", nil
	}
	return v, err
}

// setMeta writes a meta value.
func setMeta(ctx context.Context, q querier, key, value string) error {
	_, err := q.ExecContext(ctx, "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", key, value)
	return err
}

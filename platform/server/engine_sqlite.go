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

	_ "github.com/mattn/go-sqlite3" // the SQLite driver
)

// sqlite is the embedded engine: one database file that one server
// process writes. Every write transaction begins IMMEDIATE, taking the
// database's one write lock at once, so writers run one after another
// and no lock of a row or a name is needed.
type sqlite struct {
	path string
	dsn  string // the file's URI, without the options of a connection
}

func (*sqlite) Name() string { return "sqlite" }

// open opens (creating) the database file. The file and its -wal and
// -shm companions are readable by their owner only (0600; SQLite gives
// the companions the database file's mode), and a missing folder is made
// for the owner only (0700).
func (e *sqlite) open(context.Context) (*sql.DB, error) {
	abs, err := filepath.Abs(e.path)
	if err != nil {
		return nil, err
	}
	if err := privateFiles(abs); err != nil {
		return nil, err
	}
	e.dsn = "file:" + (&url.URL{Path: filepath.ToSlash(abs)}).EscapedPath()
	return sql.Open("sqlite3", e.dsn+"?_journal_mode=WAL&_busy_timeout=10000&_synchronous=NORMAL&_txlock=immediate&_foreign_keys=on")
}

// openReader opens the connections of reads: their transactions begin
// DEFERRED and read a snapshot of the WAL, so that a sync page is neither
// held up by a writer nor holds one up (the writer's connections begin
// every transaction IMMEDIATE).
func (e *sqlite) openReader(context.Context) (*sql.DB, error) {
	return sql.Open("sqlite3", e.dsn+"?_busy_timeout=10000&_txlock=deferred&_query_only=true")
}

func (*sqlite) lock(context.Context, *sql.Tx, string) error { return nil }

func (*sqlite) retryable(error) bool { return false }

func (*sqlite) readTx() *sql.TxOptions { return nil }

var sqliteDialect = &dialect{
	hallSlotTaken: `SELECT count(*) FROM mutations WHERE kind = ? AND json_extract(body, '$.hall_id') = ?
		AND json_extract(body, '$.date') = ? AND json_extract(body, '$.time') = ? AND json_extract(body, '$.status') = ?`,
	accountSlotTickets: `SELECT coalesce(sum(json_extract(body, '$.quantity')), 0) FROM mutations
		WHERE user_id = ? AND kind = ? AND json_extract(body, '$.slot_id') = ? AND json_extract(body, '$.status') = 'confirmed'`,
	generatedItems: "SELECT count(*) FROM items WHERE collection = ? AND CAST(id AS INTEGER) > ?",
	prepareBatch:   true,
}

func (*sqlite) sql() *dialect { return sqliteDialect }

func (*sqlite) schema() []string { return sqliteSchema }

// adopt brings a database made before migrations were numbered to the
// shape of migration 1: its tokens gain the session they belong to (each
// older token a session of its own), and a ticket_holders table with no
// user_id (one document per day across all accounts) becomes one per
// account, each row under the account of its order. A new, empty
// database has nothing to adopt.
func (*sqlite) adopt(ctx context.Context, tx *sql.Tx) error {
	has := func(table, column string) (bool, error) {
		var n int
		err := tx.QueryRowContext(ctx, "SELECT count(*) FROM pragma_table_info(?) WHERE name = ?", table, column).Scan(&n)
		return n > 0, err
	}
	tokens, err := has("tokens", "token")
	if err != nil {
		return err
	}
	if session, err := has("tokens", "session"); err != nil {
		return err
	} else if tokens && !session {
		if _, err := tx.ExecContext(ctx, "ALTER TABLE tokens ADD COLUMN session TEXT NOT NULL DEFAULT ''"); err != nil {
			return fmt.Errorf("token sessions: %w", err)
		}
	}
	holders, err := has("ticket_holders", "order_id")
	if err != nil {
		return err
	}
	perAccount, err := has("ticket_holders", "user_id")
	if err != nil || !holders || perAccount {
		return err
	}
	for _, q := range []string{
		"ALTER TABLE ticket_holders RENAME TO ticket_holders_old",
		"DROP INDEX IF EXISTS ticket_holders_by_order",
		sqliteSchema[1],
		`INSERT OR IGNORE INTO ticket_holders (user_id, attraction_id, date, doc_kind, doc_number, order_id)
			SELECT m.user_id, h.attraction_id, h.date, h.doc_kind, h.doc_number, h.order_id
			FROM ticket_holders_old h JOIN mutations m ON m.id = h.order_id`,
		"DROP TABLE ticket_holders_old",
	} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("ticket holders by account: %w", err)
		}
	}
	return nil
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

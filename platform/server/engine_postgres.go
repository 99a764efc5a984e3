package server

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"hash/fnv"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
)

// postgres is the engine that several server processes share. Its
// transactions run at READ COMMITTED and lock what they are about to
// change (row locks and locks by name, not serializable transactions
// with retries): a row that exists is locked with SELECT … FOR UPDATE
// (a ticket slot, an order, an appointment), and what may have no row
// yet with a transaction-scoped advisory lock on its name (an
// Idempotency-Key, a phone number, a hall's time slot, the changelog).
// Every transaction takes its locks in one order (the key, the account,
// the row, the changelog last), so that none waits in a circle; should
// PostgreSQL still break a deadlock, the transaction is run again.
type postgres struct {
	url      string
	maxConns int    // connections to the database at most; 0 means 16
	space    string // the schema the server's tables are in; names its locks
}

func (*postgres) Name() string { return "postgres" }

// open connects to the database the URL names, with the pgx driver
// behind database/sql. The URL may choose a schema with
// search_path=NAME; the server's tables and locks are then that
// schema's.
func (e *postgres) open(ctx context.Context) (*sql.DB, error) {
	cfg, err := pgx.ParseConfig(e.url)
	if err != nil {
		return nil, fmt.Errorf("the PostgreSQL URL: %w", err)
	}
	db := sql.OpenDB(numberedConnector{stdlib.GetConnector(*cfg)})
	n := e.maxConns
	if n <= 0 {
		n = 16
	}
	db.SetMaxOpenConns(n)
	db.SetMaxIdleConns(n)
	if err := db.QueryRowContext(ctx, "SELECT current_schema()").Scan(&e.space); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("connect to PostgreSQL: %w", err)
	}
	return db, nil
}

// openReader: reads share the connections of writes.
func (*postgres) openReader(context.Context) (*sql.DB, error) { return nil, nil }

// lock takes the advisory lock of name in the server's schema until tx
// ends. Names are hashed to the lock's 64-bit key; two names that share
// a key only wait for each other.
func (e *postgres) lock(ctx context.Context, tx *sql.Tx, name string) error {
	h := fnv.New64a()
	h.Write([]byte(e.space))
	h.Write([]byte{0})
	h.Write([]byte(name))
	_, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock(?)", int64(h.Sum64()))
	return err
}

// retryable: a deadlock that PostgreSQL broke, or a serialization
// failure, undid the whole transaction.
func (*postgres) retryable(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && (pe.Code == "40P01" || pe.Code == "40001")
}

// readTx reads one snapshot for the whole transaction: at READ COMMITTED
// each statement would see its own.
func (*postgres) readTx() *sql.TxOptions {
	return &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true}
}

var postgresDialect = &dialect{
	forUpdate: " FOR UPDATE",
	hallSlotTaken: `SELECT count(*) FROM mutations WHERE kind = ? AND ((body::jsonb) ->> 'hall_id') = ?
		AND ((body::jsonb) ->> 'date') = ? AND ((body::jsonb) ->> 'time') = ? AND (body::jsonb) ->> 'status' = ?`,
	accountSlotTickets: `SELECT coalesce(sum(((body::jsonb) ->> 'quantity')::bigint), 0)::bigint FROM mutations
		WHERE user_id = ? AND kind = ? AND (body::jsonb) ->> 'slot_id' = ? AND (body::jsonb) ->> 'status' = 'confirmed'`,
	generatedItems: `SELECT count(*) FROM items WHERE collection = ?
		AND CASE WHEN id ~ '^[0-9]{1,18}$' THEN id::bigint > ? ELSE false END`,
}

func (*postgres) sql() *dialect { return postgresDialect }

func (*postgres) schema() []string { return postgresSchema }

// adopt has nothing to do: PostgreSQL databases began with numbered
// migrations.
func (*postgres) adopt(context.Context, *sql.Tx) error { return nil }

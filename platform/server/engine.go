package server

import (
	"context"
	"database/sql"
	"strings"
)

// engine is where the server keeps its state: SQLite, embedded in one
// process (the default), or PostgreSQL, which several server processes
// share. What differs between the two is behind this interface: how to
// connect, the schema's migrations in each one's own SQL, how a
// transaction locks what it is about to change, which failures may be
// run again, and the few statements the two write differently (dialect).
// Everything else the server writes once, in SQL both read alike, with ?
// placeholders (the PostgreSQL connection numbers them; see numbered).
type engine interface {
	// Name is "sqlite" or "postgres".
	Name() string
	// open connects to the database (see migrate for its schema).
	open(ctx context.Context) (*sql.DB, error)
	// openReader connects the reads that begin with readTx, once the
	// schema is migrated; nil means they share open's connections.
	openReader(ctx context.Context) (*sql.DB, error)
	// lock takes an exclusive lock on name that tx holds until it ends.
	// SQLite's writer holds the whole database from BEGIN IMMEDIATE, so
	// there it does nothing.
	lock(ctx context.Context, tx *sql.Tx, name string) error
	// retryable reports whether a transaction that failed with err took
	// nothing and may be run again (a deadlock PostgreSQL broke).
	retryable(err error) bool
	// readTx is how a read that must see one state (a sync page, a
	// checksum) begins its transaction.
	readTx() *sql.TxOptions
	// sql is the engine's text of the statements the engines write
	// differently.
	sql() *dialect
	// adopt brings a database made before migrations were numbered to
	// migration 1's shape, inside the migrating transaction.
	adopt(ctx context.Context, tx *sql.Tx) error
	// schema is the engine's text of each migration, by number from 1.
	schema() []string
}

// dialect holds the statements that SQLite and PostgreSQL write
// differently, each in the engine's own SQL.
type dialect struct {
	// forUpdate ends a SELECT whose rows the transaction will change: it
	// locks them until the transaction ends ("" on SQLite).
	forUpdate string
	// hallSlotTaken counts the mutations of a kind (appointments) at a
	// hall, on a date, at a time, in a status (booked): five arguments.
	hallSlotTaken string
	// accountSlotTickets sums the tickets of an account's confirmed
	// mutations of a kind (orders) in a slot: user, kind, slot.
	accountSlotTickets string
	// generatedItems counts the items of a collection (service items)
	// whose numeric ID is above a number (GeneratedIDBase).
	generatedItems string
	// prepareBatch is true when a batch of changes runs faster on
	// statements prepared once per transaction (SQLite); PostgreSQL's
	// connection keeps its prepared statements anyway.
	prepareBatch bool
}

// engineFor chooses the engine a database path names: a postgres:// or
// postgresql:// URL is PostgreSQL, anything else a SQLite file.
func engineFor(path string, opt Options) engine {
	if IsPostgres(path) {
		return &postgres{url: path, maxConns: opt.MaxDBConns}
	}
	return &sqlite{path: path}
}

// IsPostgres reports whether a database path is a PostgreSQL URL.
func IsPostgres(path string) bool {
	return strings.HasPrefix(path, "postgres://") || strings.HasPrefix(path, "postgresql://")
}

// beginRead begins a read that sees one state of the database (a sync
// page, a checksum) on the engine's connections for reads.
func (s *Server) beginRead(ctx context.Context) (*sql.Tx, error) {
	return s.rdb.BeginTx(ctx, s.eng.readTx())
}

// Engine names the engine the server keeps its state in: "sqlite" or
// "postgres".
func (s *Server) Engine() string { return s.eng.Name() }

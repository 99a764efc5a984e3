package server

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// migrationNames name the schema's migrations, by number from 1. Each
// engine writes every one in its own SQL (engine.schema): the same
// tables, columns, keys and indexes, in the types and clauses each reads.
// A new migration is a new name here and a new text in both engines'
// lists, never a change to one that has run.
var migrationNames = []string{
	1: "base: changelog, items, idempotency, sign-in, tokens, mutations, tickets, credentials, check-ins",
	2: "shared address limits; indexes for hall slots and an account's tickets in a slot",
	3: "crowd: admissions and exits of scenic areas' gates, area tokens, staff actions",
}

// migrate brings the database to the newest migration in one
// transaction, under a lock, so that nodes starting together over one
// database migrate it once. A database made before migrations were
// numbered is first adopted (engine.adopt).
func migrate(ctx context.Context, db *sql.DB, e engine, now time.Time) error {
	texts := e.schema()
	if len(texts) != len(migrationNames) {
		return fmt.Errorf("the %s engine has %d migrations, not %d", e.Name(), len(texts)-1, len(migrationNames)-1)
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() { _ = tx.Rollback() }()
	if err := e.lock(ctx, tx, "migrate"); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_version (
		version    INTEGER PRIMARY KEY,
		name       TEXT NOT NULL,
		applied_at TEXT NOT NULL)`); err != nil {
		return fmt.Errorf("schema versions: %w", err)
	}
	var at sql.NullInt64
	if err := tx.QueryRowContext(ctx, "SELECT max(version) FROM schema_version").Scan(&at); err != nil {
		return err
	}
	if at.Int64 > int64(len(texts)-1) {
		return fmt.Errorf("the database is at migration %d, newer than this server's %d: run a newer server", at.Int64, len(texts)-1)
	}
	if !at.Valid {
		if err := e.adopt(ctx, tx); err != nil {
			return fmt.Errorf("adopt an unnumbered database: %w", err)
		}
	}
	for v := int(at.Int64) + 1; v < len(texts); v++ {
		if _, err := tx.ExecContext(ctx, texts[v]); err != nil {
			return fmt.Errorf("migration %d (%s): %w", v, migrationNames[v], err)
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)",
			v, migrationNames[v], stamp(now)); err != nil {
			return err
		}
	}
	return tx.Commit()
}

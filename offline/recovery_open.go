package offline

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"
)

// openFileStore opens the store on disk at path (absolute): it inspects
// the file, moves an unusable one aside, builds the store, salvages what a
// damaged one held, and starts watching the store for damage.
func openFileStore(ctx context.Context, path string, now func() time.Time, seed fs.FS) (*Store, Recovery, error) {
	probe, rec, checked, err := inspect(ctx, path, now)
	if err != nil {
		return nil, rec, err
	}
	s, err := openPool(ctx, path, now)
	// The probe connection closes only after the pool has its own
	// connection, so that SQLite does not checkpoint and delete the WAL
	// between the two.
	if probe != nil {
		_ = probe.Close()
	}
	if err != nil {
		return nil, rec, err
	}
	err = s.prepare(ctx, seed)
	if err != nil && isDamage(err) && !rec.Happened() {
		// A store too large for the start-up check, damaged where
		// opening it reads.
		_ = s.Close()
		if rec, err = moveAside(path, now, Corrupt, "the database is damaged: "+err.Error()); err != nil {
			return nil, rec, err
		}
		checked = true
		if s, err = openPool(ctx, path, now); err != nil {
			return nil, rec, err
		}
		err = s.prepare(ctx, seed)
	}
	if err != nil {
		_ = s.Close()
		return nil, rec, err
	}
	if rec.Kind == Corrupt {
		if rec.Salvaged, err = salvageFile(ctx, rec.MovedTo, s.db); err != nil {
			_ = s.Close()
			return nil, rec, fmt.Errorf("open store: %s; moved it to %s, and could not keep what it held: %w",
				rec.Reason, rec.MovedTo, err)
		}
	}
	if checked {
		if err := os.Remove(damageMarker(path)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			_ = s.Close()
			return nil, rec, fmt.Errorf("open store: %w", err)
		}
	}
	s.repair = startRepairer(s, seed, !checked)
	return s, rec, nil
}

// salvageFile copies what only the store held from the damaged file at
// path, which Open has moved aside, into dst. It reads the file without
// changing it.
func salvageFile(ctx context.Context, path string, dst *sql.DB) (Salvage, error) {
	src, err := sql.Open("sqlite3", probeDSN(path, "ro"))
	if err != nil {
		return Salvage{}, err
	}
	defer src.Close()
	return salvageInto(ctx, src, dst)
}

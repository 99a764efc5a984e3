package offline

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"
)

// RecoveryKind says why Open could not use the file it found.
type RecoveryKind int

// The kinds of unusable file. The zero value, NoRecovery, means the file
// was fine (or there was none).
const (
	NoRecovery      RecoveryKind = iota // nothing happened
	NotADatabase                        // the file is not a SQLite database
	ForeignDatabase                     // a SQLite database, but not a Jiangsu Pass store
	Corrupt                             // a store whose pages are damaged
	// TooNew is a store written by a newer version of the app (the user
	// went back to an older one). It is moved aside like the others rather
	// than refused, so that the older app still starts and works offline;
	// the newer data stays intact in the moved file, which the newer app
	// (or support) can open again; nothing restores it automatically.
	TooNew
)

// String names the kind for logs.
func (k RecoveryKind) String() string {
	switch k {
	case NoRecovery:
		return "none"
	case NotADatabase:
		return "not a database"
	case ForeignDatabase:
		return "foreign database"
	case Corrupt:
		return "corrupt"
	case TooNew:
		return "too new"
	}
	return fmt.Sprintf("RecoveryKind(%d)", int(k))
}

// Recovery says what Open had to do with an unusable file; the zero value
// means nothing happened. The file is never deleted: it is renamed to
// MovedTo (with its -wal, -shm and -journal companions renamed alongside),
// where the user or support can still open it.
type Recovery struct {
	MovedTo string       // where the unusable file was moved
	Reason  string       // a plain English sentence for logs
	Kind    RecoveryKind // why the file could not be used
}

// Happened reports whether Open moved a file aside.
func (r Recovery) Happened() bool { return r.Kind != NoRecovery }

// sqliteMagic opens the header of every SQLite 3 database file.
const sqliteMagic = "SQLite format 3\x00"

// companions are the files SQLite keeps next to a database, by suffix.
var companions = []string{"-wal", "-shm", "-journal"}

// inspect decides whether the file at path can be opened as the store. A
// missing or empty file is fine. A usable file is returned with a probe
// connection still open, for Open to close once its own pool is connected.
// An unusable one is moved aside and described in the Recovery. Problems
// that say nothing about the file itself (permissions, a lock held by
// another process) are returned as errors and the file is left alone.
//
// The checks are the cheap ones, since they run on every start: the 16-byte
// header magic, PRAGMA application_id and user_version (both read from the
// header), and PRAGMA quick_check, which reads every page once but skips
// the index cross-checks of integrity_check. quick_check costs about 1 ms
// per MB from a cold page cache (the seeded store is 1 MB: ~1.2 ms of the
// ~2.5 ms of BenchmarkOpenExisting), so it runs only while the file is at
// most quickCheckLimit; a larger store (after syncing a big catalogue)
// relies on SQLite reporting damage when a query meets it.
//
// A schema newer than this build knows (TooNew) is moved aside rather than
// refused: a user who went back to an older version of the app must still
// get a working app, offline, at once; refusing would leave them with
// nothing but an error, on a phone or a kiosk they cannot fix it on. The
// personal records in the store are copies of the platform's and come back
// with the next sync; what only the file holds (settings, unsent outbox
// items) is kept intact beside the new store, and the Recovery lets the
// app tell the user where.
func inspect(ctx context.Context, path string, now func() time.Time) (*sql.DB, Recovery, error) {
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, Recovery{}, nil
	case err != nil:
		return nil, Recovery{}, fmt.Errorf("open store: %w", err)
	case !fi.Mode().IsRegular():
		return nil, Recovery{}, fmt.Errorf("open store: %s is not a regular file", path)
	}
	if fi.Size() > 0 {
		ok, err := hasSQLiteHeader(path)
		if err != nil {
			return nil, Recovery{}, fmt.Errorf("open store: %w", err)
		}
		if !ok {
			rec, err := moveAside(path, now, NotADatabase, "the file is not a SQLite database")
			return nil, rec, err
		}
	}

	probe, kind, reason, err := probeFile(ctx, path, fi.Size() <= quickCheckLimit)
	if err != nil || kind != NoRecovery {
		if probe != nil {
			_ = probe.Close()
		}
		if err != nil {
			return nil, Recovery{}, fmt.Errorf("open store %s: %w", path, err)
		}
		rec, err := moveAside(path, now, kind, reason)
		return nil, rec, err
	}
	return probe, Recovery{}, nil
}

// probeFile opens the file read-only and classifies it. Read-only, the
// probe cannot change the file: in particular, closing it does not
// checkpoint and delete another program's WAL, which must travel with its
// database if that is moved aside. Only when SQLite needs to write to make
// the file readable at all (a hot rollback journal left by a crash) does
// it try again read-write, letting SQLite recover the file as it would for
// its owner.
func probeFile(ctx context.Context, path string, deep bool) (*sql.DB, RecoveryKind, string, error) {
	var lastErr error
	for _, mode := range []string{"ro", "rw"} {
		probe, err := sql.Open("sqlite3", probeDSN(path, mode))
		if err != nil {
			return nil, NoRecovery, "", err
		}
		kind, reason, err := classify(ctx, probe, deep)
		var se sqlite3.Error
		if mode == "ro" && errors.As(err, &se) && se.Code == sqlite3.ErrReadonly {
			_ = probe.Close()
			lastErr = err
			continue
		}
		return probe, kind, reason, err
	}
	return nil, NoRecovery, "", lastErr
}

// hasSQLiteHeader reports whether the file starts with the SQLite magic.
func hasSQLiteHeader(path string) (bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return false, err
	}
	defer f.Close()
	buf := make([]byte, len(sqliteMagic))
	if _, err := io.ReadFull(f, buf); err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			return false, nil
		}
		return false, err
	}
	return bytes.Equal(buf, []byte(sqliteMagic)), nil
}

// quickCheckLimit is the largest file that Open runs quick_check on at
// every start: about 5 ms of checking.
const quickCheckLimit = 4 << 20

// classify runs the start-up checks on a database that has a SQLite
// header, with quick_check when deep. It returns NoRecovery for one of
// ours, or for an empty database that Open may initialise.
func classify(ctx context.Context, db *sql.DB, deep bool) (RecoveryKind, string, error) {
	var appID uint32
	var version, objects int
	err := db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID)
	if err == nil {
		err = db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version)
	}
	if err == nil {
		err = db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&objects)
	}
	if err != nil {
		return damaged(err)
	}
	if appID != ApplicationID {
		if appID == 0 && version == 0 && objects == 0 {
			return NoRecovery, "", nil // an empty database: ours to initialise
		}
		return ForeignDatabase, fmt.Sprintf(
			"the file is a SQLite database of another program (application_id 0x%08X, %d schema objects)",
			appID, objects), nil
	}
	if deep {
		if problem, err := quickCheck(ctx, db); err != nil {
			return damaged(err)
		} else if problem != "" {
			return Corrupt, "the database is damaged: " + problem, nil
		}
	}
	if version > LatestSchemaVersion() {
		return TooNew, fmt.Sprintf(
			"the database was written by a newer version of the app (schema version %d; this version knows up to %d)",
			version, LatestSchemaVersion()), nil
	}
	return NoRecovery, "", nil
}

// damaged turns an error from reading the database into a Corrupt verdict
// when SQLite says the file is damaged, and passes any other error on.
func damaged(err error) (RecoveryKind, string, error) {
	var se sqlite3.Error
	if errors.As(err, &se) && (se.Code == sqlite3.ErrCorrupt || se.Code == sqlite3.ErrNotADB) {
		return Corrupt, "the database is damaged: " + se.Error(), nil
	}
	return NoRecovery, "", err
}

// quickCheck runs PRAGMA quick_check and returns "" when it answers "ok",
// else the first problem it reports.
func quickCheck(ctx context.Context, db *sql.DB) (string, error) {
	rows, err := db.QueryContext(ctx, "PRAGMA quick_check(1)")
	if err != nil {
		return "", err
	}
	defer rows.Close()
	var first string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return "", err
		}
		if first == "" {
			first = line
		}
	}
	if err := rows.Err(); err != nil {
		return "", err
	}
	if first == "ok" {
		return "", nil
	}
	if first == "" {
		first = "quick_check gave no answer"
	}
	return first, nil
}

// moveAside renames the file at path, and its SQLite companions, to
// <path>.unusable-<YYYYMMDD-HHMMSS> (with a counter if that name is taken).
// The main file goes first: if it cannot be moved nothing has changed.
func moveAside(path string, now func() time.Time, kind RecoveryKind, reason string) (Recovery, error) {
	base := path + ".unusable-" + now().Format("20060102-150405")
	target := base
	for i := 2; exists(target); i++ {
		target = fmt.Sprintf("%s-%d", base, i)
	}
	if err := os.Rename(path, target); err != nil {
		return Recovery{}, fmt.Errorf("open store: %s, and it could not be moved aside: %w", reason, err)
	}
	rec := Recovery{MovedTo: target, Reason: reason, Kind: kind}
	var errs []string
	for _, suffix := range companions {
		err := os.Rename(path+suffix, target+suffix)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err.Error())
		}
	}
	if len(errs) > 0 {
		// A stale -wal left beside the new database would be replayed
		// into it, so the store must not be created.
		return rec, fmt.Errorf("open store: %s; moved it to %s but not its companion files: %s",
			reason, target, strings.Join(errs, "; "))
	}
	return rec, nil
}

// exists reports whether anything is at path (or whether it cannot tell).
func exists(path string) bool {
	_, err := os.Lstat(path)
	return !errors.Is(err, fs.ErrNotExist)
}

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

// Recovery says what Open, or a repair while the store was open, had to do
// with an unusable file; the zero value means nothing happened. The file is
// never deleted: it is renamed to MovedTo (with its -wal, -shm and -journal
// companions renamed alongside), where the user or support can still open
// it. A damaged store (Corrupt) has what only it held copied into the new
// one first, as Salvaged says.
type Recovery struct {
	MovedTo  string       // where the unusable file was moved
	Reason   string       // a plain English sentence for logs
	Kind     RecoveryKind // why the file could not be used
	Salvaged Salvage      // what was kept of a damaged store
}

// Happened reports whether Open moved a file aside.
func (r Recovery) Happened() bool { return r.Kind != NoRecovery }

// damageMarker is the file beside the store that says a check found it
// damaged and it could not be replaced then: the next Open checks it in
// full, whatever its size.
func damageMarker(path string) string { return path + ".damaged" }

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
// ~2.5 ms of BenchmarkOpenExisting), so it runs here only while the file
// is at most quickCheckLimit; checked is then true. A larger store (after
// syncing a big catalogue) is checked in full once it is open, off the
// caller's goroutine, and whenever SQLite reports damage while it is used
// (recovery_repair.go). A file that such a check found damaged but that
// could not be replaced then carries a marker (damageMarker), and gets the
// full integrity_check here, whatever its size.
//
// A schema newer than this build knows (TooNew) is moved aside rather than
// refused: a user who went back to an older version of the app must still
// get a working app, offline, at once; refusing would leave them with
// nothing but an error, on a phone or a kiosk they cannot fix it on. The
// personal records in the store are copies of the platform's and come back
// with the next sync; what only the file holds (settings, unsent outbox
// items) is kept intact beside the new store, and the Recovery lets the
// app tell the user where. A damaged store (Corrupt) is moved aside too,
// and Open then salvages what only it holds into the new store
// (recovery_salvage.go).
func inspect(ctx context.Context, path string, now func() time.Time) (probe *sql.DB, rec Recovery, checked bool, err error) {
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, Recovery{}, true, nil
	case err != nil:
		return nil, Recovery{}, false, fmt.Errorf("open store: %w", err)
	case !fi.Mode().IsRegular():
		return nil, Recovery{}, false, fmt.Errorf("open store: %s is not a regular file", path)
	}
	if fi.Size() > 0 {
		ok, err := hasSQLiteHeader(path)
		if err != nil {
			return nil, Recovery{}, false, fmt.Errorf("open store: %w", err)
		}
		if !ok {
			rec, err := moveAside(path, now, NotADatabase, "the file is not a SQLite database")
			return nil, rec, true, err
		}
	}

	check := ""
	switch {
	case exists(damageMarker(path)):
		check = "integrity_check"
	case fi.Size() <= quickCheckLimit:
		check = "quick_check"
	}
	probe, kind, reason, err := probeFile(ctx, path, check)
	if err != nil || kind != NoRecovery {
		if probe != nil {
			_ = probe.Close()
		}
		if err != nil {
			return nil, Recovery{}, false, fmt.Errorf("open store %s: %w", path, err)
		}
		rec, err := moveAside(path, now, kind, reason)
		return nil, rec, true, err
	}
	return probe, Recovery{}, check != "", nil
}

// probeFile opens the file read-only and classifies it. Read-only, the
// probe cannot change the file: in particular, closing it does not
// checkpoint and delete another program's WAL, which must travel with its
// database if that is moved aside. Only when SQLite needs to write to make
// the file readable at all (a hot rollback journal left by a crash) does
// it try again read-write, letting SQLite recover the file as it would for
// its owner.
func probeFile(ctx context.Context, path, check string) (*sql.DB, RecoveryKind, string, error) {
	var lastErr error
	for _, mode := range []string{"ro", "rw"} {
		probe, err := sql.Open("sqlite3", probeDSN(path, mode))
		if err != nil {
			return nil, NoRecovery, "", err
		}
		kind, reason, err := classify(ctx, probe, check)
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
// header, with the check pragma (quick_check or integrity_check; "" for
// none). It returns NoRecovery for one of ours, or for an empty database
// that Open may initialise.
func classify(ctx context.Context, db *sql.DB, check string) (RecoveryKind, string, error) {
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
	if check != "" {
		if problem, err := pageCheck(ctx, db, check); err != nil {
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
	if isDamage(err) {
		return Corrupt, "the database is damaged: " + err.Error(), nil
	}
	return NoRecovery, "", err
}

// quickCheck runs PRAGMA quick_check and returns "" when it answers "ok",
// else the first problem it reports.
func quickCheck(ctx context.Context, db *sql.DB) (string, error) {
	return pageCheck(ctx, db, "quick_check")
}

// pageCheck runs PRAGMA quick_check or integrity_check (check) and returns
// "" when it answers "ok", else the first problem it reports.
func pageCheck(ctx context.Context, db *sql.DB, check string) (string, error) {
	rows, err := db.QueryContext(ctx, "PRAGMA "+check+"(1)")
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
	first = strings.ReplaceAll(first, "\n", " ")
	if first == "" {
		first = check + " gave no answer"
	}
	return first, nil
}

package offline

import (
	"context"
	"crypto/ecdsa"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mattn/go-sqlite3"

	"jiangsupass/assets"
)

// ApplicationID is written into the header of every store database
// (PRAGMA application_id), so that Open can tell its own files from SQLite
// files of other programs. It spells "JSP1".
const ApplicationID = 0x4A535031

// ErrNotFound is returned (possibly wrapped) by lookups of a single item
// that is not in the store.
var ErrNotFound = errors.New("offline: not found")

// Options configures Open.
type Options struct {
	// Memory keeps the whole database in memory (kiosk mode: personal data
	// never reaches the disk). The path given to Open is ignored.
	Memory bool
	// Now is the clock, required: the composition root passes the one it
	// hands to everything else (time.Now in the app), a test its own.
	Now func() time.Time
	// Anchors are the trust anchors a synced trust list must be signed by:
	// the app's, which it is built or configured with. With none, no
	// trust list is kept or opened (codes.ErrNoAnchors).
	Anchors []*ecdsa.PublicKey
}

// Store is the local replica. It is safe for concurrent use.
type Store struct {
	db     *sql.DB
	keeper *sql.Conn // memory mode: keeps the in-memory database alive
	path   string
	memory bool
	now    func() time.Time
	// anchors are the trust anchors trust lists are checked against.
	anchors []*ecdsa.PublicKey

	closeOnce sync.Once
	closeErr  error

	vault vault      // the key of the personal data (personal_key.go)
	queue queueWatch // who is told of queued requests (outbox_notify.go)

	// A store on disk: its pool's connections (recovery_conn.go), and what
	// finds and repairs damage while it is open (recovery_repair.go).
	guard  *connGuard
	repair *repairer
}

// memoryDriver is the SQLite driver for in-memory stores: it keeps SQLite's
// temporary files (large sorts) in memory too, so kiosk data stays off disk.
const memoryDriver = "sqlite3-jiangsupass-memory"

func init() {
	sql.Register(memoryDriver, &sqlite3.SQLiteDriver{
		ConnectHook: func(c *sqlite3.SQLiteConn) error {
			_, err := c.Exec("PRAGMA temp_store = MEMORY", nil)
			return err
		},
	})
}

// memoryCounter names each in-memory database uniquely in the process.
var memoryCounter atomic.Int64

// Open opens the store at path, creating the file and its parent
// directories when missing, bringing the schema up to date and importing
// the seed snapshot on the first run.
//
// When the file at path cannot be used, Open moves it aside (see
// [Recovery]), builds a new store from the seed, keeps what only a damaged
// store held (the user's requests not yet sent, personal records,
// settings, favourites) and reports what it did; the returned error is
// then nil. Damage found while the store is open is repaired the same way
// (see [Store.OnRepair]). Open returns an error only when it cannot
// provide a working store at all (for example, the directory is not
// writable or another process holds the database locked).
func Open(ctx context.Context, path string, opt Options) (*Store, Recovery, error) {
	return open(ctx, path, opt, assets.Data)
}

// open is Open with the seed snapshot as a parameter, so that tests can
// feed it other seeds.
func open(ctx context.Context, path string, opt Options, seed fs.FS) (*Store, Recovery, error) {
	now := opt.Now
	if now == nil {
		return nil, Recovery{}, errors.New("open store: no clock given (Options.Now)")
	}
	if opt.Memory {
		s, err := openMemory(ctx, now)
		if err != nil {
			return nil, Recovery{}, err
		}
		if err := s.prepare(ctx, seed); err != nil {
			_ = s.Close()
			return nil, Recovery{}, err
		}
		s.anchors = opt.Anchors
		return s, Recovery{}, nil
	}

	if path == "" {
		return nil, Recovery{}, errors.New("open store: no path given")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, Recovery{}, fmt.Errorf("open store %s: %w", path, err)
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o700); err != nil {
		return nil, Recovery{}, fmt.Errorf("open store: create folder: %w", err)
	}

	s, rec, err := openFileStore(ctx, abs, now, seed)
	if s != nil {
		s.anchors = opt.Anchors
	}
	return s, rec, err
}

// openPool opens the pool of a store on disk, through a guardedConnector,
// and checks that it connects.
func openPool(ctx context.Context, path string, now func() time.Time) (*Store, error) {
	g := &connGuard{}
	db := sql.OpenDB(&guardedConnector{dsn: fileDSN(path), drv: &sqlite3.SQLiteDriver{}, guard: g})
	if err := db.PingContext(ctx); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	return &Store{db: db, path: path, now: now, guard: g}, nil
}

// openMemory opens an in-memory database that all connections of the pool
// share (SQLite's memdb VFS) and that lives until Close.
func openMemory(ctx context.Context, now func() time.Time) (*Store, error) {
	name := fmt.Sprintf("file:/jiangsupass-%d-%d?vfs=memdb&_foreign_keys=on&_busy_timeout=5000&_txlock=immediate",
		os.Getpid(), memoryCounter.Add(1))
	db, err := sql.Open(memoryDriver, name)
	if err != nil {
		return nil, fmt.Errorf("open memory store: %w", err)
	}
	keeper, err := db.Conn(ctx)
	if err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("open memory store: %w", err)
	}
	return &Store{db: db, keeper: keeper, memory: true, now: now}, nil
}

// fileDSN is the data source name of the store's pool: WAL journal,
// foreign keys enforced, a 5 s wait on locks, synchronous NORMAL (safe with
// WAL: a power cut may lose the last commits, never consistency), and
// write transactions that take the write lock when they begin.
func fileDSN(path string) string {
	return fileURI(path) + "?_journal_mode=WAL&_foreign_keys=on&_busy_timeout=5000&_synchronous=NORMAL&_txlock=immediate"
}

// probeDSN opens an existing file for the start-up checks, in mode "ro"
// or "rw": never created, no journal-mode switch.
func probeDSN(path, mode string) string {
	return fileURI(path) + "?mode=" + mode + "&_busy_timeout=5000"
}

// fileURI turns a file path into a SQLite URI, escaping the characters
// (such as '?', '#' and '%') that a URI gives a meaning.
func fileURI(path string) string {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // a Windows path with a drive letter
	}
	return "file:" + (&url.URL{Path: p}).EscapedPath()
}

// prepare brings the schema up to date and imports the seed when this
// database has not got the current one.
func (s *Store) prepare(ctx context.Context, seed fs.FS) error {
	if err := migrate(ctx, s.db, len(migrations), s.now); err != nil {
		return fmt.Errorf("open store: %w", err)
	}
	if err := s.ensureSeed(ctx, seed); err != nil {
		return fmt.Errorf("open store: %w", err)
	}
	return nil
}

// Close closes the database. It is safe to call more than once. It must
// not be called from an OnChange subscriber (it waits for them to return).
func (s *Store) Close() error {
	s.closeOnce.Do(func() {
		s.queue.feed.close() // no subscriber is told of a change after Close
		if s.repair != nil {
			s.repair.stop()
		}
		var errs []error
		if s.keeper != nil {
			errs = append(errs, s.keeper.Close())
		}
		errs = append(errs, s.db.Close())
		s.closeErr = errors.Join(errs...)
	})
	return s.closeErr
}

// Path returns the absolute path of the database file, or "" for an
// in-memory store.
func (s *Store) Path() string { return s.path }

// SchemaVersion returns the schema version of the open database: the
// number of migrations applied.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	return userVersion(ctx, s.db)
}

package offline

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"sync"
	"time"
)

// A store on disk is repaired while the app runs. When SQLite reports that
// the file is damaged (SQLITE_CORRUPT or SQLITE_NOTADB, from any query:
// recovery_conn.go), and once after Open for a file too large for the
// start-up check, the repairer runs PRAGMA integrity_check on its own
// goroutine. When the check finds damage, the store is rebuilt beside the
// file from the seed, what only the file holds is salvaged into it (under
// the file's write lock, so that nothing written meanwhile is lost), the
// damaged file is moved aside and the new one takes its place; the pool's
// connections to the old file retire, and the next query reads the new
// one. Whoever registered with OnRepair is told what was kept.

// ErrStoreDamaged is what OnRepair is told, wrapped, when a check found
// the store damaged but the repair could not be done: the next Open
// repairs it. Other errors it is told mean that the check itself failed.
var ErrStoreDamaged = errors.New("offline: the store is damaged")

// recheckAfter is how long a check that found the file sound holds: reports
// of damage within it do not start another.
const recheckAfter = time.Minute

// repairer watches one store on disk.
type repairer struct {
	s      *Store
	seed   fs.FS
	wake   chan struct{}
	cancel context.CancelFunc
	done   chan struct{}

	mu        sync.Mutex
	soundAt   time.Time // when a check last found the file sound
	listeners []func(Recovery, error)
	last      *repairReport // the last report, for a listener that comes after it
}

// repairReport is what a repair tells its listeners.
type repairReport struct {
	rec Recovery
	err error
}

// startRepairer starts watching s; with checkNow it checks the file at
// once.
func startRepairer(s *Store, seed fs.FS, checkNow bool) *repairer {
	ctx, cancel := context.WithCancel(context.Background())
	r := &repairer{s: s, seed: seed, wake: make(chan struct{}, 1), cancel: cancel, done: make(chan struct{})}
	poke := func(error) { r.poke() }
	s.guard.onDamage.Store(&poke)
	go r.run(ctx, checkNow)
	return r
}

// poke asks for a check; asks made while one is waiting are the same ask.
func (r *repairer) poke() {
	select {
	case r.wake <- struct{}{}:
	default:
	}
}

// stop ends the watch, cancelling a check or repair under way, and waits
// for it.
func (r *repairer) stop() {
	r.cancel()
	<-r.done
}

func (r *repairer) run(ctx context.Context, checkNow bool) {
	defer close(r.done)
	if checkNow {
		r.checkAndRepair(ctx, false)
	}
	for {
		select {
		case <-ctx.Done():
			return
		case <-r.wake:
		}
		r.checkAndRepair(ctx, true)
	}
}

// checkAndRepair checks the file, and repairs it when it is damaged.
// reported says that SQLite reported damage: a check for that is skipped
// when one that SQLite's reports asked for found the file sound less than
// recheckAfter ago (the check after Open does not count, since damage may
// come later).
func (r *repairer) checkAndRepair(ctx context.Context, reported bool) {
	now := r.s.now()
	r.mu.Lock()
	recent := !r.soundAt.IsZero() && !now.Before(r.soundAt) && now.Sub(r.soundAt) < recheckAfter
	r.mu.Unlock()
	if reported && recent {
		return
	}
	problem, err := checkFile(ctx, r.s.path)
	switch {
	case ctx.Err() != nil:
		return
	case err != nil:
		r.report(Recovery{}, fmt.Errorf("check the store: %w", err))
		return
	case problem == "":
		if reported {
			r.mu.Lock()
			r.soundAt = now
			r.mu.Unlock()
		}
		return
	}
	// Should the repair fail, or the app stop during it, the next Open
	// checks the file in full and repairs it then.
	if err := os.WriteFile(damageMarker(r.s.path), []byte(problem+"\n"), 0o600); err != nil {
		r.report(Recovery{}, fmt.Errorf("%w (%s); repair: %w", ErrStoreDamaged, problem, err))
		return
	}
	rec, err := r.s.repairOpen(ctx, r.seed, problem)
	if ctx.Err() != nil {
		return
	}
	if err != nil {
		err = fmt.Errorf("%w (%s); %w", ErrStoreDamaged, problem, err)
	} else if rerr := os.Remove(damageMarker(r.s.path)); rerr != nil && !errors.Is(rerr, fs.ErrNotExist) {
		err = fmt.Errorf("repaired the store, but: %w", rerr)
	}
	r.report(rec, err)
}

// checkFile runs PRAGMA integrity_check on the file at path, read-only,
// and returns "" when it is sound, else the first problem found.
func checkFile(ctx context.Context, path string) (string, error) {
	db, err := sql.Open("sqlite3", probeDSN(path, "ro"))
	if err != nil {
		return "", err
	}
	defer db.Close()
	problem, err := pageCheck(ctx, db, "integrity_check")
	if err != nil && isDamage(err) {
		return err.Error(), nil
	}
	return problem, err
}

// OnRepair registers f to be told of each repair of the store while it is
// open: what was moved aside and what was kept, or why the store could not
// be repaired (an error wrapping ErrStoreDamaged: the next Open then
// repairs it), or that a check could not be made. f runs on the store's own
// goroutine; a repair that happened before f was registered is told at
// once. A store in memory is never repaired.
func (s *Store) OnRepair(f func(Recovery, error)) {
	if s.repair == nil {
		return
	}
	r := s.repair
	r.mu.Lock()
	r.listeners = append(r.listeners, f)
	last := r.last
	r.mu.Unlock()
	if last != nil {
		f(last.rec, last.err)
	}
}

// report tells every listener.
func (r *repairer) report(rec Recovery, err error) {
	r.mu.Lock()
	r.last = &repairReport{rec, err}
	ls := slices.Clone(r.listeners)
	r.mu.Unlock()
	for _, f := range ls {
		f(rec, err)
	}
}

// repairOpen replaces the damaged file of an open store with one rebuilt
// from the seed, holding what the damaged one still gives of
// salvageTables.
func (s *Store) repairOpen(ctx context.Context, seed fs.FS, problem string) (Recovery, error) {
	tmp := s.path + ".rebuild"
	if err := removeFileSet(tmp); err != nil {
		return Recovery{}, fmt.Errorf("repair the store: %w", err)
	}
	fresh, err := openPool(ctx, tmp, s.now)
	if err == nil {
		if err = fresh.prepare(ctx, seed); err != nil {
			_ = fresh.Close()
		}
	}
	if err != nil {
		_ = removeFileSet(tmp)
		return Recovery{}, fmt.Errorf("repair the store: %w", err)
	}
	lock := lockForRepair(ctx, s.path)
	defer lock.release()
	salvage, err := salvageInto(ctx, lock.source(), fresh.db)
	if cerr := fresh.Close(); err == nil {
		err = cerr
	}
	if err == nil && exists(tmp+"-wal") {
		err = errors.New("the rebuilt store kept a write-ahead log")
	}
	if err != nil {
		_ = removeFileSet(tmp)
		return Recovery{}, fmt.Errorf("repair the store: %w", err)
	}
	rec, err := moveAside(s.path, s.now, Corrupt, "the database is damaged: "+problem)
	if err == nil {
		if err = os.Rename(tmp, s.path); err != nil {
			err = errors.Join(err, moveBack(rec, s.path))
		}
	} else if rec.MovedTo != "" {
		err = errors.Join(err, moveBack(rec, s.path))
	}
	if err != nil {
		_ = removeFileSet(tmp)
		return Recovery{}, fmt.Errorf("repair the store: %w", err)
	}
	s.guard.retire()
	rec.Salvaged = salvage
	return rec, nil
}

// repairLock holds the damaged file's write lock while a repair reads it,
// so that no write is made to it that the repair would not see.
type repairLock struct {
	db *sql.DB
	tx *sql.Tx // nil when the lock could not be taken (a header too damaged)
}

// lockForRepair takes the write lock of the file at path, waiting for the
// writer that holds it (if any) as the store's own writers wait. When the
// lock cannot be taken, the repair reads without it.
func lockForRepair(ctx context.Context, path string) *repairLock {
	db, err := sql.Open("sqlite3", fileURI(path)+"?_busy_timeout=5000&_txlock=immediate")
	if err != nil {
		return &repairLock{}
	}
	db.SetMaxOpenConns(1)
	l := &repairLock{db: db}
	if tx, err := db.BeginTx(ctx, nil); err == nil {
		l.tx = tx
	}
	return l
}

// source is what the repair reads through.
func (l *repairLock) source() queryer {
	if l.tx != nil {
		return l.tx
	}
	if l.db != nil {
		return l.db
	}
	return noRows{}
}

// release lets the lock go.
func (l *repairLock) release() {
	if l.tx != nil {
		_ = l.tx.Rollback()
	}
	if l.db != nil {
		_ = l.db.Close()
	}
}

// noRows is a source that cannot be read.
type noRows struct{}

func (noRows) QueryContext(context.Context, string, ...any) (*sql.Rows, error) {
	return nil, errors.New("the damaged store could not be opened")
}

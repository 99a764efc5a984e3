package offline

import (
	"context"
	"database/sql/driver"
	"errors"
	"sync/atomic"

	"github.com/mattn/go-sqlite3"
)

// A file store's pool connects through a guardedConnector. Its connections
// do two things that the store's repair needs (recovery_repair.go):
//
//   - they notice SQLite saying the file is damaged (SQLITE_CORRUPT,
//     SQLITE_NOTADB), from any statement of any query, and tell the guard;
//   - once the file has been replaced by a repaired one, they retire: each
//     belongs to a generation of the file, and a connection of an older
//     generation answers driver.ErrBadConn, so database/sql closes it and
//     runs the statement again on a new connection, to the new file.
//
// A write that began on the old file after the repair had read it (an
// autocommit statement that was waiting for the repair's lock) is answered
// with driver.ErrBadConn too, although SQLite ran it: it ran on a file
// that is no longer the store, so database/sql running it again on the new
// file applies it once where it counts.

// connGuard is what a store's connections share: the generation of the
// file and where to report damage.
type connGuard struct {
	gen      atomic.Uint64
	onDamage atomic.Pointer[func(error)]
}

// retire makes every connection opened so far stale.
func (g *connGuard) retire() { g.gen.Add(1) }

// watch reports err to the guard when it says the file is damaged.
func (g *connGuard) watch(err error) {
	if err == nil || !isDamage(err) {
		return
	}
	if f := g.onDamage.Load(); f != nil {
		(*f)(err)
	}
}

// isDamage reports whether err is SQLite saying the file is damaged.
func isDamage(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && (se.Code == sqlite3.ErrCorrupt || se.Code == sqlite3.ErrNotADB)
}

// guardedConnector opens the store's file for its pool.
type guardedConnector struct {
	dsn   string
	drv   *sqlite3.SQLiteDriver
	guard *connGuard
}

var _ driver.Connector = (*guardedConnector)(nil)

// Connect implements driver.Connector. The generation is read before the
// file is opened, so a connection that might have opened the old file is
// never taken for one of the new.
func (c *guardedConnector) Connect(context.Context) (driver.Conn, error) {
	gen := c.guard.gen.Load()
	conn, err := c.drv.Open(c.dsn)
	if err != nil {
		c.guard.watch(err)
		return nil, err
	}
	sc, ok := conn.(*sqlite3.SQLiteConn)
	if !ok {
		_ = conn.Close()
		return nil, errors.New("open store: unexpected SQLite connection type")
	}
	return &guardedConn{SQLiteConn: sc, guard: c.guard, gen: gen}, nil
}

// Driver implements driver.Connector.
func (c *guardedConnector) Driver() driver.Driver { return c.drv }

// guardedConn is a connection of one generation of the file.
type guardedConn struct {
	*sqlite3.SQLiteConn
	guard *connGuard
	gen   uint64
}

var (
	_ driver.Validator       = (*guardedConn)(nil)
	_ driver.SessionResetter = (*guardedConn)(nil)
	_ driver.QueryerContext  = (*guardedConn)(nil)
	_ driver.ExecerContext   = (*guardedConn)(nil)
	_ driver.ConnBeginTx     = (*guardedConn)(nil)
)

func (c *guardedConn) current() bool { return c.gen == c.guard.gen.Load() }

// IsValid implements driver.Validator: a stale connection is not put back
// in the pool.
func (c *guardedConn) IsValid() bool { return c.current() }

// ResetSession implements driver.SessionResetter: a stale connection is
// not reused.
func (c *guardedConn) ResetSession(context.Context) error {
	if !c.current() {
		return driver.ErrBadConn
	}
	return nil
}

// ExecContext implements driver.ExecerContext.
func (c *guardedConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	if !c.current() {
		return nil, driver.ErrBadConn
	}
	res, err := c.SQLiteConn.ExecContext(ctx, query, args)
	c.guard.watch(err)
	if !c.current() && c.SQLiteConn.AutoCommit() {
		return nil, driver.ErrBadConn // it ran on the replaced file (see above)
	}
	return res, err
}

// QueryContext implements driver.QueryerContext.
func (c *guardedConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	if !c.current() {
		return nil, driver.ErrBadConn
	}
	rows, err := c.SQLiteConn.QueryContext(ctx, query, args)
	c.guard.watch(err)
	return c.guard.rows(rows), err
}

// PrepareContext implements driver.ConnPrepareContext.
func (c *guardedConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	if !c.current() {
		return nil, driver.ErrBadConn
	}
	st, err := c.SQLiteConn.PrepareContext(ctx, query)
	c.guard.watch(err)
	if ss, ok := st.(*sqlite3.SQLiteStmt); ok {
		return &guardedStmt{SQLiteStmt: ss, conn: c}, nil
	}
	return st, err
}

// BeginTx implements driver.ConnBeginTx.
func (c *guardedConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	if !c.current() {
		return nil, driver.ErrBadConn
	}
	tx, err := c.SQLiteConn.BeginTx(ctx, opts)
	c.guard.watch(err)
	if err != nil {
		return nil, err
	}
	if !c.current() {
		// It waited for the lock that a repair held, and got the old
		// file's: begin again on the new file.
		_ = tx.Rollback()
		return nil, driver.ErrBadConn
	}
	return &guardedTx{Tx: tx, guard: c.guard}, nil
}

// guardedStmt is a prepared statement of a guarded connection.
type guardedStmt struct {
	*sqlite3.SQLiteStmt
	conn *guardedConn
}

// ExecContext implements driver.StmtExecContext.
func (s *guardedStmt) ExecContext(ctx context.Context, args []driver.NamedValue) (driver.Result, error) {
	if !s.conn.current() {
		return nil, driver.ErrBadConn
	}
	res, err := s.SQLiteStmt.ExecContext(ctx, args)
	s.conn.guard.watch(err)
	return res, err
}

// QueryContext implements driver.StmtQueryContext.
func (s *guardedStmt) QueryContext(ctx context.Context, args []driver.NamedValue) (driver.Rows, error) {
	if !s.conn.current() {
		return nil, driver.ErrBadConn
	}
	rows, err := s.SQLiteStmt.QueryContext(ctx, args)
	s.conn.guard.watch(err)
	return s.conn.guard.rows(rows), err
}

// rows wraps the rows of a query so that damage met while stepping
// through them is reported too.
func (g *connGuard) rows(r driver.Rows) driver.Rows {
	if sr, ok := r.(*sqlite3.SQLiteRows); ok {
		return &guardedRows{SQLiteRows: sr, guard: g}
	}
	return r
}

// guardedRows reports damage met by Next.
type guardedRows struct {
	*sqlite3.SQLiteRows
	guard *connGuard
}

// Next implements driver.Rows.
func (r *guardedRows) Next(dest []driver.Value) error {
	err := r.SQLiteRows.Next(dest)
	r.guard.watch(err)
	return err
}

// guardedTx reports damage met at commit.
type guardedTx struct {
	driver.Tx
	guard *connGuard
}

// Commit implements driver.Tx.
func (t *guardedTx) Commit() error {
	err := t.Tx.Commit()
	t.guard.watch(err)
	return err
}

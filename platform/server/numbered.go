package server

import (
	"context"
	"database/sql/driver"
	"strconv"
	"strings"
	"sync"
)

// numbered rewrites a statement's ? placeholders as PostgreSQL's $1, $2,
// … in order, leaving quoted strings, quoted names and comments alone.
// The server's statements are written with ? once for both engines;
// PostgreSQL reads them numbered.
func numbered(q string) string {
	if v, ok := numberedCache.Load(q); ok {
		return v.(string)
	}
	var b strings.Builder
	b.Grow(len(q) + 16)
	n := 0
	for i := 0; i < len(q); i++ {
		c := q[i]
		switch {
		case c == '\'' || c == '"':
			end := strings.IndexByte(q[i+1:], c)
			if end < 0 {
				end = len(q) - i - 1
			}
			b.WriteString(q[i : i+end+2])
			i += end + 1 // a doubled quote is an end and a start: the same text either way
			continue
		case c == '-' && strings.HasPrefix(q[i:], "--"):
			end := strings.IndexByte(q[i:], '\n')
			if end < 0 {
				end = len(q) - i
			}
			b.WriteString(q[i : i+end])
			i += end - 1
			continue
		case c == '?':
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(c)
	}
	out := b.String()
	numberedCache.Store(q, out)
	return out
}

// numberedCache keeps each statement's numbered text: the server has a
// few dozen statements, each rewritten once.
var numberedCache sync.Map

// numberedConnector makes connections that number placeholders.
type numberedConnector struct{ driver.Connector }

func (c numberedConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	return numberedConn{conn.(pgxConn)}, nil
}

// pgxConn is what the pgx driver's connection does, as numberedConn
// passes it on.
type pgxConn interface {
	driver.Conn
	driver.ConnPrepareContext
	driver.ConnBeginTx
	driver.ExecerContext
	driver.QueryerContext
	driver.Pinger
	driver.NamedValueChecker
	driver.SessionResetter
}

// numberedConn numbers the placeholders of every statement it is given.
type numberedConn struct{ pgxConn }

func (c numberedConn) PrepareContext(ctx context.Context, q string) (driver.Stmt, error) {
	return c.pgxConn.PrepareContext(ctx, numbered(q))
}

func (c numberedConn) Prepare(q string) (driver.Stmt, error) {
	return c.pgxConn.PrepareContext(context.Background(), numbered(q))
}

func (c numberedConn) ExecContext(ctx context.Context, q string, args []driver.NamedValue) (driver.Result, error) {
	return c.pgxConn.ExecContext(ctx, numbered(q), args)
}

func (c numberedConn) QueryContext(ctx context.Context, q string, args []driver.NamedValue) (driver.Rows, error) {
	return c.pgxConn.QueryContext(ctx, numbered(q), args)
}

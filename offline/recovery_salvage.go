package offline

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
)

// salvageTables hold what only this device has: the user's settings and
// favourites, the resident's sealed personal records and the signed trust
// list that checks codes offline, and the requests not yet answered with
// their local side (orders, tickets, appointments, feedback). When a
// damaged store is replaced, their rows are copied into the new one;
// everything else comes back from the seed and the next sync. Parents come
// before their children, so that foreign keys hold as rows are written.
var salvageTables = []string{
	"settings", "favourites", "personal_records", "signed_trust_list",
	"outbox", "outbox_rows", "orders", "ticket_orders", "appointments", "feedback",
}

// Salvage says what a repair copied from the damaged store into the new
// one.
type Salvage struct {
	Rows       map[string]int // rows kept, by table
	Pending    int            // requests kept that are still waiting to be sent
	Personal   int            // sealed personal records kept
	Unreadable []string       // tables of which some rows could not be read; they stay in the moved file
}

// Kept reports whether anything was copied.
func (s Salvage) Kept() bool {
	for _, n := range s.Rows {
		if n > 0 {
			return true
		}
	}
	return false
}

// queryer is what rows are read through: the damaged database, or a
// transaction on it that holds its write lock.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// salvageInto copies the rows of salvageTables that src can still give
// into dst, a new store built from the seed, and says what it kept. A
// table or a row that cannot be read, or that dst refuses (a child whose
// parent was lost), is left out; only a failure to write dst at all is an
// error.
func salvageInto(ctx context.Context, src queryer, dst *sql.DB) (Salvage, error) {
	out := Salvage{Rows: map[string]int{}}
	tx, err := dst.BeginTx(ctx, nil)
	if err != nil {
		return out, fmt.Errorf("salvage: %w", err)
	}
	defer func() { _ = tx.Rollback() }()
	for _, table := range salvageTables {
		cols, err := columnsOf(ctx, tx, table)
		if err != nil {
			return out, fmt.Errorf("salvage %s: %w", table, err)
		}
		got, err := readRows(ctx, src, table, cols)
		if err != nil || got.partial {
			out.Unreadable = append(out.Unreadable, table)
		}
		if err := ctx.Err(); err != nil {
			return out, err
		}
		n, err := writeRows(ctx, tx, table, got)
		if err != nil {
			return out, fmt.Errorf("salvage %s: %w", table, err)
		}
		out.Rows[table] = n
		if n < len(got.rows) && !slices.Contains(out.Unreadable, table) {
			out.Unreadable = append(out.Unreadable, table) // rows whose parents were lost
		}
	}
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM outbox WHERE state = 'pending'").Scan(&out.Pending); err != nil {
		return out, fmt.Errorf("salvage: %w", err)
	}
	out.Personal = out.Rows["personal_records"]
	if err := tx.Commit(); err != nil {
		return out, fmt.Errorf("salvage: commit: %w", err)
	}
	return out, nil
}

// column is a column of a table, as PRAGMA table_info gives it.
type column struct {
	name, typ string
	pk        int // its place in the primary key, from 1; 0 when not in it
}

// columnsOf lists a table's columns; none when it has no such table.
func columnsOf(ctx context.Context, q queryer, table string) ([]column, error) {
	rows, err := q.QueryContext(ctx, "SELECT name, type, pk FROM pragma_table_info(?)", table)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []column
	for rows.Next() {
		var c column
		if err := rows.Scan(&c.name, &c.typ, &c.pk); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// writeRows writes the rows read from a table into the same table of tx,
// one statement each, replacing what the seed put there; a row that tx
// refuses is left out. It returns the number written.
func writeRows(ctx context.Context, tx *sql.Tx, table string, got tableRows) (int, error) {
	if len(got.rows) == 0 {
		return 0, nil
	}
	stmt, err := tx.PrepareContext(ctx, "INSERT OR REPLACE INTO "+quoteIdent(table)+" ("+
		quoteIdents(got.cols)+") VALUES ("+marks(len(got.cols))+")")
	if err != nil {
		return 0, err
	}
	defer stmt.Close()
	n := 0
	for _, r := range got.rows {
		if _, err := stmt.ExecContext(ctx, r...); err == nil {
			n++
		} else if ctx.Err() != nil {
			return n, ctx.Err()
		}
	}
	return n, nil
}

// quoteIdent quotes a table or column name for SQL.
func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

func quoteIdents(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = quoteIdent(n)
	}
	return strings.Join(q, ", ")
}

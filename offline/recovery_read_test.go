package offline

import (
	"context"
	"database/sql"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// btreePage is a page of a b-tree as read from the file: its type and the
// pages of its children (none for a leaf), in key order.
type btreePage struct {
	kind     byte
	cells    int
	children []int64
}

// readBtreePage parses the header of page n of the file.
func readBtreePage(t *testing.T, f *os.File, size, n int64) btreePage {
	t.Helper()
	b := make([]byte, size)
	if _, err := f.ReadAt(b, (n-1)*size); err != nil {
		t.Fatal(err)
	}
	h := b
	if n == 1 {
		h = b[100:]
	}
	p := btreePage{kind: h[0], cells: int(binary.BigEndian.Uint16(h[3:5]))}
	if p.kind != 0x02 && p.kind != 0x05 {
		return p // a leaf
	}
	for i := 0; i < p.cells; i++ {
		off := binary.BigEndian.Uint16(h[12+2*i:])
		p.children = append(p.children, int64(binary.BigEndian.Uint32(b[off:])))
	}
	p.children = append(p.children, int64(binary.BigEndian.Uint32(h[8:12])))
	return p
}

// leaves lists the leaf pages of the b-tree rooted at root, in key order,
// with how many cells each holds.
func leaves(t *testing.T, path string, root int64) (pages []int64, cells []int) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	size := pageSize(t, path)
	var walk func(n int64)
	walk = func(n int64) {
		p := readBtreePage(t, f, size, n)
		if p.children == nil {
			pages, cells = append(pages, n), append(cells, p.cells)
			return
		}
		for _, c := range p.children {
			walk(c)
		}
	}
	walk(root)
	return pages, cells
}

// TestReadRowsSkipsDamagedPages damages leaf pages in the middle of a
// table keyed by an integer (two, apart) and of one keyed by text (one),
// and reads them as salvage does: every row outside the damaged pages is
// read, including those between the two damaged stretches, and the
// tables are reported as partly unreadable.
func TestReadRowsSkipsDamagedPages(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "damaged.db")
	db, err := sql.Open("sqlite3", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	const n = 3000
	_, err = db.Exec(`CREATE TABLE ints (id INTEGER PRIMARY KEY, v TEXT NOT NULL);
		CREATE TABLE texts (k TEXT PRIMARY KEY, v TEXT NOT NULL) WITHOUT ROWID;
		WITH RECURSIVE i(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM i WHERE x < ` + fmt.Sprint(n) + `)
		INSERT INTO ints SELECT x * 7, printf('%0300d', x) FROM i;
		WITH RECURSIVE i(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM i WHERE x < ` + fmt.Sprint(n) + `)
		INSERT INTO texts SELECT printf('key-%05d', x), printf('%020d', x) FROM i;`)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		table string
		smash []int // which leaves, by their place among the table's leaves (per mille)
	}{
		{"ints", []int{250, 750}},
		{"texts", []int{500}},
	} {
		pages, cells := leaves(t, path, rootPage(t, path, tc.table))
		if len(pages) < 10 {
			t.Fatalf("%s has %d leaves; the test needs a deeper tree", tc.table, len(pages))
		}
		lost := 0
		for i, at := range tc.smash {
			leaf := len(pages) * at / 1000
			lost += cells[leaf]
			smashPage(t, path, pages[leaf], int64(30+i))
		}
		src, err := sql.Open("sqlite3", probeDSN(path, "ro"))
		if err != nil {
			t.Fatal(err)
		}
		defer src.Close()
		want, err := columnsOf(ctx, src, tc.table)
		if err != nil {
			t.Fatal(err)
		}
		var c int
		if err := src.QueryRowContext(ctx, "SELECT count(*) FROM "+tc.table).Scan(&c); err == nil {
			t.Fatalf("%s: counting the damaged table worked (%d rows); the damage is not where the test means", tc.table, c)
		}
		got, err := readRows(ctx, src, tc.table, want)
		if err != nil {
			t.Fatal(err)
		}
		if !got.partial {
			t.Errorf("%s: not reported as partly unreadable", tc.table)
		}
		if len(got.rows) != n-lost {
			t.Errorf("%s: read %d rows, want the %d outside the damaged pages", tc.table, len(got.rows), n-lost)
		}
		seen := map[string]bool{}
		for _, r := range got.rows {
			v := fmt.Sprint(r[len(r)-1])
			if seen[v] || strings.TrimLeft(v, "0") == "" {
				t.Fatalf("%s: row %q read twice or empty", tc.table, v)
			}
			seen[v] = true
		}
		t.Logf("%s: %d leaves, %d rows lost with the damaged pages, %d read", tc.table, len(pages), lost, len(got.rows))
	}
}

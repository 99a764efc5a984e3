package maps

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // raster MBTiles may hold JPEG tiles
	_ "image/png"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"

	_ "github.com/mattn/go-sqlite3" // the MBTiles file is a SQLite database
	_ "golang.org/x/image/webp"     // and may hold WebP tiles
)

// MBTiles is a tile set in an MBTiles file (the SQLite tile format of the
// MBTiles 1.3 spec: a metadata table of name/value rows and a tiles table
// keyed by zoom_level, tile_column and tile_row, rows counted from the
// south, TMS-style). It is both the renderer's cache and, opened with
// OpenMBTiles, a user's own raster basemap.
//
// An MBTiles file is a file format of its own, not the app's store, so it
// keeps its SQL here rather than in offline/.
type MBTiles struct {
	db     *sql.DB
	meta   map[string]string
	minZ   int
	maxZ   int
	attrib string
}

var _ TileSource = (*MBTiles)(nil)

// mbtilesSchema creates the two tables of the spec and its unique index,
// and sets the MBTiles magic number the spec names (0x4d504258, "MPBX").
const mbtilesSchema = `
PRAGMA application_id = 1297105496;
CREATE TABLE IF NOT EXISTS metadata (name TEXT, value TEXT);
CREATE UNIQUE INDEX IF NOT EXISTS metadata_name ON metadata (name);
CREATE TABLE IF NOT EXISTS tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);
CREATE UNIQUE INDEX IF NOT EXISTS tile_index ON tiles (zoom_level, tile_column, tile_row);
`

// OpenMBTiles opens an existing MBTiles file read-only. It fails with a
// clear error when the file is missing, not SQLite, or lacks the tables.
func OpenMBTiles(path string) (*MBTiles, error) {
	db, err := sql.Open("sqlite3", sqliteURI(path)+"?mode=ro&_busy_timeout=5000")
	if err != nil {
		return nil, fmt.Errorf("open mbtiles %s: %w", path, err)
	}
	m := &MBTiles{db: db}
	if err := m.readMetadata(context.Background()); err != nil {
		db.Close()
		return nil, fmt.Errorf("open mbtiles %s: %w", path, err)
	}
	var n int
	if err := db.QueryRow("SELECT count(*) FROM (SELECT 1 FROM tiles LIMIT 1)").Scan(&n); err != nil {
		db.Close()
		return nil, fmt.Errorf("open mbtiles %s: no tiles table: %w", path, err)
	}
	return m, nil
}

// createMBTiles opens or creates a writable MBTiles file. It is written
// in WAL mode, so that tiles are read while others are stored; seal puts
// it back in a rollback journal when it is closed.
func createMBTiles(path string) (*MBTiles, error) {
	db, err := sql.Open("sqlite3", sqliteURI(path)+"?_journal_mode=WAL&_busy_timeout=5000&_synchronous=NORMAL")
	if err != nil {
		return nil, fmt.Errorf("create mbtiles %s: %w", path, err)
	}
	if _, err := db.Exec(mbtilesSchema); err != nil {
		db.Close()
		return nil, fmt.Errorf("create mbtiles %s: %w", path, err)
	}
	m := &MBTiles{db: db}
	if err := m.readMetadata(context.Background()); err != nil {
		db.Close()
		return nil, fmt.Errorf("create mbtiles %s: %w", path, err)
	}
	return m, nil
}

// readMetadata loads the metadata table and the zooms and attribution it
// names; zooms default to 0–22 when the file does not say.
func (m *MBTiles) readMetadata(ctx context.Context) error {
	rows, err := m.db.QueryContext(ctx, "SELECT name, value FROM metadata")
	if err != nil {
		return fmt.Errorf("no metadata table: %w", err)
	}
	defer rows.Close()
	meta := map[string]string{}
	for rows.Next() {
		var k, v sql.NullString
		if err := rows.Scan(&k, &v); err != nil {
			return err
		}
		meta[k.String] = v.String
	}
	if err := rows.Err(); err != nil {
		return err
	}
	m.meta = meta
	m.minZ, m.maxZ = atoiOr(meta["minzoom"], 0), atoiOr(meta["maxzoom"], 22)
	m.attrib = stripTags(meta["attribution"])
	return nil
}

func atoiOr(s string, def int) int {
	if n, err := strconv.Atoi(strings.TrimSpace(s)); err == nil {
		return n
	}
	return def
}

// Metadata returns the file's metadata rows as read when it was opened or
// last written.
func (m *MBTiles) Metadata() map[string]string {
	out := make(map[string]string, len(m.meta))
	for k, v := range m.meta {
		out[k] = v
	}
	return out
}

// setMetadata replaces the metadata rows with meta.
func (m *MBTiles) setMetadata(ctx context.Context, meta map[string]string) error {
	var drop []string
	for k := range m.meta {
		if _, keep := meta[k]; !keep {
			drop = append(drop, k)
		}
	}
	return m.putMetadata(ctx, meta, drop...)
}

// putMetadata sets the rows of set and deletes the rows named in drop,
// keeping the others.
func (m *MBTiles) putMetadata(ctx context.Context, set map[string]string, drop ...string) error {
	tx, err := m.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback() //nolint:errcheck // a no-op after Commit
	for _, k := range drop {
		if _, err := tx.ExecContext(ctx, "DELETE FROM metadata WHERE name = ?", k); err != nil {
			return err
		}
	}
	for k, v := range set {
		if _, err := tx.ExecContext(ctx, "INSERT OR REPLACE INTO metadata (name, value) VALUES (?, ?)", k, v); err != nil {
			return err
		}
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	return m.readMetadata(ctx)
}

// heldZooms is the lowest and highest zoom the tiles table holds; ok is
// false when it holds none.
func (m *MBTiles) heldZooms(ctx context.Context) (lo, hi int, ok bool, err error) {
	var minZ, maxZ sql.NullInt64
	if err := m.db.QueryRowContext(ctx, "SELECT min(zoom_level), max(zoom_level) FROM tiles").Scan(&minZ, &maxZ); err != nil {
		return 0, 0, false, err
	}
	return int(minZ.Int64), int(maxZ.Int64), minZ.Valid, nil
}

// seal closes a file written by createMBTiles so that it stands alone:
// every page of the write-ahead log is copied into the file and the file
// is put back in a rollback journal, so that a copy of the .mbtiles alone
// (without -wal and -shm) is the whole tile set, and a reader on a
// read-only disk can open it. The file is closed even when that fails.
func (m *MBTiles) seal(ctx context.Context) error {
	m.db.SetMaxIdleConns(0) // the pool's other connections let go of the file
	conn, err := m.db.Conn(ctx)
	if err == nil {
		var busy, logged, copied int
		err = conn.QueryRowContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)").Scan(&busy, &logged, &copied)
		if err == nil && busy != 0 {
			err = errors.New("checkpoint: the file is busy")
		}
		var mode string
		if err == nil {
			err = conn.QueryRowContext(ctx, "PRAGMA journal_mode = DELETE").Scan(&mode)
		}
		if err == nil && mode != "delete" {
			err = fmt.Errorf("journal mode stays %q", mode)
		}
		err = errors.Join(err, conn.Close())
	}
	return errors.Join(err, m.db.Close())
}

// clearTiles deletes every tile.
func (m *MBTiles) clearTiles(ctx context.Context) error {
	_, err := m.db.ExecContext(ctx, "DELETE FROM tiles")
	return err
}

// TileData returns the stored bytes of t (PNG, JPEG or WebP), or an error
// wrapping ErrNoTile when the file has none.
func (m *MBTiles) TileData(ctx context.Context, t TileID) ([]byte, error) {
	if !t.Valid() {
		return nil, fmt.Errorf("tile %s: %w", t, ErrNoTile)
	}
	var b []byte
	err := m.db.QueryRowContext(ctx,
		"SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?",
		t.Z, t.X, tmsRow(t)).Scan(&b)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("tile %s: %w", t, ErrNoTile)
	}
	if err != nil {
		return nil, fmt.Errorf("tile %s: %w", t, err)
	}
	return b, nil
}

// putTile stores the bytes of t, replacing any earlier ones.
func (m *MBTiles) putTile(ctx context.Context, t TileID, data []byte) error {
	_, err := m.db.ExecContext(ctx,
		"INSERT OR REPLACE INTO tiles (zoom_level, tile_column, tile_row, tile_data) VALUES (?, ?, ?, ?)",
		t.Z, t.X, tmsRow(t), data)
	if err != nil {
		return fmt.Errorf("store tile %s: %w", t, err)
	}
	return nil
}

// Tile decodes the stored image of t.
func (m *MBTiles) Tile(ctx context.Context, t TileID) (image.Image, error) {
	b, err := m.TileData(ctx, t)
	if err != nil {
		return nil, err
	}
	img, _, err := image.Decode(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("tile %s: decode: %w", t, err)
	}
	return img, nil
}

// Zooms is the minzoom and maxzoom of the metadata.
func (m *MBTiles) Zooms() (minZoom, maxZoom int) { return m.minZ, m.maxZ }

// Attribution is the metadata's attribution.
func (m *MBTiles) Attribution() string { return m.attrib }

// Close closes the file.
func (m *MBTiles) Close() error { return m.db.Close() }

// tmsRow is the MBTiles tile_row of t: rows count from the south.
func tmsRow(t TileID) int { return (1 << uint(t.Z)) - 1 - t.Y }

// sqliteURI turns a file path into a SQLite URI, escaping '?', '#' and
// '%'. A relative path is taken from the working directory (a URI's path
// is absolute: "x.mbtiles" would otherwise be "/x.mbtiles").
func sqliteURI(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return "file:" + (&url.URL{Path: p}).EscapedPath()
}

// stripTags drops the HTML tags that MBTiles attributions often carry
// (links), keeping their text.
func stripTags(s string) string {
	var b strings.Builder
	in := false
	for _, r := range s {
		switch {
		case r == '<':
			in = true
		case r == '>' && in:
			in = false
		case !in:
			b.WriteRune(r)
		}
	}
	return strings.TrimSpace(b.String())
}

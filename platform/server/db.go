package server

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"runtime"
)

// DataDir is the per-user folder the reference server keeps its database
// in, made if missing and kept readable by its owner only (0700):
// $XDG_DATA_HOME/jiangsupass-platform, else
// ~/.local/share/jiangsupass-platform; on macOS and Windows, under the
// user's configuration folder (os.UserConfigDir).
func DataDir() (string, error) {
	base := os.Getenv("XDG_DATA_HOME")
	if !filepath.IsAbs(base) { // the XDG rule: a relative value is ignored
		switch runtime.GOOS {
		case "darwin", "windows", "ios", "android", "plan9":
			dir, err := os.UserConfigDir()
			if err != nil {
				return "", err
			}
			base = dir
		default:
			home, err := os.UserHomeDir()
			if err != nil {
				return "", err
			}
			base = filepath.Join(home, ".local", "share")
		}
	}
	dir := filepath.Join(base, "jiangsupass-platform")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	return dir, os.Chmod(dir, 0o700)
}

// querier is what *sql.DB and *sql.Tx share.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// getMeta reads a meta value ("" when unset).
func getMeta(ctx context.Context, q querier, key string) (string, error) {
	var v string
	err := q.QueryRowContext(ctx, "SELECT value FROM meta WHERE key = ?", key).Scan(&v)
	if err == sql.ErrNoRows {
		return "", nil
	}
	return v, err
}

// setMeta writes a meta value.
func setMeta(ctx context.Context, q querier, key, value string) error {
	_, err := q.ExecContext(ctx, "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", key, value)
	return err
}

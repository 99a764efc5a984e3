//go:build unix

package server

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"

	"jiangsupass/clock/clocktest"
)

// TestDatabaseIsPrivate opens a server in a folder that does not exist
// yet, with a umask that takes nothing away: the folder is made 0700 and
// the database, its -wal and -shm files and the admin token file are
// 0600. A database left 0644 by an older server is made 0600.
func TestDatabaseIsPrivate(t *testing.T) {
	old := syscall.Umask(0)
	defer syscall.Umask(old)
	dir := filepath.Join(t.TempDir(), "data")
	db := filepath.Join(dir, "platform.db")
	s, err := Open(context.Background(), db, Options{Now: clocktest.Fixed()})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Patch(context.Background(), "pois", "hub-001", []byte(`{"name":"南京南站"}`)); err != nil {
		t.Fatal(err)
	}
	mode := func(p string) os.FileMode {
		t.Helper()
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		return fi.Mode().Perm()
	}
	want := map[string]os.FileMode{dir: 0o700, db: 0o600, db + "-wal": 0o600, db + "-shm": 0o600, s.AdminTokenFile(): 0o600}
	for p, m := range want {
		if got := mode(p); got != m {
			t.Errorf("%s: mode %v, want %v", filepath.Base(p), got, m)
		}
	}
	s.Close()

	if err := os.Chmod(db, 0o644); err != nil {
		t.Fatal(err)
	}
	s, err = Open(context.Background(), db, Options{Now: clocktest.Fixed()})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got := mode(db); got != 0o600 {
		t.Errorf("a database left 0644: mode %v after opening, want 0600", got)
	}
}

// TestDataDir: the default database folder is per user, under
// $XDG_DATA_HOME or else ~/.local/share (not the shared temporary
// folder), made 0700.
func TestDataDir(t *testing.T) {
	if runtime.GOOS == "darwin" {
		t.Skip("macOS keeps it under the user's configuration folder")
	}
	old := syscall.Umask(0)
	defer syscall.Umask(old)
	home, xdg := t.TempDir(), t.TempDir()
	t.Setenv("HOME", home)
	for _, tc := range []struct{ xdg, want string }{
		{xdg, filepath.Join(xdg, "jiangsupass-platform")},
		{"", filepath.Join(home, ".local", "share", "jiangsupass-platform")},
		{"relative/ignored", filepath.Join(home, ".local", "share", "jiangsupass-platform")},
	} {
		t.Setenv("XDG_DATA_HOME", tc.xdg)
		dir, err := DataDir()
		if err != nil {
			t.Fatal(err)
		}
		if dir != tc.want {
			t.Errorf("XDG_DATA_HOME=%q: %s, want %s", tc.xdg, dir, tc.want)
		}
		if fi, err := os.Stat(dir); err != nil || fi.Mode().Perm() != 0o700 {
			t.Errorf("%s: %v %v, want a folder of mode 0700", dir, fi.Mode(), err)
		}
	}
}

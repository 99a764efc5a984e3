package offline

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// wantMovedTo is where a file is moved at the test clock's time.
func wantMovedTo(path string) string { return path + ".unusable-" + testNow.Format("20060102-150405") }

// pseudoRandom returns n reproducible bytes that are not a database.
func pseudoRandom(n int, seed int64) []byte {
	b := make([]byte, n)
	rand.New(rand.NewSource(seed)).Read(b)
	return b
}

// makeForeign writes a SQLite database of another program at path.
func makeForeign(t *testing.T, path string, pragmas string) {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(pragmas + "CREATE TABLE foo (id INTEGER PRIMARY KEY, bar TEXT); INSERT INTO foo (bar) VALUES ('theirs');"); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
}

// overwrite writes data into the file at offset.
func overwrite(t *testing.T, path string, offset int64, data []byte) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteAt(data, offset); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestOpenRecoversUnusableFile(t *testing.T) {
	tests := []struct {
		name   string
		make   func(t *testing.T, path string) // puts the unusable file at path
		kind   RecoveryKind
		reason string // a word the Reason must contain
	}{
		{
			name: "text file",
			make: func(t *testing.T, path string) {
				os.WriteFile(path, []byte(strings.Repeat("my shopping list: tea, rice\n", 200)), 0o600)
			},
			kind: NotADatabase, reason: "not a SQLite database",
		},
		{
			name: "random bytes",
			make: func(t *testing.T, path string) { os.WriteFile(path, pseudoRandom(64<<10, 1), 0o600) },
			kind: NotADatabase, reason: "not a SQLite database",
		},
		{
			name: "shorter than the SQLite magic",
			make: func(t *testing.T, path string) { os.WriteFile(path, []byte("SQLite f"), 0o600) },
			kind: NotADatabase, reason: "not a SQLite database",
		},
		{
			name: "another program's database",
			make: func(t *testing.T, path string) { makeForeign(t, path, "") },
			kind: ForeignDatabase, reason: "another program",
		},
		{
			name: "another program's database with its own application_id",
			make: func(t *testing.T, path string) {
				makeForeign(t, path, fmt.Sprintf("PRAGMA application_id = %d;", 0x47524552))
			},
			kind: ForeignDatabase, reason: "0x47524552",
		},
		{
			name: "our database with pages overwritten in the middle",
			make: func(t *testing.T, path string) {
				copyFile(t, templatePath, path)
				fi, _ := os.Stat(path)
				mid := fi.Size() / 2 / 4096 * 4096
				overwrite(t, path, mid, pseudoRandom(4*4096, 2))
			},
			kind: Corrupt, reason: "damaged",
		},
		{
			name: "our database with its schema page overwritten",
			make: func(t *testing.T, path string) {
				copyFile(t, templatePath, path)
				overwrite(t, path, 100, pseudoRandom(4096-100, 3)) // page 1, after the header
			},
			kind: Corrupt, reason: "damaged",
		},
		{
			// A user who went back to an older app: the newer file is kept
			// and the app starts (see inspect for why this is not refused).
			name: "schema newer than this app knows",
			make: func(t *testing.T, path string) {
				copyFile(t, templatePath, path)
				db, err := sql.Open("sqlite3", "file:"+path)
				if err != nil {
					t.Fatal(err)
				}
				defer db.Close()
				if _, err := db.Exec("PRAGMA user_version = 99"); err != nil {
					t.Fatal(err)
				}
			},
			kind: TooNew, reason: "newer version",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "store.db")
			tt.make(t, path)
			before, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}

			s, rec := openAt(t, path)
			if rec.Kind != tt.kind {
				t.Fatalf("Recovery.Kind = %v (%s), want %v", rec.Kind, rec.Reason, tt.kind)
			}
			if !rec.Happened() || !strings.Contains(rec.Reason, tt.reason) {
				t.Errorf("Recovery.Reason = %q, want it to mention %q", rec.Reason, tt.reason)
			}
			t.Logf("reason: %s", rec.Reason)
			if rec.MovedTo != wantMovedTo(path) {
				t.Errorf("MovedTo = %q, want %q", rec.MovedTo, wantMovedTo(path))
			}
			after, err := os.ReadFile(rec.MovedTo)
			if err != nil {
				t.Fatalf("moved file: %v", err)
			}
			if !bytes.Equal(before, after) {
				t.Error("the moved file differs from the user's file")
			}
			if n := count(t, s, "attractions"); n != 26 {
				t.Errorf("rebuilt store has %d attractions, want 26", n)
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			_, again := openAt(t, path)
			if again.Happened() {
				t.Errorf("second Open reported %+v", again)
			}
		})
	}
}

// TestRecoveryMovesCompanionFiles checks that a foreign database's WAL,
// which may hold its latest data, travels with it, so that the moved
// database opens with all its rows and no stale WAL is left beside the new
// store.
func TestRecoveryMovesCompanionFiles(t *testing.T) {
	dir := t.TempDir()
	live := filepath.Join(dir, "live.db")
	db, err := sql.Open("sqlite3", "file:"+live+"?_journal_mode=WAL")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if _, err := db.Exec("PRAGMA wal_autocheckpoint = 0; CREATE TABLE foo (bar TEXT); INSERT INTO foo VALUES ('only in the wal');"); err != nil {
		t.Fatal(err)
	}
	// Copy the files while the connection holds them: a crash, as seen on disk.
	path := filepath.Join(dir, "store.db")
	copyFile(t, live, path)
	copyFile(t, live+"-wal", path+"-wal")
	copyFile(t, live+"-shm", path+"-shm")

	s, rec := openAt(t, path)
	if rec.Kind != ForeignDatabase {
		t.Fatalf("Recovery = %+v, want a foreign database", rec)
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(rec.MovedTo + suffix); err != nil {
			t.Errorf("companion %s not moved: %v", suffix, err)
		}
	}
	if n := count(t, s, "attractions"); n != 26 {
		t.Errorf("new store has %d attractions", n)
	}
	moved, err := sql.Open("sqlite3", "file:"+rec.MovedTo+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer moved.Close()
	var bar string
	if err := moved.QueryRow("SELECT bar FROM foo").Scan(&bar); err != nil || bar != "only in the wal" {
		t.Errorf("moved database lost its WAL rows: %q, %v", bar, err)
	}
}

func TestOpenEmptyFileIsInitialised(t *testing.T) {
	path := filepath.Join(t.TempDir(), "store.db")
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	s, rec := openAt(t, path)
	if rec.Happened() {
		t.Errorf("empty file reported a recovery: %+v", rec)
	}
	if n := count(t, s, "attractions"); n != 26 {
		t.Errorf("%d attractions", n)
	}
	if matches, _ := filepath.Glob(path + ".unusable-*"); len(matches) != 0 {
		t.Errorf("files moved aside: %v", matches)
	}
}

// TestRecoveryNameTaken checks that a second recovery in the same second
// does not overwrite the first one's file.
func TestRecoveryNameTaken(t *testing.T) {
	path := filepath.Join(t.TempDir(), "store.db")
	if err := os.WriteFile(wantMovedTo(path), []byte("first"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte("second"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, rec := openAt(t, path)
	if rec.MovedTo != wantMovedTo(path)+"-2" {
		t.Errorf("MovedTo = %q", rec.MovedTo)
	}
	for file, want := range map[string]string{wantMovedTo(path): "first", rec.MovedTo: "second"} {
		if b, _ := os.ReadFile(file); string(b) != want {
			t.Errorf("%s holds %q, want %q", file, b, want)
		}
	}
}

// TestOpenDirectoryAtPathFails checks that Open leaves alone what it
// cannot judge: a directory where the file should be.
func TestOpenDirectoryAtPathFails(t *testing.T) {
	path := filepath.Join(t.TempDir(), "store.db")
	if err := os.Mkdir(path, 0o700); err != nil {
		t.Fatal(err)
	}
	s, rec, err := Open(context.Background(), path, testOptions())
	if err == nil {
		s.Close()
		t.Fatal("Open succeeded on a directory")
	}
	if rec.Happened() {
		t.Errorf("Recovery = %+v", rec)
	}
	if fi, err := os.Stat(path); err != nil || !fi.IsDir() {
		t.Errorf("directory disturbed: %v", err)
	}
}

func TestRecoveryKindString(t *testing.T) {
	for k, want := range map[RecoveryKind]string{NoRecovery: "none", NotADatabase: "not a database",
		ForeignDatabase: "foreign database", Corrupt: "corrupt", TooNew: "too new", 42: "RecoveryKind(42)"} {
		if got := k.String(); got != want {
			t.Errorf("%d.String() = %q, want %q", int(k), got, want)
		}
	}
}

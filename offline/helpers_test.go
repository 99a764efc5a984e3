package offline

import (
	"context"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
	"time"

	"jiangsupass/assets"
	"jiangsupass/assets/seed"
	"jiangsupass/clock/clocktest"
)

// testNow is the fixed "now" of the tests (see clocktest: JSP_TEST_NOW
// moves it).
var testNow = clocktest.Now()

// liveClock is the clock of the tests that sync with a reference server:
// it starts at testNow and moves on as real time passes, so that backoffs
// elapse. Stores and servers of a test share it.
var liveClock = clocktest.Running()

func testOptions() Options {
	return Options{Anchors: testAnchors, Now: func() time.Time { return testNow }}
}

// openAt opens (creating if needed) the store at path with the test clock
// and fails the test on error. The store is closed when the test ends.
func openAt(t testing.TB, path string) (*Store, Recovery) {
	t.Helper()
	s, rec, err := Open(context.Background(), path, testOptions())
	if err != nil {
		t.Fatalf("Open(%s): %v", path, err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s, rec
}

// templatePath is a seeded store made once per test run; seededCopy hands
// each test its own copy, which is much faster than importing again.
var templatePath string

func TestMain(m *testing.M) {
	if os.Getenv(crashChildEnv) != "" {
		os.Exit(crashChild()) // a child process of TestSyncSurvivesSIGKILL
	}
	dir, err := os.MkdirTemp("", "offline-template-")
	if err != nil {
		panic(err)
	}
	templatePath = filepath.Join(dir, "template.db")
	s, _, err := Open(context.Background(), templatePath, testOptions())
	if err != nil {
		panic(err)
	}
	if err := s.Close(); err != nil {
		panic(err)
	}
	code := m.Run()
	_ = os.RemoveAll(dir)
	os.Exit(code)
}

// seededCopy copies the template store into a fresh directory and returns
// the copy's path.
func seededCopy(t testing.TB) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "store.db")
	copyFile(t, templatePath, path)
	return path
}

func copyFile(t testing.TB, from, to string) {
	t.Helper()
	src, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	dst, err := os.Create(to)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		t.Fatal(err)
	}
	if err := dst.Close(); err != nil {
		t.Fatal(err)
	}
}

// seedCopy returns the embedded seed as a MapFS that a test may change.
func seedCopy(t testing.TB) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(assets.Data, seed.Dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		b, err := fs.ReadFile(assets.Data, p)
		m[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// count returns the rows of a table.
func count(t testing.TB, s *Store, table string) int {
	t.Helper()
	var n int
	if err := s.db.QueryRow("SELECT count(*) FROM " + table).Scan(&n); err != nil {
		t.Fatalf("count %s: %v", table, err)
	}
	return n
}

package offline

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// TestMemoryStoreLeavesNoFile checks kiosk mode: a full store, shared by
// all its connections, separate from other memory stores, and nothing
// written to the directory of the path it was given.
func TestMemoryStoreLeavesNoFile(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "store.db")
	opt := testOptions()
	opt.Memory = true
	a, rec, err := Open(ctx, path, opt)
	if err != nil {
		t.Fatal(err)
	}
	b, _, err := Open(ctx, path, opt)
	if err != nil {
		t.Fatal(err)
	}
	if rec.Happened() || a.Path() != "" {
		t.Errorf("memory store: recovery %+v, path %q", rec, a.Path())
	}
	if err := a.SetSetting(ctx, "card", "personal"); err != nil {
		t.Fatal(err)
	}
	// Every connection of the pool sees the same database.
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if v, _, err := a.Setting(ctx, "card"); v != "personal" || err != nil {
				t.Errorf("Setting from another goroutine = %q, %v", v, err)
			}
			if as, err := a.Attractions(ctx, AttractionFilter{}); len(as) != 26 || err != nil {
				t.Errorf("Attractions = %d, %v", len(as), err)
			}
		}()
	}
	wg.Wait()
	if _, ok, _ := b.Setting(ctx, "card"); ok {
		t.Error("a second memory store sees the first one's data")
	}
	st, err := a.Stats(ctx)
	if err != nil || st.SizeBytes <= 0 || st.Counts["stations"] != 678 {
		t.Errorf("Stats = %+v, %v", st, err)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	if err := a.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	b.Close()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 0 {
		t.Errorf("memory mode wrote %d files, first %s", len(entries), entries[0].Name())
	}
}

// TestConcurrentUse reads and writes one file store from many goroutines;
// run with -race.
func TestConcurrentUse(t *testing.T) {
	ctx := context.Background()
	s, _ := openAt(t, seededCopy(t))
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			for j := 0; j < 10; j++ {
				if err := s.SetSetting(ctx, fmt.Sprintf("k%d", i), fmt.Sprint(j)); err != nil {
					t.Error(err)
					return
				}
				if _, err := s.MetroLines(ctx, "320500"); err != nil {
					t.Error(err)
					return
				}
				if _, err := s.Stats(ctx); err != nil {
					t.Error(err)
					return
				}
			}
		}(i)
	}
	wg.Wait()
	for i := 0; i < 8; i++ {
		if v, _, _ := s.Setting(ctx, fmt.Sprintf("k%d", i)); v != "9" {
			t.Errorf("k%d = %q", i, v)
		}
	}
}

// TestTwoStoresOnOneFile opens the same file twice, as two instances of the
// desktop app would; the second sees the first's data and imports nothing.
func TestTwoStoresOnOneFile(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "store.db")
	a, _ := openAt(t, path)
	b, rec := openAt(t, path)
	if rec.Happened() {
		t.Fatalf("second store recovered: %+v", rec)
	}
	if err := a.SetSetting(ctx, "theme", "dark"); err != nil {
		t.Fatal(err)
	}
	if v, _, err := b.Setting(ctx, "theme"); v != "dark" || err != nil {
		t.Errorf("second store reads %q, %v", v, err)
	}
}

func TestOpenNeedsPath(t *testing.T) {
	if _, _, err := Open(context.Background(), "", Options{}); err == nil {
		t.Error("Open with no path succeeded")
	}
}

func TestFileURIEscapes(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "my data?#%20")
	s, _ := openAt(t, filepath.Join(dir, "store.db"))
	if _, err := os.Stat(filepath.Join(dir, "store.db")); err != nil {
		t.Errorf("store not at the path with URI characters: %v", err)
	}
	if s.Path() != filepath.Join(dir, "store.db") {
		t.Errorf("Path() = %q", s.Path())
	}
}

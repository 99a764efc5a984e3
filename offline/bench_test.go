package offline

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"

	"jiangsupass/assets/seed"
)

// BenchmarkOpenExisting is Open on the app's start-up path: a store that
// is already seeded and up to date (header checks, quick_check, no
// migration, no import). Close is not timed.
func BenchmarkOpenExisting(b *testing.B) {
	ctx := context.Background()
	path := seededCopy(b)
	for i := 0; i < b.N; i++ {
		s, _, err := Open(ctx, path, Options{Anchors: testAnchors, Now: liveClock})
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
}

// BenchmarkOpenFirstRun is Open with no file: three migrations and the
// import of the whole seed in one transaction.
func BenchmarkOpenFirstRun(b *testing.B) {
	ctx := context.Background()
	dir := b.TempDir()
	for i := 0; i < b.N; i++ {
		s, _, err := Open(ctx, filepath.Join(dir, fmt.Sprintf("store%d.db", i)), Options{Anchors: testAnchors, Now: liveClock})
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
}

// BenchmarkOpenMemory is Open in kiosk mode, which imports the seed every
// time.
func BenchmarkOpenMemory(b *testing.B) {
	ctx := context.Background()
	for i := 0; i < b.N; i++ {
		s, _, err := Open(ctx, "", Options{Memory: true, Anchors: testAnchors, Now: liveClock})
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
}

// BenchmarkQuickCheck is the share of BenchmarkOpenExisting that PRAGMA
// quick_check takes on the seeded store.
func BenchmarkQuickCheck(b *testing.B) {
	db, err := sql.Open("sqlite3", probeDSN(seededCopy(b), "ro"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	for i := 0; i < b.N; i++ {
		if problem, err := quickCheck(ctx, db); err != nil || problem != "" {
			b.Fatal(problem, err)
		}
	}
}

// BenchmarkLoadSeed is the parsing and checking share of the first run.
func BenchmarkLoadSeed(b *testing.B) {
	snap := seedCopy(b)
	for i := 0; i < b.N; i++ {
		if _, err := seed.Load(snap); err != nil {
			b.Fatal(err)
		}
	}
}

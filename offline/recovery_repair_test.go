package offline

import (
	"context"
	"database/sql"
	"encoding/binary"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"jiangsupass/clock/clocktest"
	"jiangsupass/offline/search"
	"jiangsupass/platform"
	"jiangsupass/platform/server"
)

// syncedCatalogue is how many generated service items the platform of the
// repair tests serves: enough for a store of about 7 MB, well above
// quickCheckLimit.
const syncedCatalogue = 10000

// syncedFixture is a store that has synced the catalogue and the
// resident's data, with requests waiting to be sent, a favourite and a
// setting, closed; and the platform it synced from, still running.
type syncedFixture struct {
	dir     string // the store and its personal key
	ps      *platformServer
	client  *platform.Client // signed in
	pending []OutboxItem     // the requests waiting, as the store gave them
	card    CardRecord
}

// newSyncedFixture builds the fixture in a directory of its own.
func newSyncedFixture(t *testing.T) *syncedFixture {
	t.Helper()
	ctx := context.Background()
	f := &syncedFixture{dir: t.TempDir(), ps: startPlatform(t, server.Options{Catalogue: syncedCatalogue})}
	path := filepath.Join(f.dir, "store.db")
	copyFile(t, templatePath, path)
	s, _, err := Open(ctx, path, Options{Anchors: testAnchors, Now: liveClock})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	c := testClient(f.ps.HTTP.URL, nil)
	f.client = c
	phone := server.DemoAccounts[0].Phone
	if _, err := c.RequestCode(ctx, phone); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SignIn(ctx, c, phone, f.ps.code(phone)); err != nil {
		t.Fatal(err)
	}
	if err := s.SyncPersonal(ctx, c); err != nil {
		t.Fatal(err)
	}
	if err := NewSyncEngine(s, c, SyncOptions{PageLimit: 1000}).Sync(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Search(ctx, "zzy", search.Options{}); err != nil { // builds the search index
		t.Fatal(err)
	}
	// Requests made offline: they wait in the outbox.
	halls, err := s.ServiceHalls(ctx, "320100")
	if err != nil || len(halls) == 0 {
		t.Fatalf("halls: %v", err)
	}
	if _, err := s.BookAppointment(ctx, platform.AppointmentRequest{HallID: halls[0].ID, ItemID: 7,
		Date: clocktest.WorkdayAfter(liveClock()), Time: "09:30"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SendFeedback(ctx, platform.FeedbackRequest{Category: "交通", Text: "地铁站出口指示不清",
		Contact: "13800000000"}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetFavourite(ctx, FavouriteAttraction, "5a-001", true); err != nil {
		t.Fatal(err)
	}
	if err := s.SetSetting(ctx, "language", "ja"); err != nil {
		t.Fatal(err)
	}
	// A table made and dropped leaves free pages, as a long-used store has.
	if _, err := s.db.ExecContext(ctx, `CREATE TABLE scratch AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200)
		SELECT i, randomblob(3000) AS b FROM n;
		DROP TABLE scratch;`); err != nil {
		t.Fatal(err)
	}
	if f.pending, err = s.Outbox(ctx, OutboxPending); err != nil || len(f.pending) != 2 {
		t.Fatalf("pending requests: %+v, %v", f.pending, err)
	}
	if f.card, err = s.Card(ctx); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Size() < 6<<20 || fi.Size() <= quickCheckLimit {
		t.Fatalf("the synced store is %d bytes, want about 7 MB", fi.Size())
	}
	t.Logf("synced store: %.1f MB", float64(fi.Size())/(1<<20))
	return f
}

// copyTo copies the fixture's store and key into a new directory and
// returns the store's path.
func (f *syncedFixture) copyTo(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	copyFile(t, filepath.Join(f.dir, "store.db"), filepath.Join(dir, "store.db"))
	copyFile(t, filepath.Join(f.dir, PersonalKeyFile), filepath.Join(dir, PersonalKeyFile))
	return filepath.Join(dir, "store.db")
}

// fileHeader reads the 100-byte header of a database file.
func fileHeader(t *testing.T, path string) []byte {
	t.Helper()
	b := make([]byte, 100)
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.ReadAt(b, 0); err != nil {
		t.Fatal(err)
	}
	return b
}

// pageSize reads the page size from a database file's header.
func pageSize(t *testing.T, path string) int64 {
	t.Helper()
	n := int64(binary.BigEndian.Uint16(fileHeader(t, path)[16:18]))
	if n == 1 {
		n = 65536
	}
	return n
}

// rootPage is the root page of a table or index, from sqlite_schema.
func rootPage(t *testing.T, path, name string) int64 {
	t.Helper()
	db, err := sql.Open("sqlite3", probeDSN(path, "ro"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var p int64
	if err := db.QueryRow("SELECT rootpage FROM sqlite_schema WHERE name = ?", name).Scan(&p); err != nil {
		t.Fatalf("root page of %s: %v", name, err)
	}
	return p
}

// freelistTrunk is the first trunk page of the freelist, from the header;
// it fails the test when the freelist is empty.
func freelistTrunk(t *testing.T, path string) int64 {
	t.Helper()
	b := fileHeader(t, path)
	trunk, free := binary.BigEndian.Uint32(b[32:36]), binary.BigEndian.Uint32(b[36:40])
	if trunk == 0 || free == 0 {
		t.Fatal("the store has no free pages")
	}
	return int64(trunk)
}

// smashPage writes garbage over a whole page of the file.
func smashPage(t *testing.T, path string, page int64, seed int64) {
	t.Helper()
	size := pageSize(t, path)
	overwrite(t, path, (page-1)*size, pseudoRandom(int(size), seed))
}

// The three kinds of damage of the repair tests.
var (
	smashTableRoot = func(t *testing.T, path string) { smashPage(t, path, rootPage(t, path, "attractions"), 11) }
	smashIndex     = func(t *testing.T, path string) {
		smashPage(t, path, rootPage(t, path, "service_items_by_audience_theme"), 12)
	}
	smashFreelist = func(t *testing.T, path string) { smashPage(t, path, freelistTrunk(t, path), 13) }
)

// TestDamagedSyncedStoreIsRepaired damages a 7 MB store that has synced
// the catalogue and the resident's data (too large for the start-up
// check) in each of three places and in all three at once: the root page
// of a table, an index and the freelist. The app opens it, the damage is
// found and the store repaired while it is open: the attractions read
// again, the requests waiting to be sent are still there and open with
// the device's key, the personal data, the favourite and the setting are
// kept, the damaged file is kept beside it, and the next sync brings the
// catalogue back and delivers the requests.
func TestDamagedSyncedStoreIsRepaired(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 7 MB synced store")
	}
	f := newSyncedFixture(t)
	for _, tc := range []struct {
		name  string
		smash []func(*testing.T, string)
	}{
		{"table root page", []func(*testing.T, string){smashTableRoot}},
		{"index", []func(*testing.T, string){smashIndex}},
		{"freelist", []func(*testing.T, string){smashFreelist}},
		{"all three", []func(*testing.T, string){smashTableRoot, smashIndex, smashFreelist}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			path := f.copyTo(t)
			for _, smash := range tc.smash {
				smash(t, path)
			}
			damaged, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			s, rec, err := Open(ctx, path, Options{Anchors: testAnchors, Now: liveClock})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			repaired := make(chan Recovery, 1)
			s.OnRepair(func(r Recovery, err error) {
				if err != nil {
					t.Errorf("repair: %v", err)
				}
				repaired <- r
			})
			if rec.Happened() {
				t.Logf("Open moved the file aside: %s", rec.Reason)
			} else {
				// What the user does meanwhile: browse, and find the
				// attractions unreadable until the repair is done.
				if _, err := s.Attractions(ctx, AttractionFilter{}); err != nil {
					t.Logf("before the repair: %v", err)
				}
				select {
				case rec = <-repaired:
				case <-time.After(60 * time.Second):
					t.Fatal("the damaged store was not repaired")
				}
			}
			checkRepaired(t, s, rec, damaged, f)
		})
	}
}

// checkRepaired checks a repaired store against the fixture it was made
// from, then syncs it.
func checkRepaired(t *testing.T, s *Store, rec Recovery, damaged []byte, f *syncedFixture) {
	t.Helper()
	ctx := context.Background()
	t.Logf("repair: %s; kept %+v", rec.Reason, rec.Salvaged)
	if rec.Kind != Corrupt || rec.MovedTo == "" {
		t.Fatalf("Recovery = %+v", rec)
	}
	if kept, err := os.ReadFile(rec.MovedTo); err != nil || len(kept) < len(damaged)/2 {
		t.Errorf("the damaged file was not kept at %s: %v", rec.MovedTo, err)
	}
	if as, err := s.Attractions(ctx, AttractionFilter{}); err != nil || len(as) != 26 {
		t.Fatalf("attractions after the repair: %d, %v", len(as), err)
	}
	if rec.Salvaged.Pending != 2 || rec.Salvaged.Personal == 0 || len(rec.Salvaged.Unreadable) != 0 {
		t.Errorf("Salvaged = %+v, want the 2 requests and the personal records, all readable", rec.Salvaged)
	}
	pending, err := s.Outbox(ctx, OutboxPending)
	if err != nil || len(pending) != 2 {
		t.Fatalf("pending requests after the repair: %+v, %v", pending, err)
	}
	for i, it := range pending {
		want := f.pending[i]
		if it.ID != want.ID || it.Key != want.Key || string(it.Body) != string(want.Body) || it.Unreadable {
			t.Errorf("request %d after the repair: %+v, want %+v", i, it, want)
		}
	}
	if as, err := s.Appointments(ctx); err != nil || len(as) != 1 || as[0].Status != RequestPending {
		t.Errorf("appointments after the repair: %+v, %v", as, err)
	}
	if card, err := s.Card(ctx); err != nil || card.Card.CardNo != f.card.Card.CardNo {
		t.Errorf("card after the repair: %+v, %v", card, err)
	}
	if favs, err := s.Favourites(ctx, FavouriteAttraction); err != nil || !slices.Equal(favs, []string{"5a-001"}) {
		t.Errorf("favourites after the repair: %v, %v", favs, err)
	}
	if v, _, err := s.Setting(ctx, "language"); err != nil || v != "ja" {
		t.Errorf("language after the repair: %q, %v", v, err)
	}
	if problem, err := checkFile(ctx, s.Path()); err != nil || problem != "" {
		t.Errorf("the repaired store: %q, %v", problem, err)
	}
	// The rest comes back with the next sync, which also delivers the
	// requests.
	if err := NewSyncEngine(s, f.client, SyncOptions{PageLimit: 1000}).Sync(ctx); err != nil {
		t.Fatal(err)
	}
	if n := count(t, s, "service_items"); n != 66+syncedCatalogue {
		t.Errorf("service items after the next sync: %d", n)
	}
	if left, err := s.Outbox(ctx, OutboxPending); err != nil || len(left) != 0 {
		t.Errorf("requests still waiting after the sync: %+v, %v", left, err)
	}
}

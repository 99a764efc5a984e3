package app

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"jiangsupass/offline"
	"jiangsupass/platform"
	"jiangsupass/screens"
	"jiangsupass/translations"
)

// TestDamagedStoreIsReportedOnHome puts a file that is not a database at
// the store's path: the app must start, on rebuilt data, and tell the user
// in their language where the old file was kept.
func TestDamagedStoreIsReportedOnHome(t *testing.T) {
	a := test.NewTempApp(t)
	path := filepath.Join(t.TempDir(), storeFile)
	if err := os.WriteFile(path, []byte("these are my notes, not a database"), 0o600); err != nil {
		t.Fatal(err)
	}
	store, rec, err := offline.Open(context.Background(), path, offline.Options{Now: snapshotClock})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	if rec.MovedTo == "" {
		t.Fatal("the damaged file was not moved aside")
	}
	w := test.NewTempWindow(t, nil)
	phoneShell(t, a, w, store, func(s *Shell) { s.notice = recoveryNotice(s.Localizer(), rec) })
	found := false
	for _, txt := range texts(w.Content()) {
		if strings.Contains(txt.Text, "damaged") {
			found = true
		}
	}
	if !found {
		t.Error("Home does not tell the user their data file was damaged")
	}
	kept, err := os.ReadFile(rec.MovedTo)
	if err != nil || string(kept) != "these are my notes, not a database" {
		t.Errorf("the user's file was not kept intact at %s: %v", rec.MovedTo, err)
	}
	if st, err := store.Stats(context.Background()); err != nil || st.Counts["attractions"] != 26 {
		t.Errorf("store not rebuilt from the seed: %v %v", st.Counts, err)
	}
}

// phoneShell shows the app in English in a phone-sized window over store,
// with loads run at once; before, if given, changes the shell before it
// is first built.
func phoneShell(t *testing.T, a fyne.App, w fyne.Window, store *offline.Store, before func(*Shell)) *Shell {
	t.Helper()
	s, err := newShell(a, w, store, prefs{lang: "en", theme: ThemeLight}, "test", snapshotClock)
	if err != nil {
		t.Fatal(err)
	}
	s.sync = true
	s.layout = LayoutPhone
	if before != nil {
		before(s)
	}
	w.SetContent(s.Content())
	w.Resize(fyne.NewSize(390, 844))
	return s
}

// damageAttractions writes garbage over the root page of the attractions
// table in the store's file, as a failing disk would.
func damageAttractions(t *testing.T, path string) {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	var root, size int64
	err = db.QueryRow("SELECT rootpage FROM sqlite_schema WHERE name = 'attractions'").Scan(&root)
	if err == nil {
		err = db.QueryRow("PRAGMA page_size").Scan(&size)
	}
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteAt(bytes.Repeat([]byte{0xA5}, int(size)), (root-1)*size); err != nil {
		t.Fatal(err)
	}
}

// storeWithRequest opens a store at a new path with a request waiting to
// be sent and a setting of the user's. The seed is imported by an earlier
// opening, so that the seed's pages are in the file itself, not in the
// write-ahead log.
func storeWithRequest(t *testing.T) (*offline.Store, string) {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), storeFile)
	store, _, err := offline.Open(ctx, path, offline.Options{Now: snapshotClock})
	if err == nil {
		err = store.Close()
	}
	if err != nil {
		t.Fatal(err)
	}
	store, _, err = offline.Open(ctx, path, offline.Options{Now: snapshotClock})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = store.Close() })
	if _, err := store.SendFeedback(ctx, platform.FeedbackRequest{Category: "交通", Text: "站牌过时"}); err != nil {
		t.Fatal(err)
	}
	if err := store.SetSetting(ctx, settingElder, "true"); err != nil {
		t.Fatal(err)
	}
	return store, path
}

// TestRepairedStoreSaysWhatWasKept damages a store with a request not yet
// sent: the app starts on the repaired store and tells the user, in their
// language, that the request, the settings and the rest are back or will
// be.
func TestRepairedStoreSaysWhatWasKept(t *testing.T) {
	store, path := storeWithRequest(t)
	if err := store.Close(); err != nil {
		t.Fatal(err)
	}
	damageAttractions(t, path)
	store, rec, err := offline.Open(context.Background(), path, offline.Options{Now: snapshotClock})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	if rec.Kind != offline.Corrupt {
		t.Fatalf("Recovery = %+v", rec)
	}
	for lang, want := range map[string][]string{
		"en":      {"was damaged and has been repaired", "1 request not yet sent was kept", "settings and favourites were kept", "rebuilt from the built-in data"},
		"zh-Hans": {"本机数据已损坏，现已修复。", "尚未发送的 1 项申请已保留", "您的设置和收藏已保留。景点"},
	} {
		l, err := translations.New(lang)
		if err != nil {
			t.Fatal(err)
		}
		notice := recoveryNotice(l, rec)
		for _, w := range want {
			if !strings.Contains(notice, w) {
				t.Errorf("%s notice %q does not say %q", lang, notice, w)
			}
		}
		if strings.Contains(notice, "personal") || strings.Contains(notice, "个人信息") {
			t.Errorf("%s notice %q speaks of personal details that were never there", lang, notice)
		}
		if missing := l.Missing(); len(missing) > 0 {
			t.Errorf("%s: untranslated %v", lang, missing)
		}
	}
}

// TestRepairWhileRunningIsShown damages the store under the running app:
// opening the attractions meets the damage, which starts the repair, and
// the app then tells the user at once what was kept and shows the
// attractions again, read from the repaired store.
func TestRepairWhileRunningIsShown(t *testing.T) {
	a := test.NewTempApp(t)
	store, path := storeWithRequest(t)
	damageAttractions(t, path)
	w := test.NewTempWindow(t, nil)
	s := phoneShell(t, a, w, store, nil)
	// What watchRepairs does, with this goroutine as the UI's (the test
	// driver's fyne.Do would run the shell on the store's goroutine).
	type report struct {
		rec offline.Recovery
		err error
	}
	reports := make(chan report, 1)
	store.OnRepair(func(rec offline.Recovery, err error) { reports <- report{rec, err} })
	s.Go(screens.Route{Screen: screens.AttractionsID})
	if !hasText(w.Content(), s.loc.T("Retry")) {
		t.Error("the attractions over the damaged page do not say they cannot be read")
	}
	select {
	case r := <-reports:
		s.repaired(r.rec, r.err)
	case <-time.After(30 * time.Second):
		t.Fatal("the store was not repaired")
	}
	if !strings.Contains(s.notice, "1 request not yet sent was kept") {
		t.Errorf("notice after the repair: %q", s.notice)
	}
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog tells the user of the repair")
	}
	var shown []string
	for _, txt := range texts(top) {
		shown = append(shown, txt.Text)
	}
	if got := strings.Join(shown, " "); !strings.Contains(got, "was damaged and has been repaired") {
		t.Errorf("the dialog reads %q", got)
	}
	if s.Current().Screen != screens.AttractionsID || hasText(w.Content(), s.loc.T("Retry")) {
		t.Errorf("after the repair the app shows %v, unreadable: %v", s.Current(), hasText(w.Content(), s.loc.T("Retry")))
	}
	if as, err := store.Attractions(context.Background(), offline.AttractionFilter{}); err != nil || len(as) != 26 {
		t.Errorf("attractions after the repair: %d, %v", len(as), err)
	}
}

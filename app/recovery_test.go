package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"jiangsupass/offline"
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
	s, err := newShell(a, w, store, prefs{lang: "en", theme: ThemeLight}, "test", snapshotClock)
	if err != nil {
		t.Fatal(err)
	}
	s.sync = true
	s.layout = LayoutPhone
	s.notice = recoveryNotice(s.Localizer(), rec)
	w.SetContent(s.Content())
	w.Resize(fyne.NewSize(390, 844))
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

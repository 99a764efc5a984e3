package transit_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"jiangsupass/transit"
)

// writeFeed writes the files of a feed into dir.
func writeFeed(t *testing.T, dir string, files map[string][]byte) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// sampleFiles is the example feed as file contents, with changes.
func sampleFiles(t *testing.T, change map[string]string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for name, f := range sampleFS(t) {
		out[name] = f.Data
	}
	for name, text := range change {
		if text == "" {
			delete(out, name)
			continue
		}
		out[name] = []byte(text)
	}
	return out
}

// TestLoadFolderNamesEveryBadFeed puts a good feed beside four bad ones
// (a file that is not a zip, a zip without stops.txt, a folder with a bad
// line, a zip bomb) and a file that is not a feed: every bad feed comes
// back with its own error, the good one with its feed.
func TestLoadFolderNamesEveryBadFeed(t *testing.T) {
	dir := t.TempDir()
	writeFeed(t, filepath.Join(dir, "a-good"), sampleFiles(t, nil))
	writeFeed(t, filepath.Join(dir, "c-bad-line"), sampleFiles(t, map[string]string{
		"routes.txt": "route_id,agency_id,route_short_name,route_long_name,route_type\nAB,DTA,10,Airport,3\nBFC,XXX,20,Furnace Creek,3\n"}))
	if err := os.WriteFile(filepath.Join(dir, "b-broken.zip"), []byte("not a zip"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("not a feed"), 0o644); err != nil {
		t.Fatal(err)
	}
	writeZip(t, filepath.Join(dir, "d-no-stops.zip"), sampleFiles(t, map[string]string{"stops.txt": ""}), nil)
	bomb, _ := bombZip(t, "trips.txt", 600, 600<<20)
	if err := os.Rename(bomb, filepath.Join(dir, "e-bomb.zip")); err != nil {
		t.Fatal(err)
	}

	feeds, err := transit.LoadFolder(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct{ name, err string }{
		{"a-good", ""},
		{"b-broken.zip", "b-broken.zip: not a zip file, or a damaged one"},
		{"c-bad-line", `routes.txt line 3: agency_id "XXX" is not in agency.txt`},
		{"d-no-stops.zip", "stops.txt: required file is missing"},
		{"e-bomb.zip", "trips.txt: larger than 512 MB"},
	}
	if len(feeds) != len(want) {
		t.Fatalf("%d feeds, want %d: %+v", len(feeds), len(want), feeds)
	}
	for i, w := range want {
		f := feeds[i]
		switch {
		case f.Name != w.name:
			t.Errorf("feed %d is %q, want %q", i, f.Name, w.name)
		case w.err == "" && (f.Err != nil || f.Feed == nil):
			t.Errorf("%s: %v, want it loaded", f.Name, f.Err)
		case w.err != "" && (f.Err == nil || !strings.Contains(f.Err.Error(), w.err)):
			t.Errorf("%s: error %v, want %q", f.Name, f.Err, w.err)
		}
	}
	if !errors.Is(feeds[1].Err, transit.ErrBadZip) || !errors.Is(feeds[3].Err, transit.ErrFileMissing) {
		t.Errorf("errors %v and %v do not say what kind they are", feeds[1].Err, feeds[3].Err)
	}
	var se *transit.SizeError
	if !errors.As(feeds[4].Err, &se) || se.File != "trips.txt" || se.Limit != 512<<20 {
		t.Errorf("the bomb's error %#v is not a SizeError naming trips.txt", feeds[4].Err)
	}

	if feeds, err := transit.LoadFolder(filepath.Join(dir, "missing")); err != nil || len(feeds) != 0 {
		t.Errorf("a missing folder gave %v, %v; want no feeds and no error", feeds, err)
	}
}

// TestLoadFolderIsBounded names the feeds past MaxFolderFeeds rather than
// reading them.
func TestLoadFolderIsBounded(t *testing.T) {
	dir := t.TempDir()
	for i := range transit.MaxFolderFeeds + 2 {
		if err := os.Mkdir(filepath.Join(dir, fmt.Sprintf("feed-%02d", i)), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	feeds, err := transit.LoadFolder(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(feeds) != transit.MaxFolderFeeds+2 {
		t.Fatalf("%d feeds listed, want every one of %d", len(feeds), transit.MaxFolderFeeds+2)
	}
	for i, f := range feeds {
		tooMany := errors.Is(f.Err, transit.ErrTooManyFeeds)
		if tooMany != (i >= transit.MaxFolderFeeds) {
			t.Errorf("feed %d (%s): %v", i, f.Name, f.Err)
		}
	}
}

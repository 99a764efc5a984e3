package transit

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// MaxFolderFeeds is how many feeds LoadFolder imports from one folder; the
// others are named with ErrTooManyFeeds.
const MaxFolderFeeds = 32

// ErrTooManyFeeds is the error of a feed past the first MaxFolderFeeds of
// a folder.
var ErrTooManyFeeds = fmt.Errorf("more than %d feeds in the folder", MaxFolderFeeds)

// FolderFeed is one feed of a feeds folder: its name (a zip file or a
// folder) and the feed, or the error that kept it out.
type FolderFeed struct {
	Name string
	Feed *Feed
	Err  error
}

// LoadFolder imports every GTFS feed in dir, each a .zip file or a folder
// of .txt files, within DefaultLimits each, in name order. Every feed that
// cannot be imported is returned with its error, so that each can be
// named; other files are ignored. A missing dir holds no feeds; the error
// is for a dir that cannot be listed.
func LoadFolder(dir string) ([]FolderFeed, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("GTFS feeds folder: %w", err)
	}
	var out []FolderFeed
	for _, e := range entries { // ReadDir sorts by name
		isZip := strings.EqualFold(filepath.Ext(e.Name()), ".zip")
		if !e.IsDir() && !isZip || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		ff := FolderFeed{Name: e.Name()}
		path := filepath.Join(dir, e.Name())
		switch {
		case len(out) >= MaxFolderFeeds:
			ff.Err = ErrTooManyFeeds
		case e.IsDir():
			ff.Feed, ff.Err = LoadDir(path)
		default:
			ff.Feed, ff.Err = LoadZip(path)
		}
		out = append(out, ff)
	}
	return out, nil
}

package seed

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path"
)

// Files lists every file that Load reads, in a fixed order.
func Files() []string {
	files := []string{FileAttractions, FileDivisions, FileTownships, FileStations, FileLines, FileHubs,
		FileServices, FileScenicI18n, FileCitiesI18n}
	for _, l := range Layers {
		files = append(files, l.File)
	}
	return files
}

// Version is a SHA-256 over the name and content of every seed file that
// Load reads (a translation file landing counts too), so that it changes
// whenever the loaded data does. It is the first 16 hex digits, prefixed
// "sha256:".
func Version(fsys fs.FS) (string, error) {
	h := sha256.New()
	for _, name := range Files() {
		b, err := fs.ReadFile(fsys, path.Join(Dir, name))
		if errors.Is(err, fs.ErrNotExist) {
			continue // an optional file; a missing required one fails Load
		}
		if err != nil {
			return "", fmt.Errorf("seed version: %w", err)
		}
		fmt.Fprintf(h, "%s\x00%d\x00", name, len(b))
		h.Write(b)
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil))[:16], nil
}

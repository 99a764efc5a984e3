package offline

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sync"

	"jiangsupass/assets"
)

// seedFiles lists every file the import reads, in a fixed order.
func seedFiles() []string {
	files := []string{fileAttractions, fileDivisions, fileTownships, fileStations, fileLines, fileHubs,
		fileServices, fileScenicI18n, fileCitiesI18n}
	for _, l := range layerFiles {
		files = append(files, l.file)
	}
	return files
}

// seedVersion is a SHA-256 over the name and content of every seed file
// that the import reads (a translation file landing counts too), so that
// it changes whenever the imported data does. It is the first 16 hex
// digits, prefixed "sha256:".
func seedVersion(fsys fs.FS) (string, error) {
	h := sha256.New()
	for _, name := range seedFiles() {
		b, err := fs.ReadFile(fsys, path.Join(seedDir, name))
		if errors.Is(err, fs.ErrNotExist) {
			continue // an optional file; a missing required one fails the import
		}
		if err != nil {
			return "", fmt.Errorf("seed version: %w", err)
		}
		fmt.Fprintf(h, "%s\x00%d\x00", name, len(b))
		h.Write(b)
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil))[:16], nil
}

// embeddedSeedVersion is seedVersion of assets.Data, computed once.
var embeddedSeedVersion = sync.OnceValues(func() (string, error) { return seedVersion(assets.Data) })

// seedVersionOf is seedVersion, remembered for the embedded seed so that
// an Open after the first does not hash the files again.
func seedVersionOf(fsys fs.FS) (string, error) {
	if ef, ok := fsys.(embed.FS); ok && ef == assets.Data {
		return embeddedSeedVersion()
	}
	return seedVersion(fsys)
}

// SeedVersion returns the version of the seed snapshot built into this
// app: a hash of its files, so it changes whenever the data does.
func SeedVersion() string {
	v, err := embeddedSeedVersion()
	if err != nil {
		return "unknown"
	}
	return v
}

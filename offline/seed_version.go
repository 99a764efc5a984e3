package offline

import (
	"embed"
	"io/fs"
	"sync"

	"jiangsupass/assets"
	"jiangsupass/assets/seed"
)

// embeddedSeedVersion is seed.Version of assets.Data, computed once.
var embeddedSeedVersion = sync.OnceValues(func() (string, error) { return seed.Version(assets.Data) })

// seedVersionOf is seed.Version, remembered for the embedded seed so that
// an Open after the first does not hash the files again.
func seedVersionOf(fsys fs.FS) (string, error) {
	if ef, ok := fsys.(embed.FS); ok && ef == assets.Data {
		return embeddedSeedVersion()
	}
	return seed.Version(fsys)
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

package screens

import (
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"jiangsupass/offline"
	"jiangsupass/transit"
)

// networkCacheDir is where compiled networks are kept between runs:
// "transit-cache" beside the store's database file; "" for a store in
// memory.
func networkCacheDir(store *offline.Store) string {
	if store.Path() == "" {
		return ""
	}
	return filepath.Join(filepath.Dir(store.Path()), "transit-cache")
}

// networkCacheKey names one version of the network: the metro lines and
// stations it is estimated from, every file of the feeds folder (name,
// size, time of change) and the day it is compiled for. Any change gives
// another key, and the network is compiled again.
func networkCacheKey(lines []transit.MetroLine, stations []transit.MetroStation, feeds string, day time.Time) string {
	h := sha256.New()
	fmt.Fprintf(h, "day %s\n%v\n%v\n", day.Format("2006-01-02"), lines, stations)
	if feeds != "" {
		_ = filepath.WalkDir(feeds, func(path string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() {
				return nil // an unreadable entry changes the feeds' own result, not the key
			}
			if info, err := e.Info(); err == nil {
				fmt.Fprintf(h, "%s %d %d\n", path, info.Size(), info.ModTime().UnixNano())
			}
			return nil
		})
	}
	return hex.EncodeToString(h.Sum(nil))[:32]
}

// cachedExtras is what the Transport tab shows about the feeds beside a
// cached network.
type cachedExtras struct {
	Imported int
	Skipped  []feedWarning
}

// loadCachedNetwork reads the network of key from dir; ok is false when
// there is none (or it cannot be read: it is then compiled again).
func loadCachedNetwork(dir, key string) (*transit.Network, cachedExtras, bool) {
	var x cachedExtras
	if dir == "" {
		return nil, x, false
	}
	meta, err := os.Open(filepath.Join(dir, key+".meta"))
	if err != nil {
		return nil, x, false
	}
	defer meta.Close()
	if gob.NewDecoder(meta).Decode(&x) != nil {
		return nil, x, false
	}
	f, err := os.Open(filepath.Join(dir, key+".net"))
	if err != nil {
		return nil, x, false
	}
	defer f.Close()
	n, err := transit.LoadNetwork(f)
	return n, x, err == nil
}

// saveCachedNetwork writes the network of key into dir and removes the
// networks of other keys. A network whose feeds did not all load is not
// kept, so that the next start names what was wrong again. Failing to
// write the cache loses nothing (the next start compiles again), so the
// error it returns is for the log.
func saveCachedNetwork(dir, key string, n *transit.Network, x cachedExtras) error {
	if dir == "" {
		return nil
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("listing the networks kept before: %w", err)
	}
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), key+".") {
			_ = os.Remove(filepath.Join(dir, e.Name())) // an older network, no longer used; one left behind is removed next time
		}
	}
	write := func(name string, save func(f *os.File) error) error {
		tmp, err := os.CreateTemp(dir, name+".*.tmp")
		if err != nil {
			return err
		}
		if err := errors.Join(save(tmp), tmp.Close()); err != nil {
			_ = os.Remove(tmp.Name())
			return err
		}
		return os.Rename(tmp.Name(), filepath.Join(dir, name))
	}
	if err := write(key+".net", func(f *os.File) error { return n.Save(f) }); err != nil {
		return err
	}
	return write(key+".meta", func(f *os.File) error { return gob.NewEncoder(f).Encode(x) })
}

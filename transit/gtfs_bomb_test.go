package transit_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"hash/crc32"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"jiangsupass/transit"
)

// bombMemory is the most a refused bomb may make the importer allocate.
const bombMemory = 64 << 20

// zerosDeflate is a raw deflate stream of n MiB of zero bytes, made in
// microseconds: one MiB is compressed by a fresh writer and flushed (its
// blocks refer only to its own zeros, so they may follow one another),
// repeated n times, and closed by a final empty block.
func zerosDeflate(t *testing.T, n int) []byte {
	t.Helper()
	var one bytes.Buffer
	w, err := flate.NewWriter(&one, flate.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(make([]byte, 1<<20)); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	out := bytes.Repeat(one.Bytes(), n)
	return append(out, 0x03, 0x00) // a final, empty fixed-Huffman block
}

// zerosCRC is the CRC-32 of n MiB of zero bytes.
func zerosCRC(n int) uint32 {
	zero := make([]byte, 1<<20)
	var c uint32
	for range n {
		c = crc32.Update(c, crc32.IEEETable, zero)
	}
	return c
}

// bombZip writes the sample feed with name replaced by a deflated entry
// of realMiB MiB of zeros that declares declared bytes, and returns the
// path and the zip's size.
func bombZip(t *testing.T, name string, realMiB int, declared uint64) (string, int64) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "bomb.zip")
	files := sampleFiles(t, map[string]string{name: ""})
	writeZip(t, path, files, func(zw *zip.Writer) {
		data := zerosDeflate(t, realMiB)
		w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, CRC32: zerosCRC(realMiB),
			CompressedSize64: uint64(len(data)), UncompressedSize64: declared})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(data); err != nil {
			t.Fatal(err)
		}
	})
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return path, st.Size()
}

// measured runs f and reports how long it took and how many bytes it
// allocated (runtime.MemStats.TotalAlloc: every allocation counts, so it
// is at least the peak the heap grew by).
func measured(f func()) (time.Duration, uint64) {
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	f()
	took := time.Since(start)
	runtime.ReadMemStats(&after)
	return took, after.TotalAlloc - before.TotalAlloc
}

// TestZipBombIsRefusedEarly imports zips whose stop_times.txt is a
// gigabyte of zeros in about a megabyte: one that says so in its
// directory, refused before a byte is inflated, and one that claims to be
// small, refused as soon as it has given more than it said. Neither may
// make the importer allocate more than bombMemory.
func TestZipBombIsRefusedEarly(t *testing.T) {
	if testing.Short() {
		t.Skip("inflates up to a gigabyte")
	}
	cases := []struct {
		name     string
		declared uint64
		want     string
	}{
		{"honest", 1 << 30, "stop_times.txt: larger than 512 MB"},
		{"lying", 4 << 10, "stop_times.txt"},
		{"lying just under the limit", 500 << 20, "stop_times.txt"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path, size := bombZip(t, "stop_times.txt", 1024, c.declared)
			var err error
			took, alloc := measured(func() { _, err = transit.LoadZip(path) })
			t.Logf("%.1f MB zip inflating to 1024 MB, declaring %d MB: refused in %v after allocating %.1f MB: %v",
				float64(size)/(1<<20), c.declared>>20, took.Round(time.Microsecond), float64(alloc)/(1<<20), err)
			if err == nil {
				t.Fatal("the bomb was loaded")
			}
			if !errors.Is(err, transit.ErrFeed) || !strings.HasPrefix(err.Error(), c.want) {
				t.Errorf("error %q, want a malformed-feed error beginning %q", err, c.want)
			}
			if alloc > bombMemory {
				t.Errorf("allocated %d MB refusing the bomb, want at most %d MB", alloc>>20, bombMemory>>20)
			}
		})
	}
}

// endlessFS is a feed whose stop_times.txt says it holds a few bytes but
// never ends: a header, then blank lines (which the importer skips) for
// ever. Only a count of what was read stops it.
type endlessFS struct{ fs.FS }

func (e endlessFS) Open(name string) (fs.File, error) {
	if name != "stop_times.txt" {
		return e.FS.Open(name)
	}
	return &endlessFile{}, nil
}

type endlessFile struct{ header bool }

func (f *endlessFile) Stat() (fs.FileInfo, error) { return endlessInfo{}, nil }
func (f *endlessFile) Close() error               { return nil }
func (f *endlessFile) Read(p []byte) (int, error) {
	n := 0
	if !f.header {
		f.header = true
		n = copy(p, "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n")
	}
	for i := n; i < len(p); i++ {
		p[i] = '\n'
	}
	return len(p), nil
}

type endlessInfo struct{}

func (endlessInfo) Name() string       { return "stop_times.txt" }
func (endlessInfo) Size() int64        { return 100 }
func (endlessInfo) Mode() fs.FileMode  { return 0o444 }
func (endlessInfo) ModTime() time.Time { return time.Time{} }
func (endlessInfo) IsDir() bool        { return false }
func (endlessInfo) Sys() any           { return nil }

// TestEndlessFileIsCut reads a feed file that lies about its size and
// never ends: the importer stops at the limit, having kept nothing of it.
// The limit is 16 MB here, to keep the test quick: parsing 512 MB of
// blank lines takes about 12 s.
func TestEndlessFileIsCut(t *testing.T) {
	var err error
	took, alloc := measured(func() { _, err = transit.LoadWithin(endlessFS{sampleFS(t)}, transit.Limits{File: 16 << 20}) })
	t.Logf("endless file refused in %v after allocating %.1f MB: %v", took.Round(time.Microsecond), float64(alloc)/(1<<20), err)
	if err == nil || !strings.HasPrefix(err.Error(), "stop_times.txt: larger than 16 MB") {
		t.Errorf("error %v, want stop_times.txt refused as larger than 16 MB", err)
	}
	if alloc > 1<<20 {
		t.Errorf("allocated %d KB, want at most 1 MB", alloc>>10)
	}
}

// TestLimitsBoundTheFeedAsAWhole gives every file of the sample feed a
// tail of blank lines that keeps each under the per-file limit but the
// files together over the total; and a line that never ends.
func TestLimitsBoundTheFeedAsAWhole(t *testing.T) {
	m := sampleFS(t)
	for _, f := range m {
		f.Data = append(f.Data, bytes.Repeat([]byte("\n"), 300<<10)...)
	}
	lim := transit.Limits{File: 1 << 20, Total: 2 << 20}
	_, err := transit.LoadWithin(m, lim)
	if err == nil || !errors.Is(err, transit.ErrFeed) || !strings.Contains(err.Error(), "files together are larger than 2 MB") {
		t.Errorf("error %v, want the feed refused as larger than 2 MB in all", err)
	}
	var se *transit.SizeError
	if !errors.As(err, &se) || se.Limit != 2<<20 || !se.Total {
		t.Errorf("error %#v, want a SizeError for the total", err)
	}
	// The same tails pass with the default limits.
	if _, err := transit.Load(m); err != nil {
		t.Errorf("blank lines refused under the default limits: %v", err)
	}

	m = sampleFS(t)
	m["stops.txt"].Data = append(append(m["stops.txt"].Data, '\n'), bytes.Repeat([]byte{0}, 2<<20)...)
	_, err = transit.Load(m)
	if err == nil || !strings.HasPrefix(err.Error(), "stops.txt line 11: longer than 1 MB") {
		t.Errorf("error %v, want a line of zeros refused as longer than 1 MB", err)
	}
}

// TestDeclaredSizeIsChecked refuses a folder feed whose file says it is too
// large before reading it: a sparse file of 600 MB costs nothing on disk.
func TestDeclaredSizeIsChecked(t *testing.T) {
	dir := t.TempDir()
	for name, f := range sampleFS(t) {
		if err := os.WriteFile(filepath.Join(dir, name), f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Truncate(filepath.Join(dir, "shapes.txt"), 600<<20); err != nil {
		t.Fatal(err)
	}
	if _, err := transit.LoadDir(dir); err != nil {
		t.Errorf("a large file the importer does not read was refused: %v", err)
	}
	if err := os.Truncate(filepath.Join(dir, "trips.txt"), 600<<20); err != nil {
		t.Fatal(err)
	}
	var err error
	took, alloc := measured(func() { _, err = transit.LoadDir(dir) })
	if err == nil || !strings.HasPrefix(err.Error(), "trips.txt: larger than 512 MB") {
		t.Errorf("error %v, want trips.txt refused by its size", err)
	}
	if alloc > 1<<20 {
		t.Errorf("allocated %d KB before refusing a file by its size", alloc>>10)
	}
	t.Logf("600 MB trips.txt refused by its size in %v, %d KB allocated", took, alloc>>10)
}

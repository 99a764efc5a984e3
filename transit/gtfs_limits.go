package transit

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
)

// Limits bound how much of a feed the importer reads, so that a hostile
// feed (a zip bomb: a megabyte that inflates to gigabytes) is refused
// before it costs memory or minutes. A zero field takes the default's.
type Limits struct {
	File  int64 // bytes of one file of the feed
	Total int64 // bytes of the files the importer reads, together
	Line  int64 // bytes of one line of a file
}

// DefaultLimits are the limits of Load, LoadZip and LoadDir.
var DefaultLimits = Limits{File: 512 << 20, Total: 1 << 30, Line: 1 << 20}

// orDefault fills the zero fields of l from DefaultLimits.
func (l Limits) orDefault() Limits {
	if l.File <= 0 {
		l.File = DefaultLimits.File
	}
	if l.Total <= 0 {
		l.Total = DefaultLimits.Total
	}
	if l.Line <= 0 {
		l.Line = DefaultLimits.Line
	}
	return l
}

// feedFiles are the files the importer reads; the others (shapes, fares)
// are never opened, whatever their size.
var feedFiles = []string{"agency.txt", "stops.txt", "routes.txt", "calendar.txt", "calendar_dates.txt",
	"trips.txt", "stop_times.txt", "frequencies.txt", "transfers.txt", "pathways.txt"}

// SizeError refuses a feed that is larger than its Limits: one file, or
// the files together when Total is set. It wraps ErrFeed.
type SizeError struct {
	File  string
	Limit int64 // bytes
	Total bool  // the files together passed Limits.Total at File
}

func (e *SizeError) Error() string {
	if e.Total {
		return fmt.Sprintf("%s: the feed's files together are larger than %d MB", e.File, e.Limit>>20)
	}
	return fmt.Sprintf("%s: larger than %d MB", e.File, e.Limit>>20)
}

// Unwrap makes errors.Is(err, ErrFeed) true.
func (e *SizeError) Unwrap() error { return ErrFeed }

// checkDeclared refuses a feed by the sizes its files declare (a zip's
// directory, a folder's file sizes) before a byte of them is read. The
// declared sizes are not trusted beyond that: every read is counted too
// (countingReader).
func checkDeclared(fsys fs.FS, lim Limits) error {
	var total int64
	for _, name := range feedFiles {
		st, err := fs.Stat(fsys, name)
		if err != nil || st.IsDir() {
			continue // open reports it, if the file is required
		}
		if st.Size() > lim.File {
			return &SizeError{File: name, Limit: lim.File}
		}
		if total += st.Size(); total > lim.Total {
			return &SizeError{File: name, Limit: lim.Total, Total: true}
		}
	}
	return nil
}

// countingReader reads one file of a feed and stops with an error as soon
// as the file passes Limits.File, the feed passes Limits.Total, or a line
// passes Limits.Line, whatever the file declared: it never asks the file
// for more than one byte past the nearest limit.
type countingReader struct {
	r       io.Reader
	file    string
	lim     Limits
	read    int64  // bytes of this file
	total   *int64 // bytes of the feed so far, shared by its files
	line    int    // 1-based line being read
	lineLen int64  // bytes of it so far
	err     error  // sticky: once refused, always refused
}

func (c *countingReader) Read(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	room := min(c.lim.File-c.read, c.lim.Total-*c.total) + 1
	if int64(len(p)) > room {
		p = p[:room]
	}
	n, err := c.r.Read(p)
	c.read += int64(n)
	*c.total += int64(n)
	switch {
	case c.read > c.lim.File:
		c.err = &SizeError{File: c.file, Limit: c.lim.File}
	case *c.total > c.lim.Total:
		c.err = &SizeError{File: c.file, Limit: c.lim.Total, Total: true}
	case !c.countLines(p[:n]):
		c.err = &FeedError{File: c.file, Line: c.line, Msg: fmt.Sprintf("longer than %d MB", c.lim.Line>>20)}
	case err != nil && err != io.EOF:
		c.err = c.damaged(err)
	}
	if c.err != nil {
		return 0, c.err
	}
	return n, err
}

// countLines follows the lines of p; it is false when one is too long.
func (c *countingReader) countLines(p []byte) bool {
	for {
		i := bytes.IndexByte(p, '\n')
		if i < 0 {
			c.lineLen += int64(len(p))
			return c.lineLen <= c.lim.Line
		}
		if c.lineLen+int64(i) > c.lim.Line {
			return false
		}
		c.line++
		c.lineLen = 0
		p = p[i+1:]
	}
}

// damaged names a read error: a zip entry that inflates to more than it
// declares, or whose checksum fails, makes the feed malformed.
func (c *countingReader) damaged(err error) error {
	if errors.Is(err, zip.ErrFormat) || errors.Is(err, zip.ErrChecksum) || errors.Is(err, io.ErrUnexpectedEOF) {
		return &FeedError{File: c.file, Line: c.line, Msg: "damaged in its zip file (" + err.Error() + ")", Err: ErrBadZip}
	}
	return err // the table names the file and line
}

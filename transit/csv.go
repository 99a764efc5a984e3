package transit

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// table reads one GTFS file: a header naming the columns, then records.
// It accepts a UTF-8 byte-order mark, CRLF line ends, quoted fields and a
// last line without a newline, as feeds in the wild have them.
type table struct {
	file   string
	r      *csv.Reader
	cols   map[string]int
	header []string
	rec    []string
	line   int
}

// ErrFeed is wrapped by every error about a malformed feed.
var ErrFeed = errors.New("malformed GTFS feed")

// The kinds of FeedError that have a name.
var (
	ErrFileMissing = errors.New("required file is missing")
	ErrBadZip      = errors.New("not a zip file, or a damaged one")
)

// FeedError names the file and line of a malformed feed.
type FeedError struct {
	File string
	Line int // 1-based; 0 when the problem is the file as a whole
	Msg  string
	Err  error // what kind of problem, when it has a name (ErrFileMissing, ErrBadZip); else nil
}

func (e *FeedError) Error() string {
	if e.Line == 0 {
		return fmt.Sprintf("%s: %s", e.File, e.Msg)
	}
	return fmt.Sprintf("%s line %d: %s", e.File, e.Line, e.Msg)
}

// Unwrap makes errors.Is(err, ErrFeed) true, and errors.Is(err, e.Err).
func (e *FeedError) Unwrap() []error {
	if e.Err == nil {
		return []error{ErrFeed}
	}
	return []error{ErrFeed, e.Err}
}

// newTable reads the header of a GTFS file from src and checks that it
// has the required columns; the records are read from src as they are
// asked for.
func newTable(file string, src io.Reader, required ...string) (*table, error) {
	br := bufio.NewReader(src)
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte("\xEF\xBB\xBF")) {
		_, _ = br.Discard(3) // peeked: cannot fail
	}
	r := csv.NewReader(br)
	r.FieldsPerRecord = -1
	// A stray quote inside an unquoted field is taken as it is, as
	// GTFS's reference validator reads it.
	r.LazyQuotes = true
	r.ReuseRecord = true
	t := &table{file: file, r: r, cols: map[string]int{}}
	head, err := r.Read()
	if err == io.EOF {
		return nil, &FeedError{File: file, Line: 1, Msg: "empty file: want a header line naming the columns"}
	}
	if err != nil {
		return nil, t.csvError(err)
	}
	t.line = 1
	t.header = append([]string(nil), head...)
	for i, h := range t.header {
		h = strings.TrimSpace(h)
		if h == "" {
			return nil, &FeedError{File: file, Line: 1, Msg: fmt.Sprintf("column %d has no name", i+1)}
		}
		if _, dup := t.cols[h]; dup {
			return nil, &FeedError{File: file, Line: 1, Msg: fmt.Sprintf("column %q appears twice", h)}
		}
		t.cols[h] = i
	}
	for _, c := range required {
		if _, ok := t.cols[c]; !ok {
			return nil, &FeedError{File: file, Line: 1, Msg: fmt.Sprintf("required column %q is missing", c)}
		}
	}
	return t, nil
}

// next reads the next record; it returns false at the end of the file.
// Blank lines are skipped.
func (t *table) next() (bool, error) {
	for {
		rec, err := t.r.Read()
		if err == io.EOF {
			return false, nil
		}
		if err != nil {
			return false, t.csvError(err)
		}
		t.line, _ = t.r.FieldPos(0)
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		if len(rec) != len(t.header) {
			return false, t.errorf("has %d fields, the header names %d", len(rec), len(t.header))
		}
		t.rec = rec
		return true, nil
	}
}

// get returns the trimmed value of a column, "" when the file lacks it.
func (t *table) get(col string) string {
	i, ok := t.cols[col]
	if !ok {
		return ""
	}
	return strings.TrimSpace(t.rec[i])
}

// need returns a column's value and fails when it is empty.
func (t *table) need(col string) (string, error) {
	v := t.get(col)
	if v == "" {
		return "", t.errorf("%s is empty", col)
	}
	return v, nil
}

// errorf is an error at the current line.
func (t *table) errorf(format string, args ...any) error {
	return &FeedError{File: t.file, Line: t.line, Msg: fmt.Sprintf(format, args...)}
}

// csvError names a read error by file and line; the errors of the
// countingReader under the table already do.
func (t *table) csvError(err error) error {
	var fe *FeedError
	var se *SizeError
	if errors.As(err, &fe) || errors.As(err, &se) {
		return err
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		line := pe.StartLine
		if line == 0 {
			line = pe.Line
		}
		return &FeedError{File: t.file, Line: line, Msg: pe.Err.Error()}
	}
	return &FeedError{File: t.file, Line: t.line + 1, Msg: err.Error()}
}

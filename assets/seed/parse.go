package seed

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
)

// Error names the seed file, and the line when there is one, at fault.
type Error struct {
	File string
	Line int // 1-based; 0 when the error is about the whole file
	Err  error
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("seed %s line %d: %v", e.File, e.Line, e.Err)
	}
	return fmt.Sprintf("seed %s: %v", e.File, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// csvRow is one record of a seed CSV file, read by column name.
type csvRow struct {
	File string
	Line int
	cols map[string]int
	rec  []string
}

// get returns the trimmed value of a column that readCSV has checked is
// present.
func (r csvRow) get(col string) string { return strings.TrimSpace(r.rec[r.cols[col]]) }

// opt returns the trimmed value of a column the file may lack ("" then).
func (r csvRow) opt(col string) string {
	if _, ok := r.cols[col]; !ok {
		return ""
	}
	return r.get(col)
}

// errorf makes an error naming this row's file and line.
func (r csvRow) errorf(format string, args ...any) error {
	return &Error{File: r.File, Line: r.Line, Err: fmt.Errorf(format, args...)}
}

// readCSV reads a CSV file with a header row, checks that the required
// columns are there, and calls each for every record.
func readCSV(file string, data []byte, required []string, each func(csvRow) error) error {
	return readCSVQuotes(file, data, false, required, each)
}

// readCSVQuotes is readCSV that, when lazy, also accepts a quote inside an
// unquoted field (属"身后一件事"), as the service-items file has them.
func readCSVQuotes(file string, data []byte, lazy bool, required []string, each func(csvRow) error) error {
	cr := csv.NewReader(bytes.NewReader(data))
	cr.LazyQuotes = lazy
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return &Error{File: file, Err: errors.New("the file is empty")}
	}
	if err != nil {
		return csvError(file, err)
	}
	cols := make(map[string]int, len(header))
	for i, h := range header {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		if _, dup := cols[h]; dup {
			return &Error{File: file, Line: 1, Err: fmt.Errorf("column %q appears twice", h)}
		}
		cols[h] = i
	}
	for _, c := range required {
		if _, ok := cols[c]; !ok {
			return &Error{File: file, Line: 1, Err: fmt.Errorf("missing column %q", c)}
		}
	}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return csvError(file, err)
		}
		line, _ := cr.FieldPos(0)
		if err := each(csvRow{File: file, Line: line, cols: cols, rec: rec}); err != nil {
			return err
		}
	}
}

// csvError gives a CSV syntax error the file name and line.
func csvError(file string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &Error{File: file, Line: pe.Line, Err: pe.Err}
	}
	return &Error{File: file, Err: err}
}

// checkCode checks that s is a code of exactly n ASCII digits.
func checkCode(what, s string, n int) error {
	if len(s) != n {
		return fmt.Errorf("%s %q is not a %d-digit code", what, s, n)
	}
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return fmt.Errorf("%s %q is not a %d-digit code", what, s, n)
		}
	}
	return nil
}

// parsePoint reads a WGS84 longitude and latitude. Both empty means no
// position; one without the other is an error.
func parsePoint(lonS, latS string) (orb.Point, bool, error) {
	if lonS == "" && latS == "" {
		return orb.Point{}, false, nil
	}
	if lonS == "" || latS == "" {
		return orb.Point{}, false, errors.New("longitude and latitude must both be given or both be empty")
	}
	lon, err := parseDegrees("longitude", lonS, 180)
	if err != nil {
		return orb.Point{}, false, err
	}
	lat, err := parseDegrees("latitude", latS, 90)
	if err != nil {
		return orb.Point{}, false, err
	}
	return orb.Point{lon, lat}, true, nil
}

// parseDegrees reads an angle in decimal degrees within ±limit.
func parseDegrees(what, s string, limit float64) (float64, error) {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) || v < -limit || v > limit {
		return 0, fmt.Errorf("%s %q is not a number of degrees within ±%g", what, s, limit)
	}
	return v, nil
}

// parseYear reads a year, or 0 for an empty field.
func parseYear(s string) (int, error) {
	if s == "" {
		return 0, nil
	}
	y, err := strconv.Atoi(s)
	if err != nil || y < 1980 || y > 2100 {
		return 0, fmt.Errorf("year %q is not a year between 1980 and 2100", s)
	}
	return y, nil
}

// splitList splits a '|'-separated list, dropping empty items.
func splitList(s string) []string {
	var out []string
	for _, item := range strings.Split(s, "|") {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out
}

// require returns an error naming the first of the columns that is empty
// in the row.
func require(r csvRow, cols ...string) error {
	for _, c := range cols {
		if r.get(c) == "" {
			return r.errorf("%s is empty", c)
		}
	}
	return nil
}

// lineOf turns a byte offset in data into a 1-based line number.
func lineOf(data []byte, offset int64) int {
	if offset < 0 {
		return 0
	}
	if offset > int64(len(data)) {
		offset = int64(len(data))
	}
	return bytes.Count(data[:offset], []byte{'\n'}) + 1
}

package transit

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
)

// LoadZip imports a GTFS feed from a zip file, within DefaultLimits.
func LoadZip(path string) (*Feed, error) { return LoadZipWithin(path, DefaultLimits) }

// LoadZipWithin imports a GTFS feed from a zip file, reading no more of it
// than lim allows.
func LoadZipWithin(path string, lim Limits) (*Feed, error) {
	zr, err := zip.OpenReader(path)
	if errors.Is(err, zip.ErrFormat) || errors.Is(err, zip.ErrAlgorithm) {
		return nil, &FeedError{File: filepath.Base(path), Msg: ErrBadZip.Error() + " (" + err.Error() + ")", Err: ErrBadZip}
	}
	if err != nil {
		return nil, fmt.Errorf("open GTFS zip %s: %w", path, err)
	}
	defer zr.Close()
	return LoadWithin(zr, lim)
}

// LoadDir imports a GTFS feed from a directory of .txt files, within
// DefaultLimits.
func LoadDir(dir string) (*Feed, error) { return LoadWithin(os.DirFS(dir), DefaultLimits) }

// Load imports a GTFS feed from the files of fsys (the feed's .txt files
// at its root), within DefaultLimits. Files the planner does not use
// (fares, shapes) are ignored; trips given by frequencies.txt are expanded
// into single trips. A malformed feed is rejected with a *FeedError naming
// the file and line, a feed larger than the limits with a *SizeError.
func Load(fsys fs.FS) (*Feed, error) { return LoadWithin(fsys, DefaultLimits) }

// LoadWithin is Load reading no more than lim allows: a feed whose files
// declare more is refused before anything is read, and every file is read
// through a count that stops at the limits whatever the file declared.
func LoadWithin(fsys fs.FS, lim Limits) (*Feed, error) {
	lim = lim.orDefault()
	if err := checkDeclared(fsys, lim); err != nil {
		return nil, err
	}
	l := &loader{fsys: fsys, feed: &Feed{}, lim: lim}
	defer l.closeFiles()
	steps := []func() error{l.readAgencies, l.readStops, l.readRoutes, l.readCalendars, l.readCalendarDates,
		l.readTrips, l.readStopTimes, l.readFrequencies, l.readTransfers, l.readPathways, l.finish}
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, err
		}
	}
	return l.feed, nil
}

// loader keeps what the files read so far define, to check references.
type loader struct {
	fsys      fs.FS
	lim       Limits
	read      int64       // bytes read of the feed's files so far
	files     []io.Closer // opened files, closed when the load ends
	feed      *Feed
	stops     map[string]int // stop id → index in feed.Stops
	stopLine  []int          // line of each stop in stops.txt
	routes    map[string]bool
	agencies  map[string]bool
	services  map[string]bool
	trips     map[string]int // trip id → index in feed.Trips
	tripLine  []int          // line of each trip in trips.txt
	seqs      [][]int        // stop_sequence of each stop time, per trip
	seqLines  [][]int        // line in stop_times.txt of each stop time, per trip
	hasTimes  [][]bool       // whether the stop time had its own times
	expanded  []Trip         // trips made from frequencies.txt
	templates map[int]bool   // trips replaced by their frequency expansion
}

// open starts reading a file of the feed, through a countingReader; a
// missing optional file gives nil.
func (l *loader) open(name string, optional bool, required ...string) (*table, error) {
	f, err := l.fsys.Open(name)
	if errors.Is(err, fs.ErrNotExist) {
		if optional {
			return nil, nil
		}
		return nil, &FeedError{File: name, Msg: ErrFileMissing.Error(), Err: ErrFileMissing}
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	l.files = append(l.files, f)
	return newTable(name, &countingReader{r: f, file: name, lim: l.lim, total: &l.read, line: 1}, required...)
}

// closeFiles closes the files open has opened.
func (l *loader) closeFiles() {
	for _, f := range l.files {
		_ = f.Close() // read-only: nothing is lost
	}
	l.files = nil
}

// finish checks what can only be checked once every file is read, and
// puts the stop times of each trip in calling order.
func (l *loader) finish() error {
	var kept []Trip
	for i := range l.feed.Trips {
		tr := &l.feed.Trips[i]
		if len(tr.StopTimes) < 2 {
			l.warn("trips.txt", l.tripLine[i],
				fmt.Sprintf("trip %q has %d stop times in stop_times.txt, want at least 2; it is skipped", tr.ID, len(tr.StopTimes)))
			continue
		}
		if !l.templates[i] {
			kept = append(kept, *tr)
		}
	}
	l.feed.Trips = append(kept, l.expanded...)
	if len(l.feed.Trips) == 0 && len(l.feed.Frequencies) == 0 {
		return &FeedError{File: "trips.txt", Msg: "the feed has no trips"}
	}
	return nil
}

// orderStopTimes sorts a trip's stop times by stop_sequence, rejects
// repeated sequence numbers, fills missing times between timepoints and
// checks that time never runs backwards.
func (l *loader) orderStopTimes(i int) error {
	tr := &l.feed.Trips[i]
	seq, lines, has := l.seqs[i], l.seqLines[i], l.hasTimes[i]
	idx := make([]int, len(seq))
	for k := range idx {
		idx[k] = k
	}
	sort.SliceStable(idx, func(a, b int) bool { return seq[idx[a]] < seq[idx[b]] })
	st := make([]StopTime, len(idx))
	ln := make([]int, len(idx))
	hs := make([]bool, len(idx))
	for k, j := range idx {
		if k > 0 && seq[j] == seq[idx[k-1]] {
			return &FeedError{File: "stop_times.txt", Line: lines[j],
				Msg: fmt.Sprintf("trip %q repeats stop_sequence %d", tr.ID, seq[j])}
		}
		st[k], ln[k], hs[k] = tr.StopTimes[j], lines[j], has[j]
	}
	if !hs[0] || !hs[len(hs)-1] {
		k := 0
		if hs[0] {
			k = len(hs) - 1
		}
		return &FeedError{File: "stop_times.txt", Line: ln[k],
			Msg: fmt.Sprintf("trip %q: the first and last stops need arrival and departure times", tr.ID)}
	}
	interpolate(st, hs)
	for k := range st {
		if st[k].Departure < st[k].Arrival {
			return &FeedError{File: "stop_times.txt", Line: ln[k], Msg: "departure_time is before arrival_time"}
		}
		if k > 0 && st[k].Arrival < st[k-1].Departure {
			return &FeedError{File: "stop_times.txt", Line: ln[k],
				Msg: fmt.Sprintf("trip %q arrives here before it left the previous stop", tr.ID)}
		}
	}
	tr.StopTimes = st
	return nil
}

// interpolate fills stop times without times evenly between the timepoints
// around them.
func interpolate(st []StopTime, has []bool) {
	prev := 0
	for k := 1; k < len(st); k++ {
		if !has[k] {
			continue
		}
		gap := k - prev
		for j := prev + 1; j < k; j++ {
			t := st[prev].Departure + Clock(int(st[k].Arrival-st[prev].Departure)*(j-prev)/gap)
			st[j].Arrival, st[j].Departure = t, t
		}
		prev = k
	}
}

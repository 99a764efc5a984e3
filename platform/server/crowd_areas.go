package server

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strconv"
	"strings"
	"time"

	"jiangsupass/crowd"
	"jiangsupass/platform"
)

// CapacityFile is the capacity of every scenic area the platform counts,
// in the seed snapshot (assets/data; its SOURCES.md says how it was made).
const CapacityFile = "data/jiangsu_5a_capacity.csv"

// maxCapacityBytes bounds the capacity file.
const maxCapacityBytes = 1 << 20

// areaSpec is what the platform knows of a scenic area's crowd: its
// capacity by LB/T 034-2014, and how its visitors are counted.
type areaSpec struct {
	ID       string
	Capacity crowd.Capacity
	Source   string
	// ExitsCounted says that the area's gates count exits; otherwise the
	// visitors in it are the ones admitted within Dwell.
	ExitsCounted bool
	Dwell        time.Duration
}

// capacityColumns are the capacity file's header.
var capacityColumns = []string{"id", "name", "category", "area_m2", "m2_per_visitor", "open_minutes",
	"visit_minutes", "exits", "instant", "daily", "generated", "source"}

// loadAreas reads the capacity file. A generated row's capacity must be
// what crowd.Estimate makes of its inputs, so that the data cannot drift
// from the formula it claims; a published one names its source.
func loadAreas(fsys fs.FS) (map[string]areaSpec, error) {
	f, err := fsys.Open(CapacityFile)
	if err != nil {
		return nil, fmt.Errorf("capacity data: %w", err)
	}
	defer f.Close()
	return parseAreas(io.LimitReader(f, maxCapacityBytes))
}

// parseAreas reads capacity rows (see capacityColumns).
func parseAreas(r io.Reader) (map[string]areaSpec, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = len(capacityColumns)
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("capacity data: %w", err)
	}
	if strings.Join(head, ",") != strings.Join(capacityColumns, ",") {
		return nil, fmt.Errorf("capacity data: columns %v, want %v", head, capacityColumns)
	}
	out := map[string]areaSpec{}
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("capacity data: %w", err)
		}
		a, err := parseArea(rec)
		if err != nil {
			return nil, fmt.Errorf("capacity data line %d: %w", line, err)
		}
		if _, dup := out[a.ID]; dup {
			return nil, fmt.Errorf("capacity data line %d: %s twice", line, a.ID)
		}
		out[a.ID] = a
	}
}

// parseArea reads one row of the capacity file.
func parseArea(rec []string) (areaSpec, error) {
	col := func(name string) string {
		for i, c := range capacityColumns {
			if c == name {
				return strings.TrimSpace(rec[i])
			}
		}
		return ""
	}
	num := func(name string) (int, error) {
		n, err := strconv.Atoi(col(name))
		if err != nil || n <= 0 {
			return 0, fmt.Errorf("%s %q is not a positive whole number", name, col(name))
		}
		return n, nil
	}
	a := areaSpec{ID: col("id"), Source: col("source")}
	if a.ID == "" || len(a.ID) > platform.MaxIDLen || a.Source == "" {
		return a, errors.New("an id and a source are needed")
	}
	switch col("exits") {
	case "counted":
		a.ExitsCounted = true
	case "dwell":
	default:
		return a, fmt.Errorf("exits %q is not counted or dwell", col("exits"))
	}
	var nums [6]int
	for i, name := range []string{"area_m2", "m2_per_visitor", "open_minutes", "visit_minutes", "instant", "daily"} {
		n, err := num(name)
		if err != nil {
			return a, err
		}
		nums[i] = n
	}
	a.Dwell = time.Duration(nums[3]) * time.Minute
	a.Capacity = crowd.Capacity{Instant: nums[4], Daily: nums[5]}
	switch col("generated") {
	case "true":
		est, err := crowd.Estimate([]crowd.Space{{AreaM2: float64(nums[0]), PerVisitorM: float64(nums[1])}},
			crowd.Opening{OpenMinutes: nums[2], VisitMinutes: nums[3]})
		if err != nil {
			return a, err
		}
		if est != (crowd.Capacity{Instant: a.Capacity.Instant, Daily: a.Capacity.Daily, Generated: true}) {
			return a, fmt.Errorf("%s: capacity %d at once, %d a day, but its inputs give %d and %d",
				a.ID, a.Capacity.Instant, a.Capacity.Daily, est.Instant, est.Daily)
		}
		a.Capacity = est
	case "false":
	default:
		return a, fmt.Errorf("generated %q is not true or false", col("generated"))
	}
	return a, nil
}

// wire is the capacity as the API gives it.
func (a areaSpec) wire() platform.CrowdCapacity {
	return platform.CrowdCapacity{Instant: a.Capacity.Instant, Daily: a.Capacity.Daily,
		Generated: a.Capacity.Generated, Source: a.Source}
}

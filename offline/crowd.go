package offline

import (
	"context"
	"fmt"
	"strings"
	"time"

	"jiangsupass/crowd"
	"jiangsupass/platform"
)

// CrowdLiveFor is how old a level may be and still be shown as the
// level now. The sync runs every 15 minutes, and the platform rewrites an
// area's row within 5 minutes of a change of its figures (at once when
// the level or its 5-point band changes): a level synced by a device that
// reaches the platform is at most about 20 minutes behind. Older, or when
// the last sync could not reach the platform, the level is shown as the
// last one known, with its age.
const CrowdLiveFor = 20 * time.Minute

// CrowdLevel is how busy a scenic area was when the platform last said
// (the crowd_levels collection), and how old that is.
type CrowdLevel struct {
	AttractionID string
	Level        crowd.Level
	Percent      int // of Capacity.Instant, rounded down
	InPark       int
	EntriesToday int
	Capacity     crowd.Capacity
	// CapacitySource says where the capacity comes from (for a generated
	// one, the inputs it was estimated from).
	CapacitySource string
	// Estimated says InPark counts the visitors admitted within the last
	// DwellMinutes, since the area's gates count no exits.
	Estimated    bool
	DwellMinutes int
	// AsOf is when the platform took these figures; Known is the latest
	// time the app knows they still held: AsOf, or the end of a later
	// sync that reached the platform and brought no change of them.
	AsOf, Known time.Time
	// Live says the level may be shown as the level now: Known is at most
	// CrowdLiveFor ago and the last sync reached the platform.
	Live bool
}

// Age is how long ago the level was last known to hold, at now (never
// below zero).
func (c CrowdLevel) Age(now time.Time) time.Duration { return max(now.Sub(c.Known), 0) }

// crowdColumns are crowd_levels' columns, the key first.
var crowdColumns = []string{"id", "level", "percent", "in_park", "entries_today", "capacity_instant", "capacity_daily",
	"capacity_generated", "capacity_source", "estimated", "dwell_minutes", "as_of"}

// crowdReplica maps the crowd_levels collection onto its table.
var crowdReplica = replica{
	table:   "crowd_levels",
	columns: crowdColumns,
	row: func(it platform.Item) []any {
		c := it.(*platform.CrowdLevel)
		return []any{c.ID, c.Level, c.Percent, c.InPark, c.EntriesToday, c.Capacity.Instant, c.Capacity.Daily,
			c.Capacity.Generated, c.Capacity.Source, c.Estimated, c.DwellMinutes, c.AsOf}
	},
	scan: func(sc scanner) (platform.Item, error) {
		var c platform.CrowdLevel
		err := sc.Scan(&c.ID, &c.Level, &c.Percent, &c.InPark, &c.EntriesToday, &c.Capacity.Instant, &c.Capacity.Daily,
			&c.Capacity.Generated, &c.Capacity.Source, &c.Estimated, &c.DwellMinutes, &c.AsOf)
		return &c, err
	},
}

// CrowdLevels returns the last known level of every scenic area the
// platform counts, by attraction ID. An area with no row has no entry.
func (s *Store) CrowdLevels(ctx context.Context) (map[string]CrowdLevel, error) {
	return s.crowdLevels(ctx, "")
}

// CrowdLevelOf returns the last known level of one scenic area, or
// ErrNotFound when the platform has said none.
func (s *Store) CrowdLevelOf(ctx context.Context, attractionID string) (CrowdLevel, error) {
	all, err := s.crowdLevels(ctx, attractionID)
	if err != nil {
		return CrowdLevel{}, err
	}
	c, ok := all[attractionID]
	if !ok {
		return CrowdLevel{}, ErrNotFound
	}
	return c, nil
}

// crowdLevels reads the levels of every area, or of the one named.
func (s *Store) crowdLevels(ctx context.Context, only string) (map[string]CrowdLevel, error) {
	st, err := s.SyncStatus(ctx)
	if err != nil {
		return nil, fmt.Errorf("crowd levels: %w", err)
	}
	q := "SELECT " + strings.Join(crowdColumns, ", ") + " FROM crowd_levels"
	var args []any
	if only != "" {
		q += " WHERE id = ?"
		args = append(args, only)
	}
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("crowd levels: %w", err)
	}
	defer rows.Close()
	now := s.now()
	out := map[string]CrowdLevel{}
	for rows.Next() {
		c, err := scanCrowdLevel(rows)
		if err != nil {
			return nil, fmt.Errorf("crowd levels: %w", err)
		}
		c.Known = c.AsOf
		if st.LastSuccess.After(c.Known) {
			c.Known = st.LastSuccess
		}
		c.Live = reachesPlatform(st) && c.Age(now) <= CrowdLiveFor
		out[c.AttractionID] = c
	}
	return out, rows.Err()
}

// scanCrowdLevel reads a row of crowd_levels.
func scanCrowdLevel(sc scanner) (CrowdLevel, error) {
	it, err := crowdReplica.scan(sc)
	if err != nil {
		return CrowdLevel{}, err
	}
	w := it.(*platform.CrowdLevel)
	at, err := time.Parse(time.RFC3339, w.AsOf)
	if err != nil {
		return CrowdLevel{}, fmt.Errorf("%s: as_of %q: %w", w.ID, w.AsOf, err)
	}
	return CrowdLevel{AttractionID: w.ID, Level: crowd.Level(w.Level), Percent: w.Percent, InPark: w.InPark,
		EntriesToday: w.EntriesToday, Capacity: crowd.Capacity{Instant: w.Capacity.Instant, Daily: w.Capacity.Daily,
			Generated: w.Capacity.Generated}, CapacitySource: w.Capacity.Source, Estimated: w.Estimated,
		DwellMinutes: w.DwellMinutes, AsOf: at}, nil
}

// reachesPlatform reports whether the last sync reached the platform and
// brought the replica to its head: it succeeded, or only a request of
// the user's waits (for a sign-in, or refused). A device never synced, or
// whose last sync failed to reach the platform or to read it, is offline
// for what it shows.
func reachesPlatform(st SyncStatus) bool {
	if st.LastSuccess.IsZero() {
		return false
	}
	switch st.Problem {
	case ProblemNone, ProblemSignIn, ProblemRefused:
		return true
	}
	return false
}

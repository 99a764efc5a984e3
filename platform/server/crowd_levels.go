package server

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"slices"
	"time"

	"jiangsupass/clock"
	"jiangsupass/crowd"
	"jiangsupass/platform"
)

// When a row of the crowd_levels collection is written again. The
// collection is for offline display, so it need not follow every
// admission: a row is rewritten when its level changes, when its share
// of the capacity moves into another band of levelBand points, and
// otherwise, while its figures change, at most once every levelEvery.
// A busy area thus writes a few hundred changes a day, not one per
// admission; GET /v1/crowd is always live.
const (
	levelBand  = 5
	levelEvery = 5 * time.Minute
	// freshenEvery is how often a read of the levels (a sync page of
	// crowd_levels) brings rows up to date that time alone changed: a
	// dwell-time estimate as visitors' dwell runs out, and the new day.
	freshenEvery = 30 * time.Second
)

// levelAt computes an area's level at now: today's entries in China,
// each ticket once, and the visitors in it, counted by its exits or
// estimated by its dwell time.
func (c *crowdService) levelAt(ctx context.Context, q querier, a areaSpec, now time.Time) (platform.CrowdLevel, error) {
	t, err := c.store.tally(ctx, q, a.ID, clock.Midnight(now), now.Add(-a.Dwell), now)
	if err != nil {
		return platform.CrowdLevel{}, fmt.Errorf("crowd of %s: %w", a.ID, err)
	}
	l := platform.CrowdLevel{ID: a.ID, EntriesToday: t.Entries, Capacity: a.wire(), AsOf: wireTime(now)}
	if a.ExitsCounted {
		l.InPark = max(t.Entries-t.Exits, 0)
	} else {
		l.InPark, l.Estimated, l.DwellMinutes = t.Recent, true, int(a.Dwell/time.Minute)
	}
	level, _ := crowd.LevelOf(l.InPark, a.Capacity.Instant) // a loaded area's capacity is positive
	l.Level, l.Percent = string(level), crowd.Percent(l.InPark, a.Capacity.Instant)
	return l, nil
}

// needsRewrite says whether the row last written (old) should give way to
// fresh figures (cur): see levelBand and levelEvery.
func needsRewrite(old, cur platform.CrowdLevel, found bool) bool {
	if !found || old.Level != cur.Level || old.Percent/levelBand != cur.Percent/levelBand ||
		old.Capacity != cur.Capacity || old.Estimated != cur.Estimated {
		return true
	}
	if old.InPark == cur.InPark && old.EntriesToday == cur.EntriesToday {
		return false
	}
	asOf, err := time.Parse(time.RFC3339, old.AsOf)
	newer, err2 := time.Parse(time.RFC3339, cur.AsOf)
	return err != nil || err2 != nil || newer.Sub(asOf) >= levelEvery
}

// refresh brings an area's row of crowd_levels up to date at now, in the
// transaction of the change that moved it, when needsRewrite says so.
// Changes of one area take its lock first, so that on PostgreSQL the
// last to write its row has counted every record committed before it.
func (c *crowdService) refresh(ctx context.Context, tx *sql.Tx, w *writer, a areaSpec, now time.Time) error {
	if err := c.s.eng.lock(ctx, tx, "crowd\x00"+a.ID); err != nil {
		return err
	}
	cur, err := c.levelAt(ctx, tx, a, now)
	if err != nil {
		return err
	}
	var old platform.CrowdLevel
	found, err := loadItem(ctx, tx, platform.CrowdLevels, a.ID, &old)
	if err != nil {
		return err
	}
	if !needsRewrite(old, cur, found) {
		return nil
	}
	body, err := encodeItem(platform.CrowdLevels, &cur)
	if err == nil {
		_, err = w.put(ctx, platform.CrowdLevels, a.ID, body)
	}
	return err
}

// refreshAll refreshes every area's row.
func (c *crowdService) refreshAll(ctx context.Context, tx *sql.Tx, w *writer, now time.Time) error {
	for _, id := range slices.Sorted(maps.Keys(c.areas)) {
		if err := c.refresh(ctx, tx, w, c.areas[id], now); err != nil {
			return err
		}
	}
	return nil
}

// freshen refreshes every area's row before a read of the collection,
// at most once every freshenEvery, so that what time alone changes (a
// dwell estimate, the new day) reaches devices that sync.
func (c *crowdService) freshen(ctx context.Context) {
	now := c.s.now()
	last := c.refreshed.Load()
	if now.UnixNano()-last < int64(freshenEvery) || !c.refreshed.CompareAndSwap(last, now.UnixNano()) {
		return
	}
	err := c.s.inTx(ctx, func(tx *sql.Tx, w *writer) error { return c.refreshAll(ctx, tx, w, now) })
	if err != nil {
		c.s.log.Printf("crowd levels: %v", err)
	}
}

// freshenBeforeSync is called by a sync page of a collection before it is
// read; it refreshes the crowd levels (see freshen).
func (s *Server) freshenBeforeSync(ctx context.Context, collection string) {
	if collection == platform.CrowdLevels && s.crowd != nil {
		s.crowd.freshen(ctx)
	}
}

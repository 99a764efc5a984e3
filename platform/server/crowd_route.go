package server

import (
	"context"
	"encoding/json"
	"maps"
	"net/http"
	"slices"
	"strings"
	"time"

	"jiangsupass/crowd"
	"jiangsupass/platform"
)

// crowdMaxAge is how long an answer of GET /v1/crowd may be cached.
const crowdMaxAge = "15"

// thresholds are crowd's, as the API states them.
var thresholds = platform.CrowdThresholds{Moderate: crowd.ModeratePercent, Busy: crowd.BusyPercent, Full: crowd.FullPercent}

// levels computes every area's level now, in ID order, in one read.
func (c *crowdService) levels(ctx context.Context) (platform.CrowdReport, error) {
	now := c.s.now()
	rep := platform.CrowdReport{AsOf: wireTime(now), Thresholds: thresholds, Areas: make([]platform.CrowdLevel, 0, len(c.areas))}
	tx, err := c.s.db.BeginTx(ctx, c.s.eng.readTx())
	if err != nil {
		return rep, err
	}
	defer func() { _ = tx.Rollback() }()
	for _, id := range slices.Sorted(maps.Keys(c.areas)) {
		l, err := c.levelAt(ctx, tx, c.areas[id], now)
		if err != nil {
			return rep, err
		}
		rep.Areas = append(rep.Areas, l)
	}
	return rep, nil
}

// crowdMemoFor is how long this process answers GET /v1/crowd from the
// report it last computed, unless it has recorded an admission or an exit
// since: a public route that reads every area's records is then computed
// at most once a second however often it is asked. (Another node's
// records reach it within that second.)
const crowdMemoFor = time.Second

// crowdMemo is the last report computed, with its tag.
type crowdMemo struct {
	at  time.Time
	gen int64 // crowdService.gen when it was computed
	rep platform.CrowdReport
	tag string
}

// current returns the memo's report, or a new one.
func (c *crowdService) current(ctx context.Context) (*crowdMemo, error) {
	now, gen := c.s.now(), c.gen.Load()
	if m := c.memo.Load(); m != nil && m.gen == gen && !now.Before(m.at) && now.Sub(m.at) < crowdMemoFor {
		return m, nil
	}
	rep, err := c.levels(ctx)
	if err != nil {
		return nil, err
	}
	m := &crowdMemo{at: now, gen: gen, rep: rep, tag: `"` + figuresTag(rep) + `"`}
	c.memo.Store(m)
	return m, nil
}

// report answers GET /v1/crowd: live, cacheable for crowdMaxAge seconds,
// with an ETag over the figures (not their time), so that a client whose
// figures are still current gets 304.
func (c *crowdService) report(w http.ResponseWriter, r *http.Request) {
	m, err := c.current(r.Context())
	if err != nil {
		c.s.log.Printf("crowd: %v", err)
		writeError(w, http.StatusServiceUnavailable, platform.CodeUnavailable, "the crowd levels cannot be read now; try again")
		return
	}
	rep, tag := m.rep, m.tag
	w.Header().Set("Cache-Control", "public, max-age="+crowdMaxAge)
	w.Header().Set("ETag", tag)
	for _, t := range strings.Split(r.Header.Get("If-None-Match"), ",") {
		if t = strings.TrimPrefix(strings.TrimSpace(t), "W/"); t == tag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
	}
	writeJSON(w, http.StatusOK, rep)
}

// figuresTag names a report's figures, leaving out when they were taken.
func figuresTag(rep platform.CrowdReport) string {
	areas := slices.Clone(rep.Areas)
	for i := range areas {
		areas[i].AsOf = ""
	}
	b, _ := json.Marshal(areas) // plain values: never fails
	return hashBytes(b)[:32]
}

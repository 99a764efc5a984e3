package server

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"testing"
	"time"

	"jiangsupass/crowd"
	"jiangsupass/platform"
)

// admitN admits n visitors at a gate as admissions of at most 100, each
// a ticket of its own.
func (b *crowdBench) admitN(t *testing.T, c *platform.Client, area, gate string, n int, tag string) {
	t.Helper()
	for i := 0; n > 0; i++ {
		v := min(n, platform.MaxGateVisitors)
		if _, err := c.Admit(context.Background(), idemKey(tag, i), b.admission(area, gate, fmt.Sprintf("%s-%d", tag, i), v)); err != nil {
			t.Fatal(err)
		}
		n -= v
	}
}

// TestLevelEdgesThroughTheAPI admits visitors to an area of 20000 at once
// up to each threshold's edge and one past it: GET /v1/crowd and the
// crowd_levels collection give the level crowd.LevelOf gives, with the
// percent rounded down; an exit takes the area back under the edge.
func TestLevelEdgesThroughTheAPI(t *testing.T) {
	b := newCrowdBench(t)
	const area = "5a-005" // counts exits; 20000 at once (generated)
	gate := b.client(t, b.issue(t, area, "east"))
	in := 0
	for _, step := range []struct {
		to      int
		level   crowd.Level
		percent int
	}{
		{9999, crowd.Comfortable, 49},
		{10000, crowd.Moderate, 50},
		{15999, crowd.Moderate, 79},
		{16000, crowd.Busy, 80},
		{19999, crowd.Busy, 99},
		{20000, crowd.Full, 100},
		{20001, crowd.Full, 100},
	} {
		b.admitN(t, gate, area, "east", step.to-in, fmt.Sprint("to", step.to))
		in = step.to
		l := b.level(t, area)
		if l.InPark != step.to || l.Level != string(step.level) || l.Percent != step.percent || l.Estimated {
			t.Errorf("at %d: %d in the park, %s %d%%, estimated %v; want %s %d%%", step.to, l.InPark, l.Level, l.Percent, l.Estimated, step.level, step.percent)
		}
		if !l.Capacity.Generated || l.Capacity.Instant != 20000 || l.Capacity.Daily != 80000 || l.Capacity.Source == "" {
			t.Errorf("capacity %+v, want 20000 at once and 80000 a day, generated, with its source", l.Capacity)
		}
		if s := b.synced(t, area); s.Level != string(step.level) {
			t.Errorf("at %d the synced row says %s, want %s", step.to, s.Level, step.level)
		}
	}
	if _, err := gate.RecordExit(context.Background(), "exit-under-full", platform.ExitRequest{AttractionID: area, Gate: "east",
		Visitors: 2, At: b.clk.Now().Format(time.RFC3339)}); err != nil {
		t.Fatal(err)
	}
	if l := b.level(t, area); l.InPark != 19999 || l.Level != string(crowd.Busy) || l.EntriesToday != 20001 {
		t.Errorf("after 2 left: %+v; want 19999 in the park, busy, 20001 entries", l)
	}
}

// TestDwellEstimate counts, in an area whose gates count no exits, the
// visitors admitted within its dwell time (150 minutes at 夫子庙), labels
// the count estimated, and starts each day in China afresh; a sync page
// of crowd_levels brings the row up to date as time alone moves it.
func TestDwellEstimate(t *testing.T) {
	b := newCrowdBench(t) // 14:05 in China
	const area = "5a-002"
	gate := b.client(t, b.issue(t, area, "north"))
	b.admitN(t, gate, area, "north", 30, "early") // at 14:05
	b.clk.Add(time.Hour)
	b.admitN(t, gate, area, "north", 12, "late") // at 15:05
	if _, err := gate.RecordExit(context.Background(), "exit-not-counted", platform.ExitRequest{AttractionID: area,
		Gate: "north", Visitors: 10, At: b.clk.Now().Format(time.RFC3339)}); err != nil {
		t.Fatal(err)
	}
	check := func(when string, in, entries int) {
		t.Helper()
		l := b.level(t, area)
		if l.InPark != in || l.EntriesToday != entries || !l.Estimated || l.DwellMinutes != 150 {
			t.Errorf("%s: %+v; want %d in the park (estimated, 150 min), %d entries", when, l, in, entries)
		}
		if s := b.synced(t, area); s.InPark != in || !s.Estimated {
			t.Errorf("%s: the synced row has %d in the park, estimated %v; want %d", when, s.InPark, s.Estimated, in)
		}
	}
	check("15:05", 42, 42)
	b.clk.Add(89 * time.Minute) // 16:34: the first are 149 minutes in
	check("16:34", 42, 42)
	b.clk.Add(time.Minute) // 16:35: their 150 minutes are up
	check("16:35", 12, 42)
	b.clk.Set(b.clk.Now().Add(8 * time.Hour)) // 00:35 the next day in China
	check("the next day", 0, 0)
}

// TestLevelRowsAreNotRewrittenForEveryAdmission admits 60 visitors one by
// one within a minute to an area of 20000: the row of crowd_levels is
// rewritten when its band of 5 points changes or, while its figures
// change, at most every 5 minutes; never for each admission.
func TestLevelRowsAreNotRewrittenForEveryAdmission(t *testing.T) {
	b := newCrowdBench(t)
	const area = "5a-005"
	gate := b.client(t, b.issue(t, area, "east"))
	start := b.levelWrites(t)
	for i := range 60 {
		if _, err := gate.Admit(context.Background(), idemKey("one", i), b.admission(area, "east", fmt.Sprint("one-", i), 1)); err != nil {
			t.Fatal(err)
		}
	}
	if n := b.levelWrites(t) - start; n != 0 {
		t.Errorf("60 admissions in a minute, none moving the level's band, rewrote the row %d times; want 0", n)
	}
	b.clk.Add(5 * time.Minute)
	if _, err := gate.Admit(context.Background(), idemKey("one", 60), b.admission(area, "east", "one-60", 1)); err != nil {
		t.Fatal(err)
	}
	if n := b.levelWrites(t) - start; n != 1 {
		t.Errorf("an admission 5 minutes on rewrote the row %d times, want 1", n)
	}
	if s := b.synced(t, area); s.InPark != 61 {
		t.Errorf("the synced row has %d in the park, want 61", s.InPark)
	}
	b.admitN(t, gate, area, "east", 1000, "band") // 1061: 5%, the next band
	if n := b.levelWrites(t) - start; n != 2 {
		t.Errorf("moving into the next band rewrote the row %d times in all, want 2", n)
	}
}

// TestCrowdAnswerIsCacheable checks GET /v1/crowd's short cache and its
// ETag, which names the figures: the same figures give 304, a change 200.
func TestCrowdAnswerIsCacheable(t *testing.T) {
	b := newCrowdBench(t)
	get := func(etag string) (*http.Response, platform.CrowdReport) {
		t.Helper()
		req, _ := http.NewRequest(http.MethodGet, b.hs.URL+"/v1/crowd", nil)
		if etag != "" {
			req.Header.Set("If-None-Match", etag)
		}
		resp, err := b.hs.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var rep platform.CrowdReport
		if resp.StatusCode == http.StatusOK {
			if err := decodeJSON(resp.Body, &rep); err != nil {
				t.Fatal(err)
			}
		}
		return resp, rep
	}
	resp, rep := get("")
	tag := resp.Header.Get("ETag")
	if resp.Header.Get("Cache-Control") != "public, max-age=15" || tag == "" {
		t.Errorf("Cache-Control %q, ETag %q", resp.Header.Get("Cache-Control"), tag)
	}
	if len(rep.Areas) != 26 || rep.Thresholds != (platform.CrowdThresholds{Moderate: 50, Busy: 80, Full: 100}) {
		t.Errorf("%d areas, thresholds %+v", len(rep.Areas), rep.Thresholds)
	}
	b.clk.Add(10 * time.Second)
	if resp, _ := get(tag); resp.StatusCode != http.StatusNotModified {
		t.Errorf("the same figures 10 s on: %d, want 304", resp.StatusCode)
	}
	b.admitN(t, b.client(t, b.issue(t, "5a-001", "g")), "5a-001", "g", 5, "etag")
	resp, _ = get(tag)
	if resp.StatusCode != http.StatusOK || resp.Header.Get("ETag") == tag {
		t.Errorf("after an admission: %d with ETag %q, want 200 and a new tag", resp.StatusCode, resp.Header.Get("ETag"))
	}
	tag = resp.Header.Get("ETag")
	// Another node records an admission: this one answers from its report
	// of the last second, then counts it.
	if _, _, err := (crowdRecords{}).admit(context.Background(), b.s.db, admissionRow{ID: "ad-other-node", Attraction: "5a-001",
		Gate: "g", Ticket: "o-other-node", Key: "other-node-key-1", Visitors: 3, At: b.clk.Now()}); err != nil {
		t.Fatal(err)
	}
	if resp, _ := get(tag); resp.StatusCode != http.StatusNotModified {
		t.Errorf("another node's admission at once: %d, want 304 from the last second's report", resp.StatusCode)
	}
	b.clk.Add(crowdMemoFor)
	if _, rep := get(tag); !slices.ContainsFunc(rep.Areas, func(l platform.CrowdLevel) bool { return l.ID == "5a-001" && l.EntriesToday == 8 }) {
		t.Errorf("a second on, 5a-001 is not at 8 entries: %+v", rep.Areas[0])
	}
}

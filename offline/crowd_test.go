package offline

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"testing"
	"time"

	"jiangsupass/clock/clocktest"
	"jiangsupass/crowd"
	"jiangsupass/platform"
)

// crowdRow is a crowd_levels item as the platform sends one.
func crowdRow(id, level string, percent int, asOf time.Time) json.RawMessage {
	b, _ := json.Marshal(platform.CrowdLevel{ID: id, Level: level, Percent: percent, InPark: percent * 200,
		EntriesToday: percent * 300, Capacity: platform.CrowdCapacity{Instant: 20000, Daily: 100000, Generated: true, Source: "generated"},
		Estimated: true, DwellMinutes: 120, AsOf: asOf.Format(time.RFC3339)})
	return b
}

// applyCrowd applies a page of crowd levels from the replica's cursor.
func applyCrowd(t *testing.T, s *Store, rows ...json.RawMessage) error {
	t.Helper()
	ctx := context.Background()
	since, err := s.Cursor(ctx, platform.CrowdLevels)
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.ApplyPage(ctx, platform.CrowdLevels, &platform.SyncPage{Collection: platform.CrowdLevels, Epoch: "e1",
		Since: fmt.Sprint(since), Next: fmt.Sprint(int64(since) + int64(len(rows))), Upserts: rows})
	return err
}

// TestCrowdLevelIsLiveOnlyWhileFreshAndOnline: a synced level is live while
// it was known at most CrowdLiveFor ago and the last sync reached the
// platform; old, or after a sync that could not reach it, it is the last
// level known, with its age.
func TestCrowdLevelIsLiveOnlyWhileFreshAndOnline(t *testing.T) {
	ctx := context.Background()
	clk := clocktest.NewSettable(clocktest.At(t, clocktest.Days(0), "14:05"))
	s, _, err := Open(ctx, "", Options{Memory: true, Anchors: testAnchors, Now: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.CrowdLevelOf(ctx, "5a-002"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("before any sync: %v, want ErrNotFound", err)
	}
	asOf := clk.Now()
	if err := applyCrowd(t, s, crowdRow("5a-002", "busy", 78, asOf), crowdRow("5a-004", "comfortable", 12, asOf)); err != nil {
		t.Fatal(err)
	}
	if err := s.recordSync(ctx, nil, true); err != nil {
		t.Fatal(err)
	}
	level := func() CrowdLevel {
		t.Helper()
		c, err := s.CrowdLevelOf(ctx, "5a-002")
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	c := level()
	if c.Level != crowd.Busy || c.Percent != 78 || !c.Capacity.Generated || !c.Estimated || c.DwellMinutes != 120 ||
		!c.AsOf.Equal(asOf) || !c.Live || c.Age(clk.Now()) != 0 {
		t.Errorf("just synced: %+v", c)
	}

	// Twenty minutes on, with no sync since: still live (CrowdLiveFor).
	clk.Add(CrowdLiveFor)
	if c := level(); !c.Live || c.Age(clk.Now()) != CrowdLiveFor {
		t.Errorf("%v after the sync: live %v, age %v", CrowdLiveFor, c.Live, c.Age(clk.Now()))
	}
	// A second later it is the last level known.
	clk.Add(time.Second)
	if c := level(); c.Live {
		t.Errorf("%v after the sync it is still live", CrowdLiveFor+time.Second)
	}

	// A sync that brings no change of the row: known as of that sync.
	if err := s.recordSync(ctx, nil, true); err != nil {
		t.Fatal(err)
	}
	if c := level(); !c.Live || !c.Known.Equal(clk.Now()) || !c.AsOf.Equal(asOf) {
		t.Errorf("after a sync with no change: %+v", c)
	}

	// Offline: a sync that could not reach the platform. However recent
	// the level, it is not live.
	clk.Add(time.Minute)
	if err := s.recordSync(ctx, fmt.Errorf("dial: %w", &netTimeout{}), false); err != nil {
		t.Fatal(err)
	}
	c = level()
	if c.Live || c.Age(clk.Now()) != time.Minute {
		t.Errorf("offline: live %v, age %v; want not live, 1m0s", c.Live, c.Age(clk.Now()))
	}
	all, err := s.CrowdLevels(ctx)
	if err != nil || len(all) != 2 || all["5a-004"].Level != crowd.Comfortable {
		t.Errorf("CrowdLevels = %+v, %v", all, err)
	}

	// Two hours on, still offline: the age says so.
	clk.Add(2 * time.Hour)
	if c := level(); c.Live || c.Age(clk.Now()) != 2*time.Hour+time.Minute {
		t.Errorf("2 h offline: live %v, age %v", c.Live, c.Age(clk.Now()))
	}
}

// TestCrowdPageWithABadLevelChangesNothing: an unknown level or a missing
// capacity refuses the whole page.
func TestCrowdPageWithABadLevelChangesNothing(t *testing.T) {
	ctx := context.Background()
	s, _, err := Open(ctx, "", Options{Memory: true, Anchors: testAnchors, Now: liveClock})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	good := crowdRow("5a-002", "busy", 78, testNow)
	for _, bad := range []json.RawMessage{
		crowdRow("5a-004", "crowded", 12, testNow),
		json.RawMessage(`{"id":"5a-004","level":"busy","percent":1,"in_park":1,"entries_today":1,"capacity":{"instant":0,"daily":1,"generated":true,"source":"x"},"estimated":false,"as_of":"2026-01-01T00:00:00Z"}`),
		json.RawMessage(`{"id":"5a-004","level":"busy","percent":1,"in_park":1,"entries_today":1,"capacity":{"instant":1,"daily":1,"generated":true,"source":"x"},"estimated":false,"as_of":"yesterday"}`),
	} {
		if err := applyCrowd(t, s, good, bad); !errors.Is(err, platform.ErrBadAnswer) {
			t.Errorf("page with %s: %v, want ErrBadAnswer", bad, err)
		}
	}
	if all, err := s.CrowdLevels(ctx); err != nil || len(all) != 0 {
		t.Errorf("after refused pages: %+v, %v", all, err)
	}
}

// netTimeout is a net.Error: the platform could not be reached.
type netTimeout struct{}

func (*netTimeout) Error() string   { return "i/o timeout" }
func (*netTimeout) Timeout() bool   { return true }
func (*netTimeout) Temporary() bool { return true }

package screens

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"strings"
	"testing"
	"time"

	"jiangsupass/clock/clocktest"
	"jiangsupass/crowd"
	"jiangsupass/offline"
	"jiangsupass/platform"
	"jiangsupass/platform/server"
	"jiangsupass/platform/server/servertest"
)

// crowdServer is a reference server on loopback on the env's clock, with
// visitors admitted at one gate of area, in admissions of at most 100.
func crowdServer(t *testing.T, env *Env, area string, visitors int) *servertest.Platform {
	t.Helper()
	ctx := context.Background()
	p := servertest.Start(t, server.Options{Now: env.Now}, nil)
	gate := platform.NewClient(p.URL, platform.Options{Timeout: 5 * time.Second})
	if err := gate.SetAreaToken(gate.Origin(), p.AreaToken(t, area, "north")); err != nil {
		t.Fatal(err)
	}
	for i := 0; visitors > 0; i++ {
		n := min(visitors, platform.MaxGateVisitors)
		visitors -= n
		if _, err := gate.Admit(ctx, fmt.Sprintf("test-admission-%d", i), platform.AdmissionRequest{TicketID: fmt.Sprintf("o-%d", i),
			AttractionID: area, Gate: "north", Visitors: n, At: env.Now().Format(time.RFC3339)}); err != nil {
			t.Fatal(err)
		}
	}
	return p
}

// syncCrowd syncs the env's store's crowd levels from url; it returns the
// sync's error (a server that cannot be reached is an error).
func syncCrowd(env *Env, url string) error {
	c := platform.NewClient(url, platform.Options{Timeout: 2 * time.Second, Retries: -1})
	eng := offline.NewSyncEngine(env.Store, c, offline.SyncOptions{Collections: []string{platform.CrowdLevels}})
	defer eng.Stop()
	return eng.Sync(context.Background())
}

// closedURL is the address of a server that has stopped: nothing answers.
func closedURL(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	url := "http://" + l.Addr().String()
	l.Close()
	return url
}

// TestStaleLevelShowsItsAgeOffline: a level synced from the platform is
// shown as the level now ("Moderate now: 78% of capacity · as of 14:10");
// after a sync that cannot reach the platform, and two hours on, the
// attraction's page, the map's card and the map's note show it as the
// last level known, as of 14:10, 2 h ago, not live.
func TestStaleLevelShowsItsAgeOffline(t *testing.T) {
	env, _, clk := testEnvClock(t, "en")
	clk.Set(clocktest.At(t, clocktest.Days(0), "14:05"))
	p := crowdServer(t, env, "5a-004", 15600) // 78% of 20,000
	clk.Add(5 * time.Minute)                  // the platform rewrites a row that moved within a band after 5 minutes
	if err := syncCrowd(env, p.URL); err != nil {
		t.Fatal(err)
	}
	page := buildAttraction(env, Route{Screen: AttractionID, Param: "5a-004"})
	show(t, page)
	s := shownTexts(page)
	for _, want := range []string{"Moderate now: 78% of capacity · as of 14:10", "Moderate",
		"(generated with the LB/T 034-2014 formula", "counts as gone 120 min after entry"} {
		if !strings.Contains(s, want) {
			t.Errorf("the page just synced lacks %q:\n%s", want, s)
		}
	}

	// Offline: a minute on, the next sync cannot reach the platform. The
	// level is a minute old, but no longer live.
	clk.Add(time.Minute)
	if err := syncCrowd(env, closedURL(t)); err == nil {
		t.Fatal("a sync from a stopped server succeeded")
	}
	pageSays := func(want string) {
		t.Helper()
		page := buildAttraction(env, Route{Screen: AttractionID, Param: "5a-004"})
		show(t, page)
		if s := shownTexts(page); !strings.Contains(s, want) || strings.Contains(s, "Moderate now") {
			t.Errorf("the page offline: want %q\n%s", want, s)
		}
	}
	pageSays("Last known: Moderate, 78% of capacity · as of 14:10 (1 min ago), not live")
	clk.Add(2 * time.Hour)
	want := "Last known: Moderate, 78% of capacity · as of 14:10 (2 h ago), not live"
	pageSays(want)
	markers, err := loadMarkers(context.Background(), env, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, mk := range markers {
		if mk.ID == attractionMarkerPrefix+"5a-004" && (mk.Badge != "Moderate" || !strings.Contains(mk.Subtitle, want)) {
			t.Errorf("the map's marker offline: badge %q, card %q", mk.Badge, mk.Subtitle)
		}
	}
	note, err := loadCrowdNote(context.Background(), env)
	if err != nil || note == nil || !strings.Contains(shownTexts(note), "Crowd levels as of 14:10 (2 h ago), not live.") {
		t.Errorf("the map's note offline: %v\n%v", err, note)
	}
}

// applyLevels writes crowd levels into the env's store as a sync page
// would, known as of now.
func applyLevels(t *testing.T, env *Env, levels map[string]crowd.Level) {
	t.Helper()
	ctx := context.Background()
	var rows []json.RawMessage
	for id, l := range levels {
		pct := map[crowd.Level]int{crowd.Comfortable: 10, crowd.Moderate: 60, crowd.Busy: 85, crowd.Full: 100}[l]
		b, err := json.Marshal(platform.CrowdLevel{ID: id, Level: string(l), Percent: pct, InPark: pct * 100, EntriesToday: pct * 200,
			Capacity: platform.CrowdCapacity{Instant: 10000, Daily: 50000, Generated: true, Source: "test"}, AsOf: env.Now().Format(time.RFC3339)})
		if err != nil {
			t.Fatal(err)
		}
		rows = append(rows, b)
	}
	since, err := env.Store.Cursor(ctx, platform.CrowdLevels)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := env.Store.ApplyPage(ctx, platform.CrowdLevels, &platform.SyncPage{Collection: platform.CrowdLevels, Epoch: "e",
		Since: fmt.Sprint(since), Next: fmt.Sprint(int64(since) + 1), Upserts: rows}); err != nil {
		t.Fatal(err)
	}
}

// TestLeastBusyFirst: sorted least busy first, the list shows the areas
// by level (then share of capacity), and those with no level last, by
// name; each row says its level in words.
func TestLeastBusyFirst(t *testing.T) {
	env, _ := testEnv(t, "en")
	applyLevels(t, env, map[string]crowd.Level{"5a-002": crowd.Full, "5a-004": crowd.Comfortable, "5a-003": crowd.Busy,
		"5a-001": crowd.Moderate})
	s := &attractionList{env: env}
	if err := s.load(context.Background()); err != nil {
		t.Fatal(err)
	}
	view := s.view()
	show(t, view)
	sel := selectWith(view, env.T("SortLeastBusy"))
	if sel == nil {
		t.Fatal("no sort by how busy")
	}
	sel.SetSelected(env.T("SortLeastBusy"))
	var got []string
	for _, r := range s.shown[:5] {
		got = append(got, r.a.ID)
	}
	if strings.Join(got[:4], " ") != "5a-004 5a-001 5a-003 5a-002" || s.shown[4].level != nil {
		t.Errorf("least busy first: %v, then %+v", got, s.shown[4].level)
	}
	rest := s.shown[4:]
	for i := 1; i < len(rest); i++ {
		if rest[i].level != nil || rest[i-1].a.Name.In("en") > rest[i].a.Name.In("en") {
			t.Fatalf("the areas with no level are not last by name: %q before %q", rest[i-1].a.Name.In("en"), rest[i].a.Name.In("en"))
		}
	}
	line := ""
	for i := range s.shown {
		if s.shown[i].a.ID == "5a-004" {
			box := s.newRow()
			s.updateRow(i, box)
			line = strings.Join(labelTexts(box), " | ")
		}
	}
	if !strings.Contains(line, "Quiet 10%") || strings.Contains(line, "ago") {
		t.Errorf("a row with a live level reads %q", line)
	}
}

// TestMapMarksLevelsInWords: an area with a level is marked in the
// level's colour with its word as the marker's badge; one without keeps
// the attraction's colour and no badge.
func TestMapMarksLevelsInWords(t *testing.T) {
	env, _ := testEnv(t, "zh-Hans")
	applyLevels(t, env, map[string]crowd.Level{"5a-002": crowd.Busy})
	markers, err := loadMarkers(context.Background(), env, nil)
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, mk := range markers {
		switch mk.ID {
		case attractionMarkerPrefix + "5a-002":
			seen++
			if mk.Badge != "拥挤" || mk.Color != levelStyles[crowd.Busy].fill || mk.BadgeInk != levelStyles[crowd.Busy].ink ||
				!strings.Contains(mk.Subtitle, "85%") {
				t.Errorf("a busy area's marker: %+v", mk)
			}
		case attractionMarkerPrefix + "5a-004":
			seen++
			if mk.Badge != "" || mk.Color != markerAttraction {
				t.Errorf("an area with no level: %+v", mk)
			}
		}
	}
	if seen != 2 {
		t.Errorf("%d of the two areas marked", seen)
	}
	// Levels never synced from a platform that was reached are not live.
	note, err := loadCrowdNote(context.Background(), env)
	if err != nil || note == nil || !strings.Contains(shownTexts(note), "非实时") {
		t.Errorf("the note of levels never synced: %v %v", err, note)
	}
}

package offline

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"jiangsupass/platform"
	"jiangsupass/platform/server"
	"jiangsupass/platform/server/servertest"
)

// TestGateAdmissionsReachThePlatformOnceThroughFaults: admissions and
// exits a gate records with no network survive a restart, wait (counting
// no attempt) while the gate has no area token, and then reach the
// platform through a proxy that drops connections, loses answers and
// answers 503: each exactly once, and the platform counts each visitor
// once.
func TestGateAdmissionsReachThePlatformOnceThroughFaults(t *testing.T) {
	ctx := context.Background()
	ps := startPlatform(t, server.Options{Catalogue: 300})
	proxy := newFaultProxy(t, ps.HTTP.URL, 400*time.Millisecond)
	token, err := servertest.IssueAreaToken(ctx, ps.HTTP.URL, ps.AdminTokenFile(), testGate.AttractionID, testGate.Gate)
	if err != nil {
		t.Fatal(err)
	}

	// Offline: no platform at all while the gate admits.
	path := seededCopy(t)
	s, _, err := Open(ctx, path, Options{Anchors: testAnchors, Now: liveClock})
	if err != nil {
		t.Fatal(err)
	}
	visitors := 0
	for i := range 40 {
		n := 1 + i%3
		if _, err := s.Admit(ctx, testGate, fmt.Sprintf("o-%04d", i), n); err != nil {
			t.Fatal(err)
		}
		visitors += n
	}
	for range 3 {
		if err := s.RecordExit(ctx, testGate, 2); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.Admit(ctx, testGate, "o-0007", 2); err == nil {
		t.Fatal("a ticket admitted twice offline")
	}
	want, err := s.Outbox(ctx, OutboxPending)
	if err != nil || len(want) != 43 {
		t.Fatalf("outbox: %d requests (%v), want 43", len(want), err)
	}
	if err := s.Close(); err != nil { // the gate restarts
		t.Fatal(err)
	}
	s, _, err = Open(ctx, path, Options{Anchors: testAnchors, Now: liveClock})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()

	client := platform.NewClient(proxy.http.URL, platform.Options{Timeout: 250 * time.Millisecond, Retries: 1,
		RetryWait: time.Millisecond, RetryMaxWait: 5 * time.Millisecond})
	eng := NewSyncEngine(s, client, fastSync())
	// Online, but no area token yet: the records wait and count no attempt.
	if err := eng.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	waiting, _ := s.Outbox(ctx, OutboxPending)
	for _, it := range waiting {
		if it.Attempts != 0 {
			t.Fatalf("a record sent with no token: %+v", it)
		}
	}
	if !strings.Contains(waiting[0].LastError, "area token") {
		t.Errorf("the first record waits for %q, not for the area token", waiting[0].LastError)
	}
	if applied, _ := ps.Applied(ctx, platform.Admissions); len(applied) != 0 {
		t.Fatalf("%d admissions applied with no token", len(applied))
	}

	if err := client.SetAreaToken(client.Origin(), token); err != nil {
		t.Fatal(err)
	}
	proxy.setOn(true)
	for range 25 {
		_ = eng.Sync(ctx) // errors are expected while the faults last
	}
	proxy.setOn(false)
	syncUntilClean(t, eng, s)
	if proxy.counts[faultLostReply] == 0 || proxy.counts[faultDrop] == 0 || proxy.counts[fault503] == 0 {
		t.Errorf("the proxy did not break every kind of delivery: %v", proxy.counts)
	}
	t.Logf("faults injected: %v", proxy.counts)

	applied := map[string]int{}
	for _, kind := range []string{platform.Admissions, platform.Exits} {
		list, err := ps.Applied(ctx, kind)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range list {
			applied[a.Key]++
		}
	}
	for _, it := range want {
		if applied[it.Key] != 1 {
			t.Errorf("%s %d was applied %d times", it.Kind, it.ID, applied[it.Key])
		}
	}
	if len(applied) != len(want) {
		t.Errorf("the platform applied %d requests, the gate made %d", len(applied), len(want))
	}
	report, err := platform.NewClient(ps.HTTP.URL, platform.Options{}).Crowd(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range report.Areas {
		if a.ID == testGate.AttractionID && (a.EntriesToday != visitors || a.InPark != visitors) {
			t.Errorf("the platform counts %d entries, %d in the area; the gate admitted %d", a.EntriesToday, a.InPark, visitors)
		}
	}
	if day, err := s.GateToday(ctx, testGate); err != nil || day.Waiting != 0 || day.Refused != 0 || day.Flagged != 0 {
		t.Errorf("GateToday after delivery = %+v, %v", day, err)
	}
}

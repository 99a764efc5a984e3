package offline

import (
	"context"
	"testing"

	"jiangsupass/platform"
	"jiangsupass/platform/server"
)

// TestSyncFullThenDelta runs the reference server on loopback, the real
// client and a real SQLite file: a full sync, changes on the server, then
// a delta sync that transfers only the changes.
func TestSyncFullThenDelta(t *testing.T) {
	ctx := context.Background()
	ps := startPlatform(t, server.Options{Catalogue: 2000})
	s := openSyncStore(t)
	eng := NewSyncEngine(s, testClient(ps.HTTP.URL, nil), fastSync())
	var last Progress
	eng.OnProgress(func(p Progress) {
		if p.Running && p.Total > 0 {
			last = p
		}
	})
	if err := eng.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	assertSameData(t, s, ps)
	sent := map[string]int64{}
	var full int64
	for _, c := range platform.Collections {
		sent[c] = ps.Sent(c)
		full += sent[c]
	}
	if last.Done != full || last.Total != full {
		t.Errorf("progress ended at %d of %d; the server sent %d changes", last.Done, last.Total, full)
	}
	if n := count(t, s, "service_items"); n != 66+2000 {
		t.Errorf("service items after the full sync: %d", n)
	}

	// Three changes on the server: an edit, a deletion, a new item.
	if _, err := ps.Patch(ctx, platform.Attractions, "5a-001", []byte(`{"address":"无锡市滨湖区山水西路128号（新址）"}`)); err != nil {
		t.Fatal(err)
	}
	if _, err := ps.Delete(ctx, platform.POIs, "hub-001"); err != nil {
		t.Fatal(err)
	}
	if _, err := ps.Put(ctx, platform.ServiceHalls, &platform.ServiceHall{ID: "hall-new", Name: "新区政务服务中心",
		DivisionCode: "320100", Level: "prefecture", Address: "南京", Hours: "9-17", Generated: true, Source: "test"}); err != nil {
		t.Fatal(err)
	}
	if err := eng.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	var delta int64
	for _, c := range platform.Collections {
		delta += ps.Sent(c) - sent[c]
	}
	if delta != 3 {
		t.Errorf("the delta sync transferred %d rows, want the 3 changes", delta)
	}
	a, err := s.Attraction(ctx, "5a-001")
	if err != nil || a.Address != "无锡市滨湖区山水西路128号（新址）" {
		t.Errorf("edited attraction: %q, %v", a.Address, err)
	}
	if n := count(t, s, "pois"); n != 16 {
		t.Errorf("pois after a deletion: %d, want 16", n)
	}
	assertSameData(t, s, ps)

	// Nothing changed: nothing is sent.
	before := ps.Sent(platform.Attractions)
	if err := eng.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	if ps.Sent(platform.Attractions) != before {
		t.Error("a sync with no changes sent rows")
	}
	st, err := s.SyncStatus(ctx)
	if err != nil || st.LastSuccess.IsZero() || st.Problem != ProblemNone {
		t.Errorf("status after success: %+v, %v", st, err)
	}
}

// TestServerRebuiltResyncs syncs from a server, then from a server built
// afresh (a new changelog whose positions mean nothing to the old cursors,
// with fewer items): the app notices the new epoch, starts over and ends
// equal to the new server, without the items the new server lacks.
func TestServerRebuiltResyncs(t *testing.T) {
	ctx := context.Background()
	old := startPlatform(t, server.Options{Catalogue: 500})
	s := openSyncStore(t)
	if err := NewSyncEngine(s, testClient(old.HTTP.URL, nil), fastSync()).Sync(ctx); err != nil {
		t.Fatal(err)
	}
	rebuilt := startPlatform(t, server.Options{Catalogue: 200})
	if _, err := rebuilt.Delete(ctx, platform.Attractions, "5a-026"); err != nil {
		t.Fatal(err)
	}
	if err := NewSyncEngine(s, testClient(rebuilt.HTTP.URL, nil), fastSync()).Sync(ctx); err != nil {
		t.Fatal(err)
	}
	assertSameData(t, s, rebuilt)
	if _, err := s.Attraction(ctx, "5a-026"); err == nil {
		t.Error("an attraction the rebuilt server lacks is still in the replica")
	}
}

package offline

import (
	"context"
	"encoding/json"
	"errors"
	"testing"

	"jiangsupass/platform"
)

// FuzzApplyPage feeds arbitrary sync pages to ApplyPage: it must not
// panic, and a page it refuses must change nothing stored.
func FuzzApplyPage(f *testing.F) {
	f.Add([]byte(`{"collection":"pois","since":"0","upserts":[{"id":"p1","kind":"airport","name":"机场","lon":118.8,"lat":31.7,"source":"s"}],"tombstones":[],"next":"9","has_more":false,"total":1}`))
	f.Add([]byte(`{"collection":"pois","since":"0","upserts":[{"id":"p1","kind":"airport","name":"","lon":1,"lat":2,"source":"s"}],"tombstones":["x"],"next":"3"}`))
	f.Add([]byte(`{"collection":"pois","since":"0","upserts":[{"id":"p2","kind":"port","name":"港","lon":500,"lat":2,"source":"s"}],"next":"4"}`))
	f.Add([]byte(`{"collection":"service_items","since":"0","upserts":[{"id":7,"audience":"个人","theme":"t","name":"n","source":"s"}],"next":"1"}`))
	f.Add([]byte(`{"collection":"pois","since":"0","upserts":[],"tombstones":[],"next":"-1"}`))
	f.Add([]byte(`{"collection":"pois","since":"0","upserts":[{"id": 5a-001`))
	s, _, err := Open(context.Background(), "", Options{Memory: true, Anchors: testAnchors, Now: liveClock})
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { _ = s.Close() })
	f.Fuzz(func(t *testing.T, data []byte) {
		ctx := context.Background()
		var page platform.SyncPage
		if json.Unmarshal(data, &page) != nil || !platform.IsCollection(page.Collection) {
			return
		}
		before, err := s.ReplicaChecksum(ctx, page.Collection)
		if err != nil {
			t.Fatal(err)
		}
		page.Since = before.Cursor
		if _, err := s.ApplyPage(ctx, page.Collection, &page); err != nil {
			after, cerr := s.ReplicaChecksum(ctx, page.Collection)
			if cerr != nil {
				t.Fatal(cerr)
			}
			if after != before {
				t.Errorf("a refused page (%v) changed the replica", err)
			}
			if !errors.Is(err, platform.ErrBadAnswer) && !errors.Is(err, ErrStalePage) {
				var pe *platform.Error
				if !errors.As(err, &pe) {
					t.Errorf("refused with an unexpected error: %v", err)
				}
			}
		}
	})
}

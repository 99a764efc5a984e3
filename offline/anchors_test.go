package offline

import (
	"errors"
	"testing"

	"jiangsupass/codes"
	"jiangsupass/platform/server"
)

// testAnchors are the trust anchors the tests' stores are opened with: the
// reference server's demo anchor, which signs the trust lists it serves.
var testAnchors = codes.DemoAnchors()

// TestNoAnchorsTrustNoList: a store opened without trust anchors keeps no
// trust list from a sync and opens none it holds, with a clear error.
func TestNoAnchorsTrustNoList(t *testing.T) {
	ctx := t.Context()
	s, _, err := Open(ctx, "", Options{Memory: true, Now: liveClock})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ps := startPlatform(t, server.Options{})
	if err := s.SyncPersonal(ctx, testClient(ps.HTTP.URL, nil)); !errors.Is(err, codes.ErrNoAnchors) {
		t.Errorf("a sync with no anchors: %v, want ErrNoAnchors", err)
	}
	if _, err := s.TrustList(ctx); !errors.Is(err, ErrNotFound) {
		t.Errorf("after it, the trust list: %v, want none kept", err)
	}
}

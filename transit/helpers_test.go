package transit_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"jiangsupass/clock/clocktest"
	"jiangsupass/offline"
	"jiangsupass/transit"
)

// serviceDay is the date the tests plan on.
var serviceDay = time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)

var (
	embeddedOnce sync.Once
	embeddedNet  *transit.Network
	embeddedErr  error
)

// embedded is the app's estimated metro network, built from the seed data
// through a real in-memory store, once per test binary.
func embedded(tb testing.TB) *transit.Network {
	tb.Helper()
	embeddedOnce.Do(func() {
		ctx := context.Background()
		store, _, err := offline.Open(ctx, "", offline.Options{Memory: true, Now: clocktest.Fixed()})
		if err != nil {
			embeddedErr = err
			return
		}
		defer store.Close()
		lines, stations, err := store.TransitInput(ctx)
		if err != nil {
			embeddedErr = err
			return
		}
		feed, err := transit.Estimated(lines, stations, transit.DefaultRule())
		if err != nil {
			embeddedErr = err
			return
		}
		embeddedNet, embeddedErr = transit.Compile(feed, serviceDay, transit.Options{})
	})
	if embeddedErr != nil {
		tb.Fatal(embeddedErr)
	}
	return embeddedNet
}

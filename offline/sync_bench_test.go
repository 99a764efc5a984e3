package offline

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"testing"
	"time"

	"jiangsupass/platform"
	"jiangsupass/platform/server"
)

// BenchmarkSyncCatalogue measures the initial sync of the provincial-scale
// service catalogue (134,800 generated items beside the 66 standard ones)
// from the reference server over loopback, beside a raw SQLite bulk
// insert of the same rows into the same table in the same run; then a
// delta sync after 1% of the items changed, as a fraction of the full
// sync's time. Each figure is the median of three alternating runs.
func BenchmarkSyncCatalogue(b *testing.B) {
	ctx := context.Background()
	ps := startPlatform(b, server.Options{Catalogue: server.ProvincialCatalogueSize})
	states, err := ps.Items(ctx, platform.ServiceItems)
	if err != nil {
		b.Fatal(err)
	}
	items := make([]platform.Item, 0, len(states))
	for _, st := range states {
		var it platform.ServiceItem
		if err := json.Unmarshal(st.Body, &it); err != nil {
			b.Fatal(err)
		}
		items = append(items, &it)
	}
	const rounds = 3 // the machines are noisy: medians of alternating runs
	for i := 0; i < b.N; i++ {
		var raws, fulls, deltas []time.Duration
		var synced int64
		for r := 0; r < rounds; r++ {
			raws = append(raws, rawInsert(b, items))
			s := openSyncStore(b)
			eng := NewSyncEngine(s, platform.NewClient(ps.HTTP.URL, platform.Options{}),
				SyncOptions{Collections: []string{platform.ServiceItems}})
			before := ps.Sent(platform.ServiceItems)
			start := time.Now()
			if err := eng.Sync(ctx); err != nil {
				b.Fatal(err)
			}
			fulls = append(fulls, time.Since(start))
			synced = ps.Sent(platform.ServiceItems) - before

			// 1% of the items change on the server; a delta sync.
			var changed []platform.Item
			for k := r; k < len(items); k += 100 {
				it := *items[k].(*platform.ServiceItem)
				it.Notes = fmt.Sprintf("changed in run %d.%d", i, r)
				changed = append(changed, &it)
			}
			if err := ps.PutMany(ctx, platform.ServiceItems, changed); err != nil {
				b.Fatal(err)
			}
			before = ps.Sent(platform.ServiceItems)
			start = time.Now()
			if err := eng.Sync(ctx); err != nil {
				b.Fatal(err)
			}
			deltas = append(deltas, time.Since(start))
			if n := ps.Sent(platform.ServiceItems) - before; n != int64(len(changed)) {
				b.Fatalf("the delta sync sent %d rows for %d changes", n, len(changed))
			}
			_ = s.Close()
		}
		raw, full, delta := medianOf(raws), medianOf(fulls), medianOf(deltas)
		rawRate := float64(len(items)) / raw.Seconds()
		syncRate := float64(synced) / full.Seconds()
		b.ReportMetric(syncRate, "items/s-sync")
		b.ReportMetric(rawRate, "rows/s-raw-insert")
		b.ReportMetric(syncRate/rawRate, "sync/raw(goal≥0.5)")
		b.ReportMetric(delta.Seconds()/full.Seconds(), "delta1%/full(goal≤0.05)")
		b.ReportMetric(float64(synced), "items")
	}
}

// rawInsert writes the rows straight into the replica's table of a fresh
// store in one transaction, and returns how long it took.
func rawInsert(b *testing.B, items []platform.Item) time.Duration {
	ctx := context.Background()
	rep := replicas[platform.ServiceItems]
	raw := openSyncStore(b)
	defer raw.Close()
	start := time.Now()
	tx, err := raw.db.BeginTx(ctx, nil)
	if err != nil {
		b.Fatal(err)
	}
	stmt, err := tx.PrepareContext(ctx, upsertSQL(rep.table, rep.columns[0], rep.columns...))
	if err != nil {
		b.Fatal(err)
	}
	for _, it := range items {
		if _, err := stmt.ExecContext(ctx, rep.row(it)...); err != nil {
			b.Fatal(err)
		}
	}
	stmt.Close()
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	return time.Since(start)
}

// medianOf returns the median of some durations.
func medianOf(d []time.Duration) time.Duration {
	s := append([]time.Duration(nil), d...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[len(s)/2]
}

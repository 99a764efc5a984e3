package screens

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"jiangsupass/offline"
	"jiangsupass/platform"
	"jiangsupass/screens/widgets"
)

// dataCollections are what Settings counts, each with where its rows
// come from: the seed built into the app (whose data is of the date asOf,
// as assets/data/SOURCES.md gives it) or, once synced, the platform.
var dataCollections = []struct {
	table      string // Stats.Counts' key
	collection string // the synced collection; "" when only the seed has it
	count      string // message id of "N things"
	asOf       string
}{
	{"attractions", platform.Attractions, "DataCountAttractions", "2021-01"},
	{"stations", "", "DataCountStations", "2025-01-05"},
	{"service_items", platform.ServiceItems, "DataCountServices", "2024"},
}

// dataView is Settings' section on the offline data: its size, and for
// each collection how many rows it holds and where they came from. It is
// read again whenever a sync run ends, while it is shown.
type dataView struct {
	env    *Env
	rows   *fyne.Container
	latest latestOnly
}

// dataSection says how big the offline data is, what it holds and where
// each part came from, read off the UI thread.
func dataSection(env *Env) fyne.CanvasObject {
	v := &dataView{env: env, rows: container.NewVBox(widgets.NewLoading(env.T("Loading")))}
	v.load()
	// Synced data changes only by a sync run: the count is read again
	// when one ends (told on the UI goroutine, also in tests), not on
	// each page the store applies (Env.OnStoreChange's ChangeData).
	if env.Sync != nil && env.Window != nil {
		var stop func()
		stop = env.Sync.Watch(func() {
			if fyne.CurrentApp().Driver().CanvasForObject(v.rows) == nil {
				stop() // the shell rebuilt the screen
				return
			}
			if !env.Sync.Progress().Running {
				v.load() // a run ended: counts and times may have changed
			}
		})
	}
	return widgets.NewSection(env.T("SettingsData"), v.rows)
}

// load reads the counts and the sync times and shows them.
func (v *dataView) load() {
	env := v.env
	var stats offline.Stats
	var synced map[string]time.Time
	var err error
	v.latest.load(env, func(ctx context.Context) {
		if stats, err = env.Store.Stats(ctx); err == nil {
			synced, err = env.Store.SyncedAt(ctx)
		}
	}, func() {
		if err != nil {
			fyne.LogError("settings data", err)
			v.rows.Objects = []fyne.CanvasObject{widgets.NewWrappedLabel(env.T("StoreReadError"))}
			v.rows.Refresh()
			return
		}
		rows := []fyne.CanvasObject{widgets.NewInfoRow(env.T("DataSize"), formatBytes(stats.SizeBytes))}
		for _, c := range dataCollections {
			rows = append(rows, widgets.NewInfoRow(env.L.N(c.count, stats.Counts[c.table], nil), v.origin(c.collection, c.asOf, synced)))
		}
		rows = append(rows, widgets.NewInfoRow(env.T("DataUpdated"), formatTime(env, stats.LastUpdated)),
			widgets.NewWrappedLabel(env.T("DataOfflineNote")))
		v.rows.Objects = rows
		v.rows.Refresh()
	})
}

// origin says where a collection's rows came from: synced from the
// platform at a time, or built into this release of the app.
func (v *dataView) origin(collection, asOf string, synced map[string]time.Time) string {
	env := v.env
	at, ok := synced[collection]
	if collection == "" || !ok {
		return env.L.Tf("DataBuiltIn", map[string]any{"Version": env.Version, "AsOf": asOf})
	}
	if env.Sync == nil || env.Sync.APIURL() == "" {
		return env.L.Tf("DataSyncedEarlier", map[string]any{"Time": stamp(at)})
	}
	server := env.Sync.APIURL()
	if o, err := platform.Origin(server); err == nil {
		server = serverLabel(o)
	}
	return env.L.Tf("DataSyncedFrom", map[string]any{"Server": server, "Time": stamp(at)})
}

package app

import (
	"context"
	"strings"
	"sync"
	"sync/atomic"

	"fyne.io/fyne/v2"

	"jiangsupass/offline"
	"jiangsupass/platform"
	"jiangsupass/screens"
)

// settingAPI is the setting that holds the platform server's address.
const settingAPI = "api_url"

// syncer runs the sync engine against the configured platform server and
// tells the screens that watch it, on the UI goroutine, when anything
// changes. It implements screens.Syncer.
type syncer struct {
	store   *offline.Store
	version string
	lang    atomic.Value // string: the user's language, for Accept-Language

	mu       sync.Mutex
	url      string
	engine   *offline.SyncEngine
	cancel   context.CancelFunc // ends the engine's background loop
	end      context.CancelFunc // ends the engine's work for the resident (attachResident)
	watchers map[int]func()
	next     int

	// do runs a function on the UI goroutine: fyne.Do, or in tests a
	// queue that the test drains on its own goroutine.
	do func(func())

	// area is a gate's area token and the origin of the server that
	// issued it (setAreaToken); every client made for that server gets it.
	area struct{ origin, token string }
}

var _ screens.Syncer = (*syncer)(nil)

// newSyncer starts syncing from flagURL (--api), else from the saved
// setting; with neither it waits until one is set in Settings.
func newSyncer(store *offline.Store, flagURL, version, lang string) *syncer {
	s := &syncer{store: store, version: version, watchers: map[int]func(){}, do: fyne.Do}
	s.lang.Store(lang)
	u := strings.TrimSpace(flagURL)
	if u == "" {
		u, _, _ = store.Setting(context.Background(), settingAPI)
	}
	s.start(u)
	return s
}

// start (re)starts the engine for a server; "" stops syncing. The engine
// it replaces is stopped and waited for first, so that no run for the old
// server overlaps the change. A server
// the platform client refuses (plain http to another machine, as --api
// may give) is not synced from: it stays shown in Settings, which says
// why. The store is told the server first, which signs out a resident
// signed in on another one (their requests not yet sent stay for it).
func (s *syncer) start(u string) {
	s.mu.Lock()
	old, end := s.engine, s.end
	if s.cancel != nil {
		s.cancel()
	}
	s.cancel, s.engine, s.end = nil, nil, nil
	s.mu.Unlock()
	// The engine's callbacks take s.mu: it is waited for without it.
	if end != nil {
		end()
	}
	if old != nil {
		old.Stop()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.url = u
	if u != "" {
		if err := platform.CheckServer(u); err != nil {
			fyne.LogError("API server refused", err)
			return
		}
	}
	if err := s.store.UseServer(context.Background(), u); err != nil {
		// The client still sends no other server's tokens, and the engine
		// no other server's requests.
		fyne.LogError("use API server", err)
	}
	if u == "" {
		return
	}
	origin, _ := platform.Origin(u) // checked above
	client := platform.NewClient(u, platform.Options{Version: s.version,
		Language: func() string { return s.lang.Load().(string) },
		OnTokens: func(t platform.Tokens) { s.keepTokens(origin, t) }})
	if s.area.token != "" {
		if err := client.SetAreaToken(s.area.origin, s.area.token); err != nil {
			fyne.LogError("the gate's area token is another server's", err)
		}
	}
	eng := offline.NewSyncEngine(s.store, client, offline.SyncOptions{})
	life, end := context.WithCancel(context.Background())
	s.attachResident(life, client, eng)
	eng.OnProgress(func(offline.Progress) { s.notify() })
	eng.OnDone(func(error) { s.notify() })
	ctx, cancel := context.WithCancel(context.Background())
	s.engine, s.cancel, s.end = eng, cancel, end
	eng.Start(ctx)
}

// setLanguage changes the language sent with requests.
func (s *syncer) setLanguage(tag string) { s.lang.Store(tag) }

// stop ends syncing when the app closes: it returns once the engine and
// the work it started have returned, so that the store may be closed.
func (s *syncer) stop() { s.start("") }

// APIURL implements screens.Syncer.
func (s *syncer) APIURL() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.url
}

// SetAPIURL implements screens.Syncer. A server the platform client
// would refuse is not saved.
func (s *syncer) SetAPIURL(u string) error {
	u = strings.TrimSpace(u)
	if u != "" {
		if err := platform.CheckServer(u); err != nil {
			return err
		}
	}
	if err := s.store.SetSetting(context.Background(), settingAPI, u); err != nil {
		return err
	}
	s.start(u)
	return nil
}

// SyncNow implements screens.Syncer.
func (s *syncer) SyncNow() {
	s.mu.Lock()
	eng := s.engine
	s.mu.Unlock()
	if eng != nil {
		eng.SyncNow()
	}
}

// Progress implements screens.Syncer.
func (s *syncer) Progress() offline.Progress {
	s.mu.Lock()
	eng := s.engine
	s.mu.Unlock()
	if eng == nil {
		return offline.Progress{}
	}
	return eng.Progress()
}

// Watch implements screens.Syncer.
func (s *syncer) Watch(f func()) func() {
	s.mu.Lock()
	id := s.next
	s.next++
	s.watchers[id] = f
	s.mu.Unlock()
	return func() {
		s.mu.Lock()
		delete(s.watchers, id)
		s.mu.Unlock()
	}
}

// notify calls every watcher on the UI goroutine.
func (s *syncer) notify() {
	s.mu.Lock()
	fs := make([]func(), 0, len(s.watchers))
	for _, f := range s.watchers {
		fs = append(fs, f)
	}
	s.mu.Unlock()
	if len(fs) == 0 {
		return
	}
	s.do(func() {
		for _, f := range fs {
			f()
		}
	})
}

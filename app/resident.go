package app

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"

	"jiangsupass/offline"
	"jiangsupass/platform"
)

// Client implements the resident's screens' access to the platform: the
// client of the running engine, or nil when the app syncs from nowhere.
func (s *syncer) Client() *platform.Client {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.engine == nil {
		return nil
	}
	return s.engine.Client()
}

// keepTokens stores the tokens a refresh on the server at origin gave in
// the sealed session.
func (s *syncer) keepTokens(origin string, t platform.Tokens) {
	if err := s.store.KeepTokens(context.Background(), origin, t); err != nil {
		fyne.LogError("keep tokens", err)
	}
}

// attachResident gives a new client the signed-in resident's tokens when
// its server issued them, and after every run of the engine brings the
// resident's side up to date: the signed trust list, and when signed in
// the card, the insurance account and the device's credentials. A run
// that was cancelled (the engine stopping) brings nothing; ctx ends that
// work when the syncer stops.
func (s *syncer) attachResident(ctx context.Context, client *platform.Client, eng *offline.SyncEngine) {
	if sess, err := s.store.Session(ctx); err == nil {
		if err := client.ResumeTokens(sess.Origin, sess.Tokens); err != nil {
			fyne.LogError("the session is another server's", err)
		}
	} else if !errors.Is(err, offline.ErrSignedOut) {
		fyne.LogError("read session", err)
	}
	eng.OnDone(func(runErr error) {
		if errors.Is(runErr, context.Canceled) || ctx.Err() != nil {
			return
		}
		if err := s.store.SyncPersonal(ctx, client); err != nil && ctx.Err() == nil {
			fyne.LogError("sync the resident's card and codes", err)
		}
		s.notify()
	})
}

package screens

import (
	"context"
	"errors"
	"time"

	"jiangsupass/offline"
	"jiangsupass/platform"
)

// platformClient is the client of the platform the app syncs with, or nil
// when it has none: the resident's screens sign in and fetch through it.
// The app's link to the platform (Env.Sync) offers it.
func platformClient(env *Env) *platform.Client {
	if src, ok := env.Sync.(interface{ Client() *platform.Client }); ok {
		return src.Client()
	}
	return nil
}

// resident is what the resident's screens show, loaded from the store.
type resident struct {
	signedIn    bool
	session     offline.Session
	card        *offline.CardRecord
	insurance   *offline.InsuranceRecord
	pendingLoss bool
	err         error // a failure to read, other than "not signed in"
	// present makes the code of a credential kind for a time.
	present func(ctx context.Context, kind string, now time.Time) (offline.ShownCode, error)
}

// loadResident reads the resident's data from the store. It runs off the
// UI goroutine.
func loadResident(ctx context.Context, env *Env) resident {
	r := resident{present: env.Store.PresentCode}
	sess, err := env.Store.Session(ctx)
	if errors.Is(err, offline.ErrSignedOut) {
		return r
	}
	if err != nil {
		r.err = err
		return r
	}
	r.signedIn, r.session = true, sess
	if c, err := env.Store.Card(ctx); err == nil {
		r.card = &c
	} else if !errors.Is(err, offline.ErrNotFound) {
		r.err = err
	}
	if i, err := env.Store.Insurance(ctx); err == nil {
		r.insurance = &i
	}
	if items, err := env.Store.Outbox(ctx, offline.OutboxPending); err == nil {
		for _, it := range items {
			if it.Kind == platform.CardLoss {
				r.pendingLoss = true
			}
		}
	}
	return r
}

// withResident loads the resident and calls show with it on the UI
// goroutine.
func withResident(env *Env, show func(resident)) {
	var res resident
	env.Load(func(ctx context.Context) { res = loadResident(ctx, env) }, func() { show(res) })
}

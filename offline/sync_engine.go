package offline

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"time"

	"jiangsupass/platform"
)

// SyncOptions configures a SyncEngine. The zero value is usable.
type SyncOptions struct {
	// Collections are pulled in this order; nil means platform.Collections.
	Collections []string
	// PageLimit is the most changes asked for in one page; 0 means 1000.
	PageLimit int
	// Interval is the time between automatic syncs; 0 means 15 minutes.
	Interval time.Duration
	// RetryMin and RetryMax bound the quiet retries after a sync that
	// could not reach the server (exponential, with jitter); 0 means 30 s
	// and 15 minutes.
	RetryMin, RetryMax time.Duration
	// OutboxMin and OutboxMax bound the backoff of a request that could
	// not be delivered; 0 means 2 s and 10 minutes.
	OutboxMin, OutboxMax time.Duration
}

// Progress is how far a sync run has got: Done of Total changes, where
// Total is what the server said it holds for the replica.
type Progress struct {
	Running    bool
	Collection string // the collection being pulled
	Done       int64
	Total      int64
}

// Fraction is Done of Total between 0 and 1.
func (p Progress) Fraction() float64 {
	if p.Total <= 0 {
		return 0
	}
	return min(float64(p.Done)/float64(p.Total), 1)
}

// SyncEngine keeps the replica current: it delivers the outbox and pulls
// every collection from its cursor, on start, every Interval and on
// demand. One run happens at a time. It reports progress and status
// through callbacks called on its own goroutines.
type SyncEngine struct {
	store  *Store
	client *platform.Client
	opt    SyncOptions

	run  sync.Mutex // held for a whole run
	kick chan struct{}

	// life ends with Stop: it cancels the loop and every run. loops
	// counts the background loops that have not yet returned.
	life  context.Context
	end   context.CancelFunc
	loops sync.WaitGroup

	mu         sync.Mutex
	progress   Progress
	onProgress []func(Progress)
	onDone     []func(error)
	rnd        *rand.Rand
}

// NewSyncEngine makes an engine that syncs store from the platform that
// client talks to.
func NewSyncEngine(store *Store, client *platform.Client, opt SyncOptions) *SyncEngine {
	if opt.Collections == nil {
		opt.Collections = platform.Collections
	}
	if opt.PageLimit <= 0 {
		opt.PageLimit = 1000
	}
	if opt.Interval <= 0 {
		opt.Interval = 15 * time.Minute
	}
	if opt.RetryMin <= 0 {
		opt.RetryMin = 30 * time.Second
	}
	if opt.RetryMax <= 0 {
		opt.RetryMax = 15 * time.Minute
	}
	if opt.OutboxMin <= 0 {
		opt.OutboxMin = 2 * time.Second
	}
	if opt.OutboxMax <= 0 {
		opt.OutboxMax = 10 * time.Minute
	}
	life, end := context.WithCancel(context.Background())
	return &SyncEngine{store: store, client: client, opt: opt, kick: make(chan struct{}, 1),
		life: life, end: end,
		rnd: rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64()))} // jitter only: not a clock
}

// Client returns the platform client the engine uses.
func (e *SyncEngine) Client() *platform.Client { return e.client }

// OnProgress registers f to be called with every change of progress.
func (e *SyncEngine) OnProgress(f func(Progress)) {
	e.mu.Lock()
	e.onProgress = append(e.onProgress, f)
	e.mu.Unlock()
}

// OnDone registers f to be called after every run with its error.
func (e *SyncEngine) OnDone(f func(error)) {
	e.mu.Lock()
	e.onDone = append(e.onDone, f)
	e.mu.Unlock()
}

// Progress returns the progress of the run in course (Running false when
// none is).
func (e *SyncEngine) Progress() Progress {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.progress
}

func (e *SyncEngine) report(p Progress) {
	e.mu.Lock()
	e.progress = p
	fs := append([](func(Progress)){}, e.onProgress...)
	e.mu.Unlock()
	for _, f := range fs {
		f(p)
	}
}

// SyncNow asks the background loop for a run at once.
func (e *SyncEngine) SyncNow() {
	select {
	case e.kick <- struct{}{}:
	default: // a run is already asked for
	}
}

// Start runs the background loop until ctx ends or Stop is called: a run
// at once, then one every Interval, one on every SyncNow and every
// request queued in the store, and quiet retries with backoff while the
// server cannot be reached. Wait waits for the loop to return.
func (e *SyncEngine) Start(ctx context.Context) {
	ctx, cancel := e.within(ctx)
	stop := e.store.OnQueued(e.SyncNow) // a new request goes out at once
	e.loops.Add(1)
	go func() {
		defer e.loops.Done()
		defer cancel()
		defer stop()
		fails := 0
		wait := time.Duration(0)
		for {
			t := time.NewTimer(wait)
			select {
			case <-ctx.Done():
				t.Stop()
				return
			case <-t.C:
			case <-e.kick:
				t.Stop()
			}
			err := e.Sync(ctx)
			switch problemOf(err) {
			case ProblemOffline, ProblemServer, ProblemBadData:
				fails++
				wait = e.jitter(e.opt.RetryMin, e.opt.RetryMax, fails)
			default:
				fails = 0
				wait = e.nextWake(ctx)
			}
		}
	}()
}

// Stop ends the engine: the background loop and any run in course are
// cancelled, and Stop returns once they have returned, so that the store
// may be closed. A run in course stops between two statements: a page is
// applied whole or not at all, and the cursor never passes a page not
// applied. After Stop, Sync returns at once without touching the store.
func (e *SyncEngine) Stop() {
	e.end()
	e.Wait()
}

// Wait waits until the background loop has returned (its context ended
// or Stop was called) and no run is in course.
func (e *SyncEngine) Wait() {
	e.loops.Wait()
	// The lock is taken only to wait for a run that holds it; a run that
	// takes it after Stop finds the engine stopped and touches nothing.
	e.run.Lock()
	defer e.run.Unlock()
}

// within is ctx, also cancelled when the engine stops.
func (e *SyncEngine) within(ctx context.Context) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(ctx)
	unhook := context.AfterFunc(e.life, cancel)
	return ctx, func() {
		unhook()
		cancel()
	}
}

// nextWake is the interval, or sooner when a request for this server is
// due before it (one that waits for a sign-in waits for SyncNow).
func (e *SyncEngine) nextWake(ctx context.Context) time.Duration {
	wait := e.opt.Interval
	items, err := e.store.dueFor(ctx, e.client.Origin())
	if err != nil {
		return wait
	}
	now := e.store.now()
	signedIn := e.client.SignedIn()
	for _, it := range items {
		if platform.MutationNeedsSignIn[it.Kind] && !signedIn ||
			platform.MutationNeedsAreaToken[it.Kind] && e.client.AreaToken() == "" {
			continue
		}
		if d := it.NextAttempt.Sub(now); d < wait {
			wait = max(d, time.Second)
		}
	}
	return wait
}

// jitter is an exponential backoff between lo and hi for the n-th
// failure, with "equal jitter": half fixed, half random.
func (e *SyncEngine) jitter(lo, hi time.Duration, n int) time.Duration {
	d := lo << min(n-1, 20)
	if d > hi || d <= 0 {
		d = hi
	}
	e.mu.Lock()
	r := e.rnd.Int64N(int64(d/2) + 1)
	e.mu.Unlock()
	return d/2 + time.Duration(r)
}

// Sync runs once: delivers the due requests of the outbox, pulls every
// collection to the server's head, fetches again the rows a pull left
// alone while their requests were pending, and records the outcome. It
// is cancelled by Stop too, and after Stop returns an error at once.
func (e *SyncEngine) Sync(ctx context.Context) (err error) {
	e.run.Lock()
	defer e.run.Unlock()
	if err := e.life.Err(); err != nil {
		return fmt.Errorf("sync: the engine is stopped: %w", err)
	}
	ctx, cancel := e.within(ctx)
	defer cancel()
	pulled := false
	defer func() {
		if rerr := e.store.recordSync(context.WithoutCancel(ctx), err, pulled); rerr != nil && err == nil {
			err = rerr
		}
		e.report(Progress{})
		e.mu.Lock()
		fs := append([](func(error)){}, e.onDone...)
		e.mu.Unlock()
		for _, f := range fs {
			f(err)
		}
	}()
	e.report(Progress{Running: true})
	pushErr := e.push(ctx)
	if err := e.pull(ctx); err != nil {
		return err
	}
	if err := e.refetch(ctx); err != nil {
		return err
	}
	pulled = true
	return pushErr
}

// fetched is a page with its upserts decoded, or the error of fetching
// or decoding it.
type fetched struct {
	page  *platform.SyncPage
	items []platform.Item
	err   error
}

// pull brings every collection to the server's head. It asks each
// collection's first page before applying any, so that the progress bar
// knows the whole total from the start.
func (e *SyncEngine) pull(ctx context.Context) error {
	firsts := make([]*platform.SyncPage, len(e.opt.Collections))
	var total int64
	for i, c := range e.opt.Collections {
		since, err := e.store.Cursor(ctx, c)
		if err != nil {
			return err
		}
		if firsts[i], err = e.client.Pull(ctx, c, since, e.opt.PageLimit); err != nil {
			return err
		}
		epoch, err := e.store.syncEpoch(ctx, e.store.db, c)
		if err != nil {
			return err
		}
		if epoch != "" && epoch != firsts[i].Epoch {
			// The server's data was rebuilt: start this collection over.
			if err := e.store.resetCollection(ctx, c, firsts[i].Epoch); err != nil {
				return err
			}
			if firsts[i], err = e.client.Pull(ctx, c, 0, e.opt.PageLimit); err != nil {
				return err
			}
		}
		total += firsts[i].Total
	}
	p := Progress{Running: true, Total: total}
	e.report(p)
	for i, c := range e.opt.Collections {
		p.Collection = c
		if err := e.pullCollection(ctx, c, firsts[i], &p); err != nil {
			return err
		}
	}
	return nil
}

// pullCollection applies a collection's pages from first on. While one
// page is applied, the next is already being fetched.
func (e *SyncEngine) pullCollection(ctx context.Context, c string, page *platform.SyncPage, p *Progress) error {
	var items []platform.Item // nil: applyPage decodes the first page
	for {
		var next chan fetched
		if page.HasMore {
			next = make(chan fetched, 1)
			since, _ := platform.ParseCursor(page.Next) // checked by the client
			go func() {
				pg, err := e.client.PullMore(ctx, c, since, e.opt.PageLimit)
				var items []platform.Item
				if err == nil {
					items, err = decodeItems(c, pg.Upserts)
				}
				next <- fetched{pg, items, err}
			}()
		}
		if _, err := e.store.applyPage(ctx, c, page, items); err != nil {
			if next != nil {
				<-next // let the fetch finish before the run ends
			}
			return err
		}
		if len(page.Upserts)+len(page.Tombstones) > 0 {
			e.store.noteChange(ChangeData)
		}
		p.Done += int64(len(page.Upserts) + len(page.Tombstones))
		if p.Done > p.Total {
			p.Total = p.Done // the server changed while we pulled
		}
		e.report(*p)
		if next == nil {
			return nil
		}
		f := <-next
		if f.err != nil {
			return f.err
		}
		page, items = f.page, f.items
	}
}

// refetch fetches the current state of the rows a pull left alone while
// a request was pending on them, now that the requests are settled.
func (e *SyncEngine) refetch(ctx context.Context) error {
	rows, err := e.store.deferredRows(ctx)
	if err != nil {
		return err
	}
	for c, ids := range rows {
		if _, known := replicas[c]; !known {
			continue
		}
		for len(ids) > 0 {
			n := min(len(ids), 200)
			page, err := e.client.Lookup(ctx, c, ids[:n])
			if err != nil {
				return err
			}
			if err := e.store.applyLookup(ctx, c, page); err != nil {
				return err
			}
			e.store.noteChange(ChangeData)
			ids = ids[n:]
		}
	}
	return nil
}

// push delivers the due requests of the outbox that are for this server
// (and, personal ones, for the resident signed in on it), in order within
// each kind: a request that fails for now holds back the later ones of its
// kind, with backoff; one the platform refuses (4xx) is settled as failed
// and the next one goes. Requests made for another server or resident are
// not sent: they wait for them; those waiting for a sign-in say so. It
// returns the first error that is worth showing.
func (e *SyncEngine) push(ctx context.Context) error {
	items, signIn, err := e.store.sortDue(ctx, e.client.Origin())
	if err != nil {
		return err
	}
	round := pushRound{blocked: map[string]bool{}}
	for _, it := range signIn {
		if err := e.waitForSignIn(ctx, &round, it); err != nil {
			return err
		}
	}
	round.now = e.store.now()
	for _, it := range items {
		if err := e.pushOne(ctx, &round, it); err != nil {
			return err
		}
	}
	return round.first
}

// pushRound is what one push has learned as it goes: the kinds held back
// behind a request that waits, and the first error worth showing.
type pushRound struct {
	now     time.Time
	blocked map[string]bool
	first   error
}

// keep remembers err if it is the round's first.
func (r *pushRound) keep(err error) {
	if r.first == nil {
		r.first = err
	}
}

// pushOne delivers it, unless its kind is held back, it is not due yet,
// or it waits for a sign-in (which holds back its kind). It returns only
// an error that ends the round.
func (e *SyncEngine) pushOne(ctx context.Context, round *pushRound, it OutboxItem) error {
	switch {
	case round.blocked[it.Kind]:
		return nil
	case it.NextAttempt.After(round.now):
		round.blocked[it.Kind] = true
		return nil
	case platform.MutationNeedsSignIn[it.Kind] && !e.client.SignedIn():
		round.blocked[it.Kind] = true
		return e.waitForSignIn(ctx, round, it)
	case platform.MutationNeedsAreaToken[it.Kind] && e.client.AreaToken() == "":
		// A gate's record waits for the gate's token (the kiosk file
		// names it); it counts no attempt meanwhile.
		round.blocked[it.Kind] = true
		return e.store.noteOutbox(ctx, it.ID, "waiting for the gate's area token")
	case it.Unreadable:
		return e.store.failUnreadable(ctx, it)
	}
	res, err := e.client.Mutate(ctx, it.Kind, it.Key, it.Body)
	var pe *platform.Error
	switch {
	case err == nil:
		return e.store.settleOutbox(ctx, it, res, nil)
	case errors.As(err, &pe) && pe.Permanent() && pe.Status != 401:
		return e.store.settleOutbox(ctx, it, res, pe)
	case errors.Is(err, context.Canceled):
		return err
	}
	// Fails for now: it and the later ones of its kind wait, with backoff.
	round.blocked[it.Kind] = true
	round.keep(err)
	next := round.now.Add(e.jitter(e.opt.OutboxMin, e.opt.OutboxMax, it.Attempts+1))
	return e.store.postponeOutbox(ctx, it.ID, next, err.Error())
}

// waitForSignIn notes on it that it waits for a sign-in, and keeps that
// as the round's error to show.
func (e *SyncEngine) waitForSignIn(ctx context.Context, round *pushRound, it OutboxItem) error {
	round.keep(fmt.Errorf("outbox %s %d: %w", it.Kind, it.ID, platform.ErrNotSignedIn))
	return e.store.noteOutbox(ctx, it.ID, "waiting for sign-in")
}

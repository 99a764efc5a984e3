package offline

import (
	"sync"
	"time"
)

// Change names what changed in the store, for screens that show it: a
// set of the Change* bits.
type Change uint8

// What a Change may name.
const (
	// ChangeRequests: a request was made, answered by the platform, given
	// to a resident or removed (the outbox and what hangs on it: orders,
	// appointments, messages).
	ChangeRequests Change = 1 << iota
	// ChangeData: synced data changed (a page of a collection or a lookup
	// was applied).
	ChangeData
	// ChangePersonal: the session or a personal record changed (sign-in,
	// sign-out, the resident's side synced).
	ChangePersonal
)

// Has reports whether c names any of what.
func (c Change) Has(what Change) bool { return c&what != 0 }

// changeCoalesce is how long the feed gathers changes before it tells the
// subscribers: a sync applying a hundred pages is told as one change.
const changeCoalesce = 40 * time.Millisecond

// changeFeed tells subscribers what changed, after the change committed,
// on a goroutine of its own (one at a time, so that calls are never
// concurrent and come in order), never blocking the writer. Once closed
// (when the store closes) it tells nothing more.
type changeFeed struct {
	mu      sync.Mutex
	next    int
	subs    []changeSub // in the order they subscribed
	pending Change
	running chan struct{} // closed when the delivery goroutine returns; nil while none runs
	quit    chan struct{} // closed by close: wakes a delivery that waits
	closed  bool
}

type changeSub struct {
	id int
	f  func(Change)
}

// OnChange calls f after each change of the store that committed, with
// what changed; bursts of changes come as one call. f runs on the store's
// own goroutine, one call at a time, subscribers in the order they
// subscribed; it must not block (a screen hands the work to the UI
// goroutine). The returned function stops the calls.
func (s *Store) OnChange(f func(Change)) (stop func()) {
	feed := &s.queue.feed
	feed.mu.Lock()
	defer feed.mu.Unlock()
	feed.next++
	id := feed.next
	feed.subs = append(feed.subs, changeSub{id: id, f: f})
	return func() {
		feed.mu.Lock()
		defer feed.mu.Unlock()
		for i, sub := range feed.subs {
			if sub.id == id {
				feed.subs = append(feed.subs[:i:i], feed.subs[i+1:]...)
				return
			}
		}
	}
}

// noteChange tells the subscribers of a change that has committed.
func (s *Store) noteChange(c Change) { s.queue.feed.note(c) }

// note records c and makes sure a delivery goroutine will tell it.
func (f *changeFeed) note(c Change) {
	if c == 0 {
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.closed {
		return
	}
	f.pending |= c
	if f.running == nil {
		if f.quit == nil {
			f.quit = make(chan struct{})
		}
		f.running = make(chan struct{})
		go f.deliver(f.running, f.quit)
	}
}

// deliver tells the subscribers what changed until nothing is pending or
// the feed is closed; it closes done as it returns.
func (f *changeFeed) deliver(done, quit chan struct{}) {
	defer close(done)
	t := time.NewTimer(changeCoalesce)
	defer t.Stop()
	for {
		select {
		case <-t.C:
		case <-quit:
		}
		f.mu.Lock()
		c := f.pending
		f.pending = 0
		if c == 0 || f.closed {
			f.running = nil
			f.mu.Unlock()
			return
		}
		subs := append([]changeSub(nil), f.subs...)
		f.mu.Unlock()
		for _, sub := range subs {
			sub.f(c)
		}
		t.Reset(changeCoalesce)
	}
}

// close ends the feed: changes not yet told are dropped, and close
// returns once a delivery in course has returned, so that no subscriber
// is called after it. It must not be called from a subscriber.
func (f *changeFeed) close() {
	f.mu.Lock()
	if f.closed {
		f.mu.Unlock()
		return
	}
	f.closed = true
	if f.quit != nil {
		close(f.quit)
	}
	done := f.running
	f.mu.Unlock()
	if done != nil {
		<-done
	}
}

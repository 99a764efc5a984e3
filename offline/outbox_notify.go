package offline

import (
	"database/sql"
	"sync"
)

// queueWatch tells who asked (the sync engine) that a request was queued,
// once the transaction that queued it has committed: a request is sent as
// soon as it exists, not at the next interval. It also tells the store's
// change feed (changes.go) what each transaction changed, once committed.
type queueWatch struct {
	mu      sync.Mutex
	next    int
	watches map[int]func()
	marks   map[*sql.Tx]txMark // what transactions not yet committed did
	feed    changeFeed
}

// txMark is what a transaction did that someone is told of.
type txMark struct {
	queued bool   // it queued a request
	change Change // what it changed
}

// OnQueued calls f, on the goroutine that committed it, after each
// transaction that queued a request; f must not block. The returned
// function stops the calls.
func (s *Store) OnQueued(f func()) (stop func()) {
	w := &s.queue
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.watches == nil {
		w.watches = map[int]func(){}
	}
	w.next++
	id := w.next
	w.watches[id] = f
	return func() {
		w.mu.Lock()
		delete(w.watches, id)
		w.mu.Unlock()
	}
}

// markQueued notes that tx queued a request.
func (w *queueWatch) markQueued(tx *sql.Tx) {
	w.mark(tx, func(m *txMark) { m.queued, m.change = true, m.change|ChangeRequests })
}

// markChanged notes that tx changed what c names.
func (w *queueWatch) markChanged(tx *sql.Tx, c Change) {
	w.mark(tx, func(m *txMark) { m.change |= c })
}

func (w *queueWatch) mark(tx *sql.Tx, f func(*txMark)) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.marks == nil {
		w.marks = map[*sql.Tx]txMark{}
	}
	m := w.marks[tx]
	f(&m)
	w.marks[tx] = m
}

// ended is told that tx committed (or not); a committed transaction that
// queued a request calls the watchers, and what it changed goes to the
// change feed.
func (w *queueWatch) ended(tx *sql.Tx, committed bool) {
	w.mu.Lock()
	m := w.marks[tx]
	delete(w.marks, tx)
	var fs []func()
	if m.queued && committed {
		for _, f := range w.watches {
			fs = append(fs, f)
		}
	}
	w.mu.Unlock()
	for _, f := range fs {
		f()
	}
	if committed {
		w.feed.note(m.change)
	}
}

// kick calls the watchers as if a request had been queued: requests
// became sendable (a resident signed in and took them on).
func (w *queueWatch) kick() {
	w.mu.Lock()
	fs := make([]func(), 0, len(w.watches))
	for _, f := range w.watches {
		fs = append(fs, f)
	}
	w.mu.Unlock()
	for _, f := range fs {
		f()
	}
}

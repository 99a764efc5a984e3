package offline

import (
	"database/sql"
	"sync"
)

// queueWatch tells who asked (the sync engine) that a request was queued,
// once the transaction that queued it has committed: a request is sent as
// soon as it exists, not at the next interval.
type queueWatch struct {
	mu      sync.Mutex
	next    int
	watches map[int]func()
	queued  map[*sql.Tx]bool // transactions that queued a request, not yet committed
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
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.queued == nil {
		w.queued = map[*sql.Tx]bool{}
	}
	w.queued[tx] = true
}

// ended is told that tx committed (or not); a committed transaction that
// queued a request calls the watchers.
func (w *queueWatch) ended(tx *sql.Tx, committed bool) {
	w.mu.Lock()
	queued := w.queued[tx]
	delete(w.queued, tx)
	var fs []func()
	if queued && committed {
		for _, f := range w.watches {
			fs = append(fs, f)
		}
	}
	w.mu.Unlock()
	for _, f := range fs {
		f()
	}
}

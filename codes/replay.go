package codes

import "sync"

// replayCache remembers which credential was scanned in which step, and
// refuses a second scan of the same step. Entries older than the steps a
// verifier still accepts are dropped, so it stays small.
type replayCache struct {
	mu     sync.Mutex
	seen   map[replayKey]struct{}
	oldest int64 // no entry has a step below this
}

type replayKey struct {
	id   string
	step int64
}

func newReplayCache() *replayCache {
	return &replayCache{seen: map[replayKey]struct{}{}}
}

// mark records a scan of credential id in step, at verifier step now. It
// reports false when that pair was already recorded.
func (c *replayCache) mark(id []byte, step, now int64) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if floor := now - 1; floor > c.oldest {
		for k := range c.seen {
			if k.step < floor {
				delete(c.seen, k)
			}
		}
		c.oldest = floor
	}
	k := replayKey{id: string(id), step: step}
	if _, dup := c.seen[k]; dup {
		return false
	}
	c.seen[k] = struct{}{}
	return true
}

// len is the number of scans remembered.
func (c *replayCache) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.seen)
}

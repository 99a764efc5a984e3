package transit_test

import (
	"bytes"
	"encoding/gob"
	"testing"

	"jiangsupass/transit"
)

// FuzzLoadNetwork: a damaged or crafted cache file is refused with an
// error, never a panic, and a cache that loads can be planned on.
func FuzzLoadNetwork(f *testing.F) {
	n, err := transit.Compile(smallFeed(), serviceDay, transit.Options{})
	if err != nil {
		f.Fatal(err)
	}
	var buf bytes.Buffer
	if err := n.Save(&buf); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, raw []byte) {
		m, err := transit.LoadNetwork(bytes.NewReader(raw))
		if err != nil {
			return
		}
		for _, q := range []transit.Query{
			{From: stop("A"), To: stop("F"), Depart: 8 * 3600, MaxTransfers: 2},
			{From: stop("C"), To: stop("G"), Depart: 8 * 3600, MaxTransfers: 1},
		} {
			_, _ = m.Plan(q)
		}
	})
}

// craftedCache is the cache file's layout as gob writes it, named here
// field by field, so that a test can write a cache whose parts disagree.
type craftedCache struct {
	Version   int
	NodeStop  []int32
	FootFrom  []int32
	FootTo    []int32
	FootDur   []transit.Clock
	Change    []transit.Clock
	TripIDs   []string
	TripRoute []int32
	TripSign  []string
}

// TestCraftedCacheIsRefused: caches whose lists disagree in length or
// point outside them are refused, not followed into a panic.
func TestCraftedCacheIsRefused(t *testing.T) {
	for name, c := range map[string]craftedCache{
		"fewer durations than changes":   {NodeStop: []int32{0, 0}, FootFrom: []int32{0, 1}, FootTo: []int32{1, 0}, FootDur: []transit.Clock{60}, Change: []transit.Clock{0, 0}},
		"a change list before the start": {NodeStop: []int32{0, 0}, FootFrom: []int32{-1, 0}, FootTo: []int32{1}, FootDur: []transit.Clock{60}, Change: []transit.Clock{0, 0}},
		"a change to no node":            {NodeStop: []int32{0}, FootFrom: []int32{0}, FootTo: []int32{7}, FootDur: []transit.Clock{60}, Change: []transit.Clock{0}},
	} {
		c.Version = 1
		var buf bytes.Buffer
		if err := gob.NewEncoder(&buf).Encode(c); err != nil {
			t.Fatal(err)
		}
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("%s: LoadNetwork panicked: %v", name, r)
				}
			}()
			if _, err := transit.LoadNetwork(&buf); err == nil {
				t.Errorf("%s: the cache loads", name)
			}
		}()
	}
}

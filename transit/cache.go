package transit

import (
	"bufio"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"time"
)

// cacheVersion changes whenever the compiled form does, so that an old
// cache is rebuilt rather than misread.
const cacheVersion = 1

// networkFile is a Network as it is written to a cache: what Compile
// works out, without what is quick to rebuild (indexes, the grid).
type networkFile struct {
	Version   int
	Stops     []Stop
	Routes    []Route
	Estimated bool
	Rule      string
	Date      time.Time
	Opts      Options
	TripIDs   []string
	TripRoute []int32
	TripSign  []string
	Patterns  []patternFile
	NodeStop  []int32
	StopNodes map[int32][]int32
	FootFrom  []int32 // per node, the index of its first change in FootTo
	FootTo    []int32
	FootDur   []Clock
	Change    []Clock
	Children  map[int32][]int32
	Events    int32
}

type patternFile struct {
	Route             int32
	Stops, Trips      []int32
	Arr, Dep          []Clock
	Pick, Drop        []uint8
	Offset            int32
	Start, End, Every Clock
}

// Save writes the compiled network to w, for LoadNetwork to read back
// without the feed being parsed or compiled again.
func (n *Network) Save(w io.Writer) error {
	f := networkFile{Version: cacheVersion, Stops: n.Stops, Routes: n.Routes, Estimated: n.Estimated, Rule: n.Rule,
		Date: n.Date, Opts: n.Opts, NodeStop: n.nodeStop, StopNodes: n.stopNodes, Change: n.change,
		Children: n.children, Events: n.events}
	for _, t := range n.trips {
		f.TripIDs, f.TripRoute, f.TripSign = append(f.TripIDs, t.id), append(f.TripRoute, t.route), append(f.TripSign, t.headsign)
	}
	for _, p := range n.patterns {
		f.Patterns = append(f.Patterns, patternFile{Route: p.route, Stops: p.stops, Trips: p.trips, Arr: p.arr, Dep: p.dep,
			Pick: p.pick, Drop: p.drop, Offset: p.offset, Start: p.start, End: p.end, Every: p.every})
	}
	for _, fp := range n.foot {
		f.FootFrom = append(f.FootFrom, int32(len(f.FootTo)))
		for _, x := range fp {
			f.FootTo, f.FootDur = append(f.FootTo, x.to), append(f.FootDur, x.dur)
		}
	}
	bw := bufio.NewWriter(w)
	if err := gob.NewEncoder(bw).Encode(&f); err != nil {
		return fmt.Errorf("save network: %w", err)
	}
	return bw.Flush()
}

// LoadNetwork reads a network that Save wrote. A cache of another
// version, or a damaged one, is an error: compile the feed again.
func LoadNetwork(r io.Reader) (*Network, error) {
	var f networkFile
	if err := gob.NewDecoder(bufio.NewReader(r)).Decode(&f); err != nil {
		return nil, fmt.Errorf("load network: %w", err)
	}
	if f.Version != cacheVersion {
		return nil, fmt.Errorf("load network: cache version %d, want %d", f.Version, cacheVersion)
	}
	nodes := len(f.NodeStop)
	if len(f.FootFrom) != nodes || len(f.FootDur) != len(f.FootTo) || len(f.Change) != nodes || len(f.TripRoute) != len(f.TripIDs) || len(f.TripSign) != len(f.TripIDs) {
		return nil, errDamagedCache
	}
	n := &Network{Stops: f.Stops, Routes: f.Routes, Estimated: f.Estimated, Rule: f.Rule, Date: f.Date, Opts: f.Opts,
		nodeStop: f.NodeStop, stopNodes: f.StopNodes, change: f.Change, children: f.Children, events: f.Events,
		stopIndex: make(map[string]int32, len(f.Stops))}
	if n.stopNodes == nil {
		n.stopNodes = map[int32][]int32{}
	}
	for i, s := range f.Stops {
		n.stopIndex[s.ID] = int32(i)
	}
	n.trips = make([]tripInfo, len(f.TripIDs))
	for i := range n.trips {
		n.trips[i] = tripInfo{id: f.TripIDs[i], route: f.TripRoute[i], headsign: f.TripSign[i]}
	}
	for _, p := range f.Patterns {
		if !p.fits(nodes, len(n.trips), len(n.Routes)) {
			return nil, errDamagedCache
		}
		n.patterns = append(n.patterns, pattern{route: p.Route, stops: p.Stops, trips: p.Trips, arr: p.Arr, dep: p.Dep,
			pick: p.Pick, drop: p.Drop, offset: p.Offset, start: p.Start, end: p.End, every: p.Every})
	}
	if err := n.loadFootpaths(&f); err != nil {
		return nil, err
	}
	n.index()
	n.grid = newGrid(stopPoints(n.Stops), 500)
	return n, nil
}

// errDamagedCache is LoadNetwork's error for a cache whose parts do not
// fit together.
var errDamagedCache = errors.New("load network: damaged cache")

// fits reports whether a pattern read from a cache is whole and names
// only nodes, trips and a route that the network has.
func (p *patternFile) fits(nodes, trips, routes int) bool {
	if len(p.Arr) != len(p.Stops)*len(p.Trips) || len(p.Dep) != len(p.Arr) || len(p.Pick) != len(p.Stops) || len(p.Drop) != len(p.Stops) {
		return false
	}
	for _, s := range p.Stops {
		if s < 0 || int(s) >= nodes {
			return false
		}
	}
	for _, t := range p.Trips {
		if t < 0 || int(t) >= trips || p.Route < 0 || int(p.Route) >= routes {
			return false
		}
	}
	return true
}

// loadFootpaths rebuilds the changes on foot out of each node and into
// it from the flat lists f holds them in.
func (n *Network) loadFootpaths(f *networkFile) error {
	nodes := len(f.NodeStop)
	n.foot = make([][]footpath, nodes)
	n.footIn = make([][]footpath, nodes)
	for u := range nodes {
		end := int32(len(f.FootTo))
		if u+1 < nodes {
			end = f.FootFrom[u+1]
		}
		if f.FootFrom[u] < 0 || f.FootFrom[u] > end || end > int32(len(f.FootTo)) {
			return errDamagedCache
		}
		for i := f.FootFrom[u]; i < end; i++ {
			v := f.FootTo[i]
			if v < 0 || int(v) >= nodes {
				return errDamagedCache
			}
			n.foot[u] = append(n.foot[u], footpath{v, f.FootDur[i]})
			n.footIn[v] = append(n.footIn[v], footpath{int32(u), f.FootDur[i]})
		}
	}
	for i := range n.footIn {
		sortFoot(n.footIn[i])
	}
	return nil
}

package crowd

// Level is how busy an area is, by the share of its instantaneous
// capacity in use. Its value is the wire form.
type Level string

// The levels, from the least busy.
const (
	Comfortable Level = "comfortable" // 舒适: under half the capacity
	Moderate    Level = "moderate"    // 较舒适: from half to under 80%
	Busy        Level = "busy"        // 拥挤: from 80%, where LB/T 034-2014 asks an area to divert visitors, to under 100%
	Full        Level = "full"        // 饱和: at or over the capacity; sales stop
)

// Thresholds of the levels, in percent of the instantaneous capacity: an
// area is Moderate from ModeratePercent, Busy from BusyPercent and Full
// from FullPercent.
const (
	ModeratePercent = 50
	BusyPercent     = 80
	FullPercent     = 100
)

// Levels lists the levels from the least busy; the rank of a level is its
// index.
var levels = [...]Level{Comfortable, Moderate, Busy, Full}

// LevelOf is the level of an area with inPark visitors and an
// instantaneous capacity of capacity. The comparison is exact, in
// integers: 40 of 80 is Moderate, 39 of 80 Comfortable. An area with no
// known capacity (capacity <= 0) has no level, and ok is false.
func LevelOf(inPark, capacity int) (l Level, ok bool) {
	if capacity <= 0 {
		return "", false
	}
	share := int64(inPark) * 100
	c := int64(capacity)
	switch {
	case share >= FullPercent*c:
		return Full, true
	case share >= BusyPercent*c:
		return Busy, true
	case share >= ModeratePercent*c:
		return Moderate, true
	default:
		return Comfortable, true
	}
}

// Rank orders levels from the least busy (0); an unknown level ranks
// after every known one, so that "least busy first" puts areas with no
// figure last.
func (l Level) Rank() int {
	for i, k := range levels {
		if k == l {
			return i
		}
	}
	return len(levels)
}

// Valid reports whether l is one of the four levels.
func (l Level) Valid() bool { return l.Rank() < len(levels) }

// Percent is inPark as a whole percentage of capacity, rounded down; 0
// when the capacity is unknown.
func Percent(inPark, capacity int) int {
	if capacity <= 0 || inPark <= 0 {
		return 0
	}
	return int(int64(inPark) * 100 / int64(capacity))
}

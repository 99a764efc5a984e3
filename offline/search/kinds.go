package search

// Kinds of things search finds, in the order their groups are listed
// when their best matches are equally good.
const (
	KindAttraction = "attraction"
	KindStation    = "station"
	KindHub        = "hub"
	KindPlace      = "place" // the province, a city or a county
	KindHall       = "hall"
	KindService    = "service"
)

// Kinds lists every kind, in group order.
var Kinds = []string{KindAttraction, KindStation, KindHub, KindPlace, KindHall, KindService}

// kindBase is the first rowid of a kind's documents, or 0 for a kind
// not in Kinds; a kind's rowids are base + rank<<30 + position.
func kindBase(kind string) int64 {
	for i, k := range Kinds {
		if k == kind {
			return int64(i+1) << 40
		}
	}
	return 0
}

// KindRange is the rowids of a kind's documents in search_docs and
// search_doc_fts, from lo up to (not including) hi, ordered by rank; both
// are 0 for an unknown kind.
func KindRange(kind string) (lo, hi int64) {
	lo = kindBase(kind)
	if lo == 0 {
		return 0, 0
	}
	return lo, lo + 1<<40
}

// kindBit is a kind's bit in a part's kinds.
func kindBit(kind string) int64 { return 1 << (kindBase(kind)>>40 - 1) }

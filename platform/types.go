package platform

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"hash"
	"strconv"
)

// The collections that the app pulls from the platform, in the order a
// sync walks them.
const (
	Attractions    = "attractions"
	POIs           = "pois"
	TicketProducts = "ticket_products"
	TicketSlots    = "ticket_slots"
	ServiceItems   = "service_items"
	ServiceHalls   = "service_halls"
)

// Collections lists every collection, in sync order.
var Collections = []string{Attractions, POIs, TicketProducts, TicketSlots,
	ServiceItems, ServiceHalls, CrowdLevels}

// IsCollection reports whether name is one of Collections.
func IsCollection(name string) bool {
	for _, c := range Collections {
		if c == name {
			return true
		}
	}
	return false
}

// The mutations the app sends through its outbox, each a POST with an
// Idempotency-Key.
const (
	Orders       = "orders"
	Appointments = "appointments"
	Feedback     = "feedback"
	CardLoss     = "card_loss"
	Refunds      = "refunds"
	// AppointmentCancels cancel booked hall visits (AppointmentCancel).
	AppointmentCancels = "appointment_cancels"
)

// Mutations lists every mutation kind.
var Mutations = []string{Orders, Appointments, Feedback, CardLoss, Refunds, AppointmentCancels,
	Admissions, Exits} // the gate's two: crowd.go

// Cursor is a position in a collection's changelog: the sequence number of
// the last change a client has. The zero cursor is the beginning.
type Cursor int64

// String is the cursor as the API writes it.
func (c Cursor) String() string { return strconv.FormatInt(int64(c), 10) }

// ParseCursor reads a cursor written by String; "" is the beginning.
func ParseCursor(s string) (Cursor, error) {
	if s == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return 0, &Error{Code: CodeBadRequest, Message: "cursor " + strconv.Quote(s) + " is not a changelog position"}
	}
	return Cursor(n), nil
}

// SyncPage is one page of a collection's changes after a cursor: the items
// that were added or changed (their latest state) and the IDs of items
// that were deleted, in changelog order.
type SyncPage struct {
	Collection string `json:"collection"`
	// Epoch names the server's changelog. It changes only when the
	// server's data is rebuilt from scratch, which makes every cursor
	// into it meaningless: a client that sees a new epoch starts over.
	Epoch      string            `json:"epoch"`
	Since      string            `json:"since"`      // the cursor the page answers
	Upserts    []json.RawMessage `json:"upserts"`    // items of the collection's type
	Tombstones []string          `json:"tombstones"` // IDs of deleted items
	Next       string            `json:"next"`       // the cursor after this page
	HasMore    bool              `json:"has_more"`   // more changes follow Next
	// Total is how many changes the server holds after Since (this page's
	// and the ones that follow), for a progress bar.
	Total int64 `json:"total"`
}

// Checksum summarises a collection's live items so that a replica can be
// compared with the server: SHA-256 over the items sorted by ID, each as
// its ID, a newline, its canonical JSON and a newline.
type Checksum struct {
	Collection string `json:"collection"`
	Count      int64  `json:"count"`
	SHA256     string `json:"sha256"`
	Cursor     string `json:"cursor"` // the changelog position it was computed at
}

// Health is the server's answer to GET /v1/health.
type Health struct {
	Status  string `json:"status"`
	Version string `json:"version"`
	Cursor  string `json:"cursor"` // the newest changelog position
}

// Checksummer computes a Checksum from items added in ID order.
type Checksummer struct {
	h     hash.Hash
	count int64
}

// NewChecksummer starts a checksum.
func NewChecksummer() *Checksummer { return &Checksummer{h: sha256.New()} }

// Add adds an item's ID and canonical JSON; items must come sorted by ID
// (byte order).
func (c *Checksummer) Add(id string, canonical []byte) {
	c.h.Write([]byte(id))
	c.h.Write([]byte{'\n'})
	c.h.Write(canonical)
	c.h.Write([]byte{'\n'})
	c.count++
}

// Sum returns the checksum of the items added.
func (c *Checksummer) Sum(collection string, at Cursor) Checksum {
	return Checksum{Collection: collection, Count: c.count, SHA256: hex.EncodeToString(c.h.Sum(nil)), Cursor: at.String()}
}

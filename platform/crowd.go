package platform

import (
	"fmt"
	"time"
)

// How busy a scenic area is (一图览文旅) and what its gates and staff send
// (一键管行业). The gates of an area record admissions and exits with an
// area token (see SetAreaToken); the platform counts the visitors in each
// area, gives each a level by the thresholds of package crowd, serves them
// at GET /v1/crowd and in the crowd_levels collection, and lets the
// area's staff pause and resume the sales of a slot.

// CrowdLevels is the collection of every scenic area's level, for a
// device to show while offline (items CrowdLevel).
const CrowdLevels = "crowd_levels"

// The requests a gate sends through its outbox, each a POST with an
// Idempotency-Key and the gate's area token.
const (
	Admissions = "admissions"
	Exits      = "exits"
)

// MutationNeedsAreaToken says which mutations a gate sends with its area
// token instead of a resident's sign-in.
var MutationNeedsAreaToken = map[string]bool{Admissions: true, Exits: true}

// CodeSlotPaused refuses an order for a slot whose sales the area's staff
// have paused (409).
const CodeSlotPaused = "slot_paused"

// Bounds of a gate's requests.
const (
	// MaxGateVisitors is the most visitors one admission or exit counts.
	MaxGateVisitors = 100
	// MaxIDLen bounds a ticket's ID, an attraction's and a gate's.
	MaxIDLen = 100
	// GateClockSkew is how far after the platform's now a gate's
	// admission or exit may be stamped (its clock may run ahead).
	GateClockSkew = 5 * time.Minute
	// GateBacklog is how old an admission or exit may be when it
	// arrives: a gate may stay offline this long.
	GateBacklog = 30 * 24 * time.Hour
)

// AdmissionRequest records that a gate let the holders of an e-ticket in
// (POST /v1/admissions).
type AdmissionRequest struct {
	// TicketID names the e-ticket: the Ref of its verified credential
	// (the order's ID).
	TicketID     string `json:"ticket_id"`
	AttractionID string `json:"attraction_id"`
	Gate         string `json:"gate"`
	Visitors     int    `json:"visitors"` // 1 to MaxGateVisitors
	At           string `json:"at"`       // RFC 3339, when the gate admitted them
}

// Admission is a recorded admission. Flagged says that the ticket had
// already been admitted (at another gate while the two were apart, or
// again): it is recorded, listed on the area's dashboard with the first
// admission, and its visitors are not counted again.
type Admission struct {
	ID           string `json:"id"`
	TicketID     string `json:"ticket_id"`
	AttractionID string `json:"attraction_id"`
	Gate         string `json:"gate"`
	Visitors     int    `json:"visitors"`
	At           string `json:"at"`
	Flagged      bool   `json:"flagged"`
	FirstGate    string `json:"first_gate,omitempty"` // a flagged admission's first one
	FirstAt      string `json:"first_at,omitempty"`
}

// ExitRequest records visitors leaving through a gate's exit button
// (POST /v1/exits).
type ExitRequest struct {
	AttractionID string `json:"attraction_id"`
	Gate         string `json:"gate"`
	Visitors     int    `json:"visitors"` // 1 to MaxGateVisitors
	At           string `json:"at"`       // RFC 3339
}

// Exit is a recorded exit.
type Exit struct {
	ID           string `json:"id"`
	AttractionID string `json:"attraction_id"`
	Gate         string `json:"gate"`
	Visitors     int    `json:"visitors"`
	At           string `json:"at"`
}

// CrowdCapacity is how many visitors a scenic area holds by LB/T 034-2014:
// at once (Instant, which the level is a share of) and over a day.
// Generated capacities were estimated from stated inputs (crowd.Estimate),
// not published by the area: the app labels them.
type CrowdCapacity struct {
	Instant   int    `json:"instant"`
	Daily     int    `json:"daily"`
	Generated bool   `json:"generated"`
	Source    string `json:"source"`
}

// CrowdLevel is how busy a scenic area is (collection "crowd_levels", and
// each area of GET /v1/crowd). Its ID is the attraction's.
type CrowdLevel struct {
	ID string `json:"id"`
	// Level is crowd.Level's: comfortable (舒适), moderate (较舒适), busy
	// (拥挤) or full (饱和).
	Level        string        `json:"level"`
	Percent      int           `json:"percent"` // of Capacity.Instant, rounded down
	InPark       int           `json:"in_park"`
	EntriesToday int           `json:"entries_today"` // China's day
	Capacity     CrowdCapacity `json:"capacity"`
	// Estimated says that InPark counts the visitors admitted within the
	// last DwellMinutes, since the area's gates count no exits.
	Estimated    bool   `json:"estimated"`
	DwellMinutes int    `json:"dwell_minutes,omitempty"`
	AsOf         string `json:"as_of"` // RFC 3339: when these figures were taken
}

// CrowdThresholds are the shares of the instantaneous capacity at which
// a level begins (crowd's ModeratePercent, BusyPercent, FullPercent).
type CrowdThresholds struct {
	Moderate int `json:"moderate"`
	Busy     int `json:"busy"`
	Full     int `json:"full"`
}

// CrowdReport is GET /v1/crowd: every scenic area's level now.
type CrowdReport struct {
	AsOf       string          `json:"as_of"`
	Thresholds CrowdThresholds `json:"thresholds"`
	Areas      []CrowdLevel    `json:"areas"`
}

// SlotBookings is a ticket slot as its area's staff see it.
type SlotBookings struct {
	SlotID    string `json:"slot_id"`
	Date      string `json:"date"`
	Start     string `json:"start"`
	End       string `json:"end"`
	Quota     int64  `json:"quota"`
	Booked    int64  `json:"booked"`
	Remaining int64  `json:"remaining"`
	Paused    bool   `json:"paused"`
}

// DoubleAdmission is a ticket admitted more than once: the first
// admission and a later one (at another gate while the two were apart, or
// again).
type DoubleAdmission struct {
	TicketID  string `json:"ticket_id"`
	FirstGate string `json:"first_gate"`
	FirstAt   string `json:"first_at"`
	Gate      string `json:"gate"`
	At        string `json:"at"`
	Visitors  int    `json:"visitors"`
}

// AreaDashboard is what an area's staff see (GET
// /v1/areas/{attraction}/dashboard).
type AreaDashboard struct {
	AttractionID string     `json:"attraction_id"`
	AsOf         string     `json:"as_of"`
	Crowd        CrowdLevel `json:"crowd"`
	// EntriesByHour are today's admitted visitors by China's hour (0–23).
	EntriesByHour []int             `json:"entries_by_hour"`
	Slots         []SlotBookings    `json:"slots"`   // today's and tomorrow's
	Flagged       []DoubleAdmission `json:"flagged"` // today's, newest first
}

// AreaTokenGrant is a new area token (reference server: cmd/platform
// admin area-token). The token itself is shown once; the server keeps
// only its hash.
type AreaTokenGrant struct {
	ID           string `json:"id"`
	Token        string `json:"token"`
	AttractionID string `json:"attraction_id"`
	Gate         string `json:"gate,omitempty"` // "" for a staff token that records no admissions
}

// AreaTokenRequest asks the reference server's admin API for an area
// token (POST /admin/v1/areas/{attraction}/tokens).
type AreaTokenRequest struct {
	Gate  string `json:"gate,omitempty"`
	Label string `json:"label,omitempty"` // who holds it, for the operator
}

// ItemID implements Item.
func (c *CrowdLevel) ItemID() string { return c.ID }

// Normalize implements Item.
func (c *CrowdLevel) Normalize() {}

// crowdLevelNames are the levels a CrowdLevel may carry (crowd.Level's
// values, which this package does not import).
var crowdLevelNames = map[string]bool{"comfortable": true, "moderate": true, "busy": true, "full": true}

// Validate implements Item.
func (c *CrowdLevel) Validate() error {
	if err := need("crowd level", "id", c.ID, "level", c.Level, "as_of", c.AsOf); err != nil {
		return err
	}
	switch {
	case !crowdLevelNames[c.Level]:
		return fmt.Errorf("crowd level %s: level %q is not comfortable, moderate, busy or full", c.ID, c.Level)
	case c.Percent < 0 || c.InPark < 0 || c.EntriesToday < 0 || c.DwellMinutes < 0:
		return fmt.Errorf("crowd level %s: a negative count", c.ID)
	case c.Capacity.Instant <= 0 || c.Capacity.Daily <= 0:
		return fmt.Errorf("crowd level %s: capacity %d at once, %d a day", c.ID, c.Capacity.Instant, c.Capacity.Daily)
	}
	if _, err := time.Parse(time.RFC3339, c.AsOf); err != nil {
		return fmt.Errorf("crowd level %s: as_of %q is not RFC 3339", c.ID, c.AsOf)
	}
	return nil
}

var _ Item = (*CrowdLevel)(nil)

package platform

// CodeRequest asks the platform to send a one-time sign-in code to a
// phone (POST /v1/auth/code).
type CodeRequest struct {
	Phone string `json:"phone"`
}

// CodeSent answers a CodeRequest.
type CodeSent struct {
	ExpiresIn int `json:"expires_in"` // seconds
}

// SignInRequest exchanges a phone and its one-time code for tokens
// (POST /v1/auth/token).
type SignInRequest struct {
	Phone string `json:"phone"`
	Code  string `json:"code"`
}

// RefreshRequest exchanges a refresh token for new tokens
// (POST /v1/auth/refresh).
type RefreshRequest struct {
	RefreshToken string `json:"refresh_token"`
}

// Tokens are what a sign-in or a refresh returns.
type Tokens struct {
	AccessToken  string `json:"access_token"`
	RefreshToken string `json:"refresh_token"`
	TokenType    string `json:"token_type"` // Bearer
	ExpiresIn    int    `json:"expires_in"` // seconds the access token lives
}

// Profile is the signed-in resident (GET /v1/me).
type Profile struct {
	UserID string `json:"user_id"`
	Phone  string `json:"phone"` // masked: 138****0001
	Name   string `json:"name"`  // masked: 张*
}

// OrderRequest books tickets for a slot (POST /v1/orders). A real-name
// booking lists one visitor per ticket, each with its own product; then
// Quantity is the number of visitors and ProductID the first one's.
type OrderRequest struct {
	SlotID    string         `json:"slot_id"`
	ProductID string         `json:"product_id"`
	Quantity  int64          `json:"quantity"`
	Visitors  []OrderVisitor `json:"visitors,omitempty"`
	DeviceKey []byte         `json:"device_key,omitempty"` // binds the e-ticket to this device
}

// OrderVisitor is one ticket of a real-name booking: who enters with which
// document. In an Order the name and number come back masked.
type OrderVisitor struct {
	Name      string `json:"name"`
	DocKind   string `json:"doc_kind"` // id_card, passport, hk_macau, taiwan
	DocNumber string `json:"doc_number"`
	ProductID string `json:"product_id"`
}

// Order is a confirmed (or refunded) ticket order.
type Order struct {
	ID           string         `json:"id"`
	SlotID       string         `json:"slot_id"`
	ProductID    string         `json:"product_id"`
	Quantity     int64          `json:"quantity"`
	Status       string         `json:"status"` // confirmed, refunded
	CreatedAt    string         `json:"created_at"`
	AttractionID string         `json:"attraction_id,omitempty"`
	Date         string         `json:"date,omitempty"`
	Start        string         `json:"start,omitempty"`
	End          string         `json:"end,omitempty"`
	TotalCents   int64          `json:"total_cents,omitempty"`
	Visitors     []OrderVisitor `json:"visitors,omitempty"`
	Ticket       []byte         `json:"ticket,omitempty"` // the e-ticket credential (codes, JST1)
}

// RefundRequest cancels a confirmed order before its slot begins
// (POST /v1/refunds).
type RefundRequest struct {
	OrderID string `json:"order_id"`
}

// OrderList is GET /v1/me/orders.
type OrderList struct {
	Orders []Order `json:"orders"`
}

// AppointmentRequest books a visit to a service hall
// (POST /v1/appointments).
type AppointmentRequest struct {
	HallID string `json:"hall_id"`
	ItemID int64  `json:"item_id"`
	Date   string `json:"date"` // YYYY-MM-DD
	Time   string `json:"time"` // HH:MM
}

// Appointment is a booked visit.
type Appointment struct {
	ID     string `json:"id"`
	HallID string `json:"hall_id"`
	ItemID int64  `json:"item_id"`
	Date   string `json:"date"`
	Time   string `json:"time"`
	Status string `json:"status"` // AppointmentBooked or AppointmentCancelled
}

// CheckInRequest checks a resident in at a service hall's terminal
// (POST /v1/halls/{hall}/check-ins): the 苏服码 or card code they show.
type CheckInRequest struct {
	Code string `json:"code"`
}

// The kinds of check-in.
const (
	CheckInAppointment = "appointment" // a visit booked for today at this hall
	CheckInWalkIn      = "walk_in"     // no booking for today here
)

// CheckIn is a resident's number in a hall's queue for the day. Checking
// in again the same day at the same hall gives the same number.
type CheckIn struct {
	Number      string `json:"number"` // called out at the counters: A for appointments, B for walk-ins
	Kind        string `json:"kind"`   // CheckInAppointment or CheckInWalkIn
	HallID      string `json:"hall_id"`
	Date        string `json:"date"`              // YYYY-MM-DD, China time
	Time        string `json:"time,omitempty"`    // the appointment's time, HH:MM
	ItemID      int64  `json:"item_id,omitempty"` // the appointment's service item
	Holder      string `json:"holder"`            // masked, as on the code
	CheckedInAt string `json:"checked_in_at"`     // RFC 3339
}

// FeedbackRequest is a message to the 12345 hotline (POST /v1/feedback).
type FeedbackRequest struct {
	Category string `json:"category"`
	Text     string `json:"text"`
	Contact  string `json:"contact,omitempty"`
}

// FeedbackReceipt acknowledges feedback.
type FeedbackReceipt struct {
	ID     string `json:"id"`
	Status string `json:"status"` // received
}

// CardLossRequest reports the social-security card lost
// (POST /v1/card/loss).
type CardLossRequest struct {
	Reason string `json:"reason"`
}

// CardLossReceipt acknowledges a loss report.
type CardLossReceipt struct {
	ID     string `json:"id"`
	Status string `json:"status"` // suspended
}

// MutationResult is the platform's answer to a mutation, as the outbox
// keeps it: the HTTP status and the body.
type MutationResult struct {
	Status int
	Body   []byte
}

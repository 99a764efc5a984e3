package platform

// Card is the signed-in resident's social-security card (GET /v1/me/card).
// It comes in full to its owner only; the app keeps it sealed and shows it
// masked.
type Card struct {
	Name       string `json:"name"`
	SocialNo   string `json:"social_no"` // 社会保障号码: the citizen ID number
	CardNo     string `json:"card_no"`   // the card's own number
	City       string `json:"city"`      // the issuing city, in Chinese
	CityCode   string `json:"city_code"` // its division code, e.g. 320100
	Status     string `json:"status"`    // CardActive or CardSuspended
	IssuedOn   string `json:"issued_on"` // YYYY-MM-DD
	Generated  bool   `json:"generated"` // made up by the reference server, not a real card
	ServerTime string `json:"server_time"`
}

// Card states.
const (
	CardActive    = "active"
	CardSuspended = "suspended" // reported lost (挂失)
)

// Insurance is the medical-insurance personal account with its recent
// records (GET /v1/me/insurance).
type Insurance struct {
	BalanceCents int64             `json:"balance_cents"`
	Currency     string            `json:"currency"` // CNY
	AsOf         string            `json:"as_of"`    // RFC 3339: when the platform read the balance
	Records      []InsuranceRecord `json:"records"`  // newest first
	Generated    bool              `json:"generated"`
}

// InsuranceRecord is one payment into or out of the account.
type InsuranceRecord struct {
	Date        string `json:"date"`         // YYYY-MM-DD
	Kind        string `json:"kind"`         // outpatient, pharmacy, inpatient, contribution
	Place       string `json:"place"`        // hospital, pharmacy or fund
	AmountCents int64  `json:"amount_cents"` // negative: paid out of the account
}

// Credential kinds a device may ask for.
const (
	CredentialService = "service" // 苏服码
	CredentialCard    = "card"    // the card's QR code
)

// CredentialRequest asks for a credential bound to this device's key
// (POST /v1/me/credentials).
type CredentialRequest struct {
	Kind      string `json:"kind"`
	DeviceKey []byte `json:"device_key"` // uncompressed SEC 1 P-256 point
}

// CredentialGrant is a credential the platform issued: a COSE_Sign1 the
// device wraps into the codes it shows (package codes).
type CredentialGrant struct {
	Kind       string `json:"kind"`
	Credential []byte `json:"credential"`
	ExpiresAt  string `json:"expires_at"`
	ServerTime string `json:"server_time"`
}

// SignedTrustList is the trust list of code issuers, signed by a trust
// anchor (GET /v1/trust-list; package codes reads it).
type SignedTrustList struct {
	Seq        int64  `json:"seq"`
	Signed     []byte `json:"signed"`
	ServerTime string `json:"server_time"`
}

package platform

import (
	"errors"
	"fmt"
	"strings"
)

// Item is what every collection's item type has: an ID, a canonical form
// and a check of its own fields.
type Item interface {
	ItemID() string
	// Normalize brings the item to its canonical form, the one whose JSON
	// the checksums are taken over.
	Normalize()
	// Validate says what is wrong with the item, or nil.
	Validate() error
}

// Attraction is a place to visit (collection "attractions").
type Attraction struct {
	ID          string   `json:"id"`
	Name        string   `json:"name"` // zh-Hans
	NameI18n    Text     `json:"name_i18n,omitempty"`
	Description Text     `json:"description_i18n,omitempty"`
	Grade       string   `json:"grade"`
	Category    string   `json:"category"`
	YearRated   int      `json:"year_rated,omitempty"`
	CityCode    string   `json:"city_code"`
	CountyCode  string   `json:"county_code"`
	Address     string   `json:"address"`
	Lon         *float64 `json:"lon,omitempty"`
	Lat         *float64 `json:"lat,omitempty"`
	Source      string   `json:"source"`
}

// POI is a point of interest that is not an attraction: a railway
// station, an airport, a port (collection "pois").
type POI struct {
	ID       string  `json:"id"`
	Kind     string  `json:"kind"` // rail_station, airport, port
	Name     string  `json:"name"`
	NameI18n Text    `json:"name_i18n,omitempty"`
	CityCode string  `json:"city_code,omitempty"`
	Lon      float64 `json:"lon"`
	Lat      float64 `json:"lat"`
	Source   string  `json:"source"`
}

// TicketProduct is a kind of ticket for an attraction (collection
// "ticket_products"). Prices of the reference server are generated.
type TicketProduct struct {
	ID           string `json:"id"`
	AttractionID string `json:"attraction_id"`
	Kind         string `json:"kind"` // adult, child, senior, student
	Name         Text   `json:"name_i18n,omitempty"`
	PriceCents   int64  `json:"price_cents"`
	Currency     string `json:"currency"`
	Generated    bool   `json:"generated"`
	Source       string `json:"source"`
}

// TicketSlot is a timed entry window of an attraction with its quota
// (collection "ticket_slots").
type TicketSlot struct {
	ID           string `json:"id"`
	AttractionID string `json:"attraction_id"`
	Date         string `json:"date"`  // YYYY-MM-DD
	Start        string `json:"start"` // HH:MM
	End          string `json:"end"`   // HH:MM
	Quota        int64  `json:"quota"`
	Remaining    int64  `json:"remaining"`
	Generated    bool   `json:"generated"`
	// Paused says that the area's staff have paused the slot's sales: it
	// sells nothing (orders are refused 409 slot_paused) until resumed.
	Paused bool `json:"paused,omitempty"`
}

// ServiceItem is a government service item (collection "service_items").
type ServiceItem struct {
	ID            int64  `json:"id"`
	Audience      string `json:"audience"`
	Theme         string `json:"theme"`
	Name          string `json:"name"`
	Department    string `json:"department"`
	HandlingLevel string `json:"handling_level"`
	Notes         string `json:"notes,omitempty"`
	DivisionCode  string `json:"division_code,omitempty"` // where a generated item is handled
	Generated     bool   `json:"generated"`
	Source        string `json:"source"`
}

// ServiceHall is a government service centre (collection
// "service_halls").
type ServiceHall struct {
	ID           string   `json:"id"`
	Name         string   `json:"name"`
	DivisionCode string   `json:"division_code"`
	Level        string   `json:"level"` // province, prefecture, county
	Address      string   `json:"address"`
	Hours        string   `json:"hours"`
	Lon          *float64 `json:"lon,omitempty"`
	Lat          *float64 `json:"lat,omitempty"`
	Generated    bool     `json:"generated"`
	Source       string   `json:"source"`
}

var (
	_ Item = (*Attraction)(nil)
	_ Item = (*POI)(nil)
	_ Item = (*TicketProduct)(nil)
	_ Item = (*TicketSlot)(nil)
	_ Item = (*ServiceItem)(nil)
	_ Item = (*ServiceHall)(nil)
)

// NewItem returns a new, empty item of a collection's type, or nil for an
// unknown collection.
func NewItem(collection string) Item {
	switch collection {
	case Attractions:
		return &Attraction{}
	case POIs:
		return &POI{}
	case TicketProducts:
		return &TicketProduct{}
	case TicketSlots:
		return &TicketSlot{}
	case ServiceItems:
		return &ServiceItem{}
	case ServiceHalls:
		return &ServiceHall{}
	case CrowdLevels:
		return &CrowdLevel{}
	}
	return nil
}

// ItemID implements Item.
func (a *Attraction) ItemID() string { return a.ID }

// ItemID implements Item.
func (p *POI) ItemID() string { return p.ID }

// ItemID implements Item.
func (t *TicketProduct) ItemID() string { return t.ID }

// ItemID implements Item.
func (t *TicketSlot) ItemID() string { return t.ID }

// ItemID implements Item; a service item's numeric ID in decimal.
func (s *ServiceItem) ItemID() string { return fmt.Sprint(s.ID) }

// ItemID implements Item.
func (h *ServiceHall) ItemID() string { return h.ID }

// ItemID implements Item.

// Normalize implements Item: the zh-Hans translation is always Name, and
// empty translations are dropped.
func (a *Attraction) Normalize() {
	a.NameI18n = a.NameI18n.clean()
	if a.Name != "" {
		if a.NameI18n == nil {
			a.NameI18n = Text{}
		}
		a.NameI18n["zh-Hans"] = a.Name // Name is the zh-Hans name
	}
	a.Description = a.Description.clean()
	if a.Category == "" {
		a.Category = "scenic_area"
	}
}

// Normalize implements Item.
func (p *POI) Normalize() { p.NameI18n = p.NameI18n.clean() }

// Normalize implements Item.
func (t *TicketProduct) Normalize() { t.Name = t.Name.clean() }

// Normalize implements Item.
func (t *TicketSlot) Normalize() {}

// Normalize implements Item.
func (s *ServiceItem) Normalize() {}

// Normalize implements Item.
func (h *ServiceHall) Normalize() {}

// need returns an error naming the first empty field of pairs (name,
// value, name, value, ...).
func need(kind string, pairs ...string) error {
	for i := 0; i+1 < len(pairs); i += 2 {
		if strings.TrimSpace(pairs[i+1]) == "" {
			return fmt.Errorf("%s: %s is empty", kind, pairs[i])
		}
	}
	return nil
}

// checkPoint checks an optional WGS84 position.
func checkPoint(kind string, lon, lat *float64) error {
	if (lon == nil) != (lat == nil) {
		return fmt.Errorf("%s: lon and lat must both be given or both be left out", kind)
	}
	if lon != nil && (*lon < -180 || *lon > 180 || *lat < -90 || *lat > 90) {
		return fmt.Errorf("%s: position %g, %g is not WGS84 degrees", kind, *lon, *lat)
	}
	return nil
}

// Validate implements Item.
func (a *Attraction) Validate() error {
	if err := need("attraction", "id", a.ID, "name", a.Name, "grade", a.Grade, "city_code", a.CityCode,
		"county_code", a.CountyCode, "source", a.Source); err != nil {
		return err
	}
	return checkPoint("attraction "+a.ID, a.Lon, a.Lat)
}

// Validate implements Item.
func (p *POI) Validate() error {
	if err := need("poi", "id", p.ID, "kind", p.Kind, "name", p.Name, "source", p.Source); err != nil {
		return err
	}
	return checkPoint("poi "+p.ID, &p.Lon, &p.Lat)
}

// Validate implements Item.
func (t *TicketProduct) Validate() error {
	if err := need("ticket product", "id", t.ID, "attraction_id", t.AttractionID, "kind", t.Kind,
		"currency", t.Currency, "source", t.Source); err != nil {
		return err
	}
	if t.PriceCents < 0 {
		return fmt.Errorf("ticket product %s: price_cents %d is negative", t.ID, t.PriceCents)
	}
	return nil
}

// Validate implements Item.
func (t *TicketSlot) Validate() error {
	if err := need("ticket slot", "id", t.ID, "attraction_id", t.AttractionID, "date", t.Date,
		"start", t.Start, "end", t.End); err != nil {
		return err
	}
	if t.Quota < 0 || t.Remaining < 0 || t.Remaining > t.Quota {
		return fmt.Errorf("ticket slot %s: remaining %d of quota %d", t.ID, t.Remaining, t.Quota)
	}
	return nil
}

// Validate implements Item.
func (s *ServiceItem) Validate() error {
	if s.ID <= 0 {
		return errors.New("service item: id must be a positive number")
	}
	return need("service item", "audience", s.Audience, "theme", s.Theme, "name", s.Name, "source", s.Source)
}

// Validate implements Item.
func (h *ServiceHall) Validate() error {
	if err := need("service hall", "id", h.ID, "name", h.Name, "division_code", h.DivisionCode,
		"level", h.Level, "source", h.Source); err != nil {
		return err
	}
	return checkPoint("service hall "+h.ID, h.Lon, h.Lat)
}

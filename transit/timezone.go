package transit

import (
	"sync"
	"time"
	_ "time/tzdata" // agency_timezone is checked and used on machines without a zone database
)

var zones sync.Map // name → *time.Location

// zoneOf loads an IANA time zone by name, once per name.
func zoneOf(name string) (*time.Location, error) {
	if z, ok := zones.Load(name); ok {
		return z.(*time.Location), nil
	}
	z, err := time.LoadLocation(name)
	if err != nil || name == "" || name == "Local" {
		if err == nil {
			err = errBadZone
		}
		return nil, err
	}
	zones.Store(name, z)
	return z, nil
}

var errBadZone = &FeedError{File: "agency.txt", Msg: "agency_timezone is empty"}

// serviceOrigin is the instant a feed's times of the service day date
// count from in zone z: noon minus 12 hours, as GTFS defines it, so that
// days when clocks change are right.
func serviceOrigin(date time.Time, z *time.Location) time.Time {
	return time.Date(date.Year(), date.Month(), date.Day(), 12, 0, 0, 0, z).Add(-12 * time.Hour)
}

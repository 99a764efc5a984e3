package transit

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/paulmach/orb"
)

func (l *loader) readAgencies() error {
	t, err := l.open("agency.txt", false, "agency_name", "agency_url", "agency_timezone")
	if err != nil {
		return err
	}
	l.agencies = map[string]bool{}
	for {
		ok, err := t.next()
		if err != nil || !ok {
			if err == nil && len(l.feed.Agencies) == 0 {
				return &FeedError{File: t.file, Msg: "no agency"}
			}
			return err
		}
		a := Agency{ID: t.get("agency_id"), URL: t.get("agency_url")}
		if a.Name, err = t.need("agency_name"); err != nil {
			return err
		}
		if a.Timezone, err = t.need("agency_timezone"); err != nil {
			return err
		}
		if _, err := zoneOf(a.Timezone); err != nil {
			return t.errorf("agency_timezone %q is not a time zone of the IANA database", a.Timezone)
		}
		if l.agencies[a.ID] {
			return t.errorf("agency_id %q appears twice", a.ID)
		}
		l.agencies[a.ID] = true
		l.feed.Agencies = append(l.feed.Agencies, a)
	}
}

func (l *loader) readStops() error {
	t, err := l.open("stops.txt", false, "stop_id")
	if err != nil {
		return err
	}
	l.stops = map[string]int{}
	for {
		ok, err := t.next()
		if err != nil {
			return err
		}
		if !ok {
			return l.checkParents()
		}
		s := Stop{Name: t.get("stop_name"), Parent: t.get("parent_station")}
		if s.ID, err = t.need("stop_id"); err != nil {
			return err
		}
		if _, dup := l.stops[s.ID]; dup {
			return t.errorf("stop_id %q appears twice", s.ID)
		}
		if t.get("location_type") != "" {
			if s.Kind, err = t.int("location_type", LocStop, LocBoardingArea); err != nil {
				return err
			}
		}
		// Coordinates are required of stops, stations and entrances;
		// nodes and boarding areas may go without.
		if s.Kind >= LocNode && t.get("stop_lat") == "" && t.get("stop_lon") == "" {
			s.NoPoint = true
		} else {
			lat, err := t.float("stop_lat", -90, 90)
			if err != nil {
				return err
			}
			lon, err := t.float("stop_lon", -180, 180)
			if err != nil {
				return err
			}
			s.Point = orb.Point{lon, lat}
		}
		l.stops[s.ID] = len(l.feed.Stops)
		l.stopLine = append(l.stopLine, t.line)
		l.feed.Stops = append(l.feed.Stops, s)
	}
}

// checkParents checks each parent_station against the stops read: a
// station has none; an entrance, node or boarding area needs one. A
// parent that is not in the file, or not of the kind it should be, is
// dropped with a warning.
func (l *loader) checkParents() error {
	for i := range l.feed.Stops {
		s := &l.feed.Stops[i]
		if s.Parent == "" {
			if s.Kind >= LocEntrance {
				return &FeedError{File: "stops.txt", Line: l.stopLine[i],
					Msg: fmt.Sprintf("stop %q of location_type %d needs a parent_station", s.ID, s.Kind)}
			}
			continue
		}
		want := LocStation
		if s.Kind == LocBoardingArea {
			want = LocStop
		}
		p, ok := l.stops[s.Parent]
		switch {
		case s.Kind == LocStation:
			l.warn("stops.txt", l.stopLine[i], fmt.Sprintf("station %q has a parent_station; it is ignored", s.ID))
			s.Parent = ""
		case !ok || l.feed.Stops[p].Kind != want:
			l.warn("stops.txt", l.stopLine[i], fmt.Sprintf("parent_station %q of stop %q is not a %s in stops.txt; it is ignored",
				s.Parent, s.ID, map[int]string{LocStation: "station", LocStop: "stop"}[want]))
			s.Parent = ""
		}
	}
	return nil
}

func (l *loader) readRoutes() error {
	t, err := l.open("routes.txt", false, "route_id", "route_type")
	if err != nil {
		return err
	}
	l.routes = map[string]bool{}
	for {
		ok, err := t.next()
		if err != nil || !ok {
			return err
		}
		r := Route{AgencyID: t.get("agency_id"), ShortName: t.get("route_short_name"), LongName: t.get("route_long_name")}
		if r.ID, err = t.need("route_id"); err != nil {
			return err
		}
		if l.routes[r.ID] {
			return t.errorf("route_id %q appears twice", r.ID)
		}
		if r.ShortName == "" && r.LongName == "" {
			return t.errorf("route %q has neither route_short_name nor route_long_name", r.ID)
		}
		if r.AgencyID != "" && !l.agencies[r.AgencyID] || r.AgencyID == "" && len(l.feed.Agencies) > 1 {
			return t.errorf("agency_id %q is not in agency.txt", r.AgencyID)
		}
		if r.Type, err = t.int("route_type", 0, 1702); err != nil {
			return err
		}
		if c := t.get("route_color"); c != "" {
			if _, err := strconv.ParseUint(c, 16, 32); err != nil || len(c) != 6 {
				return t.errorf("route_color %q is not six hex digits", c)
			}
			r.Color = "#" + strings.ToUpper(c)
		}
		l.routes[r.ID] = true
		l.feed.Routes = append(l.feed.Routes, r)
	}
}

func (l *loader) readCalendars() error {
	t, err := l.open("calendar.txt", true, "service_id", "monday", "tuesday", "wednesday",
		"thursday", "friday", "saturday", "sunday", "start_date", "end_date")
	if err != nil || t == nil {
		l.services = map[string]bool{}
		return err
	}
	l.services = map[string]bool{}
	days := []string{"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"}
	for {
		ok, err := t.next()
		if err != nil || !ok {
			return err
		}
		var c Calendar
		if c.ServiceID, err = t.need("service_id"); err != nil {
			return err
		}
		for i, d := range days {
			v, err := t.int(d, 0, 1)
			if err != nil {
				return err
			}
			c.Weekdays[i] = v == 1
		}
		if c.Start, err = t.date("start_date"); err != nil {
			return err
		}
		if c.End, err = t.date("end_date"); err != nil {
			return err
		}
		if c.End.Before(c.Start) {
			return t.errorf("end_date is before start_date")
		}
		l.services[c.ServiceID] = true
		l.feed.Calendars = append(l.feed.Calendars, c)
	}
}

func (l *loader) readCalendarDates() error {
	t, err := l.open("calendar_dates.txt", true, "service_id", "date", "exception_type")
	if err != nil {
		return err
	}
	if t == nil {
		if len(l.feed.Calendars) == 0 {
			return &FeedError{File: "calendar.txt", Msg: "the feed needs calendar.txt or calendar_dates.txt"}
		}
		return nil
	}
	for {
		ok, err := t.next()
		if err != nil || !ok {
			return err
		}
		var d CalendarDate
		if d.ServiceID, err = t.need("service_id"); err != nil {
			return err
		}
		if d.Date, err = t.date("date"); err != nil {
			return err
		}
		x, err := t.int("exception_type", 1, 2)
		if err != nil {
			return err
		}
		d.Added = x == 1
		l.services[d.ServiceID] = true
		l.feed.CalendarDates = append(l.feed.CalendarDates, d)
	}
}

func (l *loader) readTrips() error {
	t, err := l.open("trips.txt", false, "route_id", "service_id", "trip_id")
	if err != nil {
		return err
	}
	l.trips = map[string]int{}
	for {
		ok, err := t.next()
		if err != nil || !ok {
			return err
		}
		tr := Trip{Headsign: t.get("trip_headsign")}
		if tr.ID, err = t.need("trip_id"); err != nil {
			return err
		}
		if _, dup := l.trips[tr.ID]; dup {
			return t.errorf("trip_id %q appears twice", tr.ID)
		}
		if tr.RouteID, err = t.need("route_id"); err != nil {
			return err
		}
		if !l.routes[tr.RouteID] {
			return t.errorf("route_id %q is not in routes.txt", tr.RouteID)
		}
		if tr.ServiceID, err = t.need("service_id"); err != nil {
			return err
		}
		if !l.services[tr.ServiceID] {
			return t.errorf("service_id %q is in neither calendar.txt nor calendar_dates.txt", tr.ServiceID)
		}
		if t.get("direction_id") != "" {
			if tr.Direction, err = t.int("direction_id", 0, 1); err != nil {
				return err
			}
		}
		l.trips[tr.ID] = len(l.feed.Trips)
		l.tripLine = append(l.tripLine, t.line)
		l.feed.Trips = append(l.feed.Trips, tr)
	}
}

func (l *loader) readStopTimes() error {
	t, err := l.open("stop_times.txt", false, "trip_id", "stop_id", "stop_sequence")
	if err != nil {
		return err
	}
	n := len(l.feed.Trips)
	l.seqs, l.seqLines, l.hasTimes = make([][]int, n), make([][]int, n), make([][]bool, n)
	for {
		ok, err := t.next()
		if err != nil {
			return err
		}
		if !ok {
			break
		}
		row, err := l.stopTimeRow(t)
		if err != nil {
			return err
		}
		i := row.trip
		tr := &l.feed.Trips[i]
		tr.StopTimes = append(tr.StopTimes, row.st)
		l.seqs[i] = append(l.seqs[i], row.seq)
		l.seqLines[i] = append(l.seqLines[i], t.line)
		l.hasTimes[i] = append(l.hasTimes[i], row.hasTimes)
	}
	for i := range l.feed.Trips {
		if len(l.feed.Trips[i].StopTimes) >= 2 {
			if err := l.orderStopTimes(i); err != nil {
				return err
			}
		}
	}
	return nil
}

// stopTimeRow is one row of stop_times.txt as read.
type stopTimeRow struct {
	trip     int // the index of its trip
	st       StopTime
	seq      int  // its stop_sequence
	hasTimes bool // whether it gives an arrival or a departure time
}

// stopTimeRow reads the row t is on: its trip and stop, which must be
// known (the stop one that vehicles call at), how passengers board and
// alight there, its sequence and its times, if any.
func (l *loader) stopTimeRow(t *table) (stopTimeRow, error) {
	var row stopTimeRow
	id, err := t.need("trip_id")
	if err != nil {
		return row, err
	}
	i, known := l.trips[id]
	if !known {
		return row, t.errorf("trip_id %q is not in trips.txt", id)
	}
	row.trip = i
	st := &row.st
	if st.StopID, err = t.need("stop_id"); err != nil {
		return row, err
	}
	si, ok := l.stops[st.StopID]
	if !ok {
		return row, t.errorf("stop_id %q is not in stops.txt", st.StopID)
	}
	if k := l.feed.Stops[si].Kind; k != LocStop {
		return row, t.errorf("stop_id %q is of location_type %d: vehicles call at stops (location_type 0)", st.StopID, k)
	}
	for _, c := range []struct {
		col string
		dst *uint8
	}{{"pickup_type", &st.Pickup}, {"drop_off_type", &st.DropOff}} {
		if t.get(c.col) != "" {
			v, err := t.int(c.col, Regular, AskDriver)
			if err != nil {
				return row, err
			}
			*c.dst = uint8(v)
		}
	}
	if row.seq, err = t.int("stop_sequence", 0, 1<<31-1); err != nil {
		return row, err
	}
	row.hasTimes, err = stopTimeClocks(t, st)
	return row, err
}

// stopTimeClocks reads a stop time's arrival and departure into st, each
// standing in for the other when one is missing, and reports whether the
// row has either.
func stopTimeClocks(t *table, st *StopTime) (bool, error) {
	arr, dep := t.get("arrival_time"), t.get("departure_time")
	if arr == "" {
		arr = dep
	}
	if dep == "" {
		dep = arr
	}
	if arr == "" {
		return false, nil
	}
	var err error
	if st.Arrival, err = t.clock(arr, "arrival_time"); err != nil {
		return true, err
	}
	if st.Departure, err = t.clock(dep, "departure_time"); err != nil {
		return true, err
	}
	return true, nil
}

func (l *loader) readTransfers() error {
	t, err := l.open("transfers.txt", true, "transfer_type")
	if err != nil || t == nil {
		return err
	}
	for {
		ok, err := t.next()
		if err != nil || !ok {
			return err
		}
		var x Transfer
		if t.get("transfer_type") != "" {
			if x.Type, err = t.int("transfer_type", 0, 5); err != nil {
				return err
			}
		}
		if x.Type == TransferMinTime {
			v, err := t.int("min_transfer_time", 0, 24*3600)
			if err != nil {
				return err
			}
			x.MinTime = Clock(v)
		}
		if msg := l.transferRefs(t, &x); msg != "" {
			l.warn(t.file, t.line, msg+"; the row is skipped")
			continue
		}
		l.feed.Transfers = append(l.feed.Transfers, x)
	}
}

// transferRefs reads the stops, routes and trips a transfer names and
// says what is wrong with them, "" when nothing is. Types 0-3 need both
// stops, which may be stations; in-seat types (4, 5) need both trips and
// may leave the stops out, but name no station.
func (l *loader) transferRefs(t *table, x *Transfer) string {
	x.FromStopID, x.ToStopID = t.get("from_stop_id"), t.get("to_stop_id")
	x.FromRouteID, x.ToRouteID = t.get("from_route_id"), t.get("to_route_id")
	x.FromTripID, x.ToTripID = t.get("from_trip_id"), t.get("to_trip_id")
	inSeat := x.Type == TransferInSeat || x.Type == TransferNoInSeat
	for _, c := range []struct{ col, id string }{{"from_stop_id", x.FromStopID}, {"to_stop_id", x.ToStopID}} {
		if c.id == "" {
			if !inSeat {
				return fmt.Sprintf("%s is empty, which transfer_type %d needs", c.col, x.Type)
			}
			continue
		}
		i, ok := l.stops[c.id]
		if !ok {
			return fmt.Sprintf("%s %q is not in stops.txt", c.col, c.id)
		}
		if k := l.feed.Stops[i].Kind; k != LocStop && (k != LocStation || inSeat) {
			return fmt.Sprintf("%s %q is of location_type %d", c.col, c.id, k)
		}
	}
	for _, c := range []struct{ col, id string }{{"from_route_id", x.FromRouteID}, {"to_route_id", x.ToRouteID}} {
		if c.id != "" && !l.routes[c.id] {
			return fmt.Sprintf("%s %q is not in routes.txt", c.col, c.id)
		}
	}
	for _, c := range []struct{ col, id string }{{"from_trip_id", x.FromTripID}, {"to_trip_id", x.ToTripID}} {
		if c.id == "" {
			if inSeat {
				return fmt.Sprintf("%s is empty, which transfer_type %d needs", c.col, x.Type)
			}
			continue
		}
		if _, ok := l.trips[c.id]; !ok {
			return fmt.Sprintf("%s %q is not in trips.txt", c.col, c.id)
		}
	}
	return ""
}

// warn records a row or trip that is skipped.
func (l *loader) warn(file string, line int, msg string) {
	if len(l.feed.Warnings) < maxWarnings {
		l.feed.Warnings = append(l.feed.Warnings, FeedWarning{File: file, Line: line, Msg: msg})
	}
}

// maxWarnings bounds the warnings a feed keeps; the rows past it are
// still skipped.
const maxWarnings = 1000

// float reads a number column within [lo, hi].
func (t *table) float(col string, lo, hi float64) (float64, error) {
	s, err := t.need(col)
	if err != nil {
		return 0, err
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v < lo || v > hi {
		return 0, t.errorf("%s %q is not a number from %g to %g", col, s, lo, hi)
	}
	return v, nil
}

// int reads a whole-number column within [lo, hi].
func (t *table) int(col string, lo, hi int) (int, error) {
	s, err := t.need(col)
	if err != nil {
		return 0, err
	}
	v, err := strconv.Atoi(s)
	if err != nil || v < lo || v > hi {
		return 0, t.errorf("%s %q is not a whole number from %d to %d", col, s, lo, hi)
	}
	return v, nil
}

// date reads a YYYYMMDD column.
func (t *table) date(col string) (time.Time, error) {
	s, err := t.need(col)
	if err != nil {
		return time.Time{}, err
	}
	d, err := time.Parse("20060102", s)
	if err != nil || len(s) != 8 {
		return time.Time{}, t.errorf("%s %q is not a date as YYYYMMDD", col, s)
	}
	return d, nil
}

// clock reads a GTFS time value of a column.
func (t *table) clock(s, col string) (Clock, error) {
	c, err := ParseClock(s)
	if err != nil {
		return 0, t.errorf("%s: %v", col, err)
	}
	return c, nil
}

package transit

import (
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
	l.stops = map[string]bool{}
	for {
		ok, err := t.next()
		if err != nil || !ok {
			return err
		}
		s := Stop{Name: t.get("stop_name")}
		if s.ID, err = t.need("stop_id"); err != nil {
			return err
		}
		if l.stops[s.ID] {
			return t.errorf("stop_id %q appears twice", s.ID)
		}
		lat, err := t.float("stop_lat", -90, 90)
		if err != nil {
			return err
		}
		lon, err := t.float("stop_lon", -180, 180)
		if err != nil {
			return err
		}
		s.Point = orb.Point{lon, lat}
		l.stops[s.ID] = true
		l.feed.Stops = append(l.feed.Stops, s)
	}
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
		id, err := t.need("trip_id")
		if err != nil {
			return err
		}
		i, known := l.trips[id]
		if !known {
			return t.errorf("trip_id %q is not in trips.txt", id)
		}
		var st StopTime
		if st.StopID, err = t.need("stop_id"); err != nil {
			return err
		}
		if !l.stops[st.StopID] {
			return t.errorf("stop_id %q is not in stops.txt", st.StopID)
		}
		seq, err := t.int("stop_sequence", 0, 1<<31-1)
		if err != nil {
			return err
		}
		arr, dep := t.get("arrival_time"), t.get("departure_time")
		if arr == "" {
			arr = dep
		}
		if dep == "" {
			dep = arr
		}
		has := arr != ""
		if has {
			if st.Arrival, err = t.clock(arr, "arrival_time"); err != nil {
				return err
			}
			if st.Departure, err = t.clock(dep, "departure_time"); err != nil {
				return err
			}
		}
		tr := &l.feed.Trips[i]
		tr.StopTimes = append(tr.StopTimes, st)
		l.seqs[i] = append(l.seqs[i], seq)
		l.seqLines[i] = append(l.seqLines[i], t.line)
		l.hasTimes[i] = append(l.hasTimes[i], has)
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

func (l *loader) readTransfers() error {
	t, err := l.open("transfers.txt", true, "from_stop_id", "to_stop_id", "transfer_type")
	if err != nil || t == nil {
		return err
	}
	for {
		ok, err := t.next()
		if err != nil || !ok {
			return err
		}
		var x Transfer
		for _, c := range []struct {
			col string
			dst *string
		}{{"from_stop_id", &x.FromStopID}, {"to_stop_id", &x.ToStopID}} {
			if *c.dst, err = t.need(c.col); err != nil {
				return err
			}
			if !l.stops[*c.dst] {
				return t.errorf("%s %q is not in stops.txt", c.col, *c.dst)
			}
		}
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
		l.feed.Transfers = append(l.feed.Transfers, x)
	}
}

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

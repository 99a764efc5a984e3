package transit

import "fmt"

// maxExpandedTrips bounds how many trips frequencies.txt may make, so that
// a tiny headway cannot exhaust memory.
const maxExpandedTrips = 2_000_000

// readFrequencies reads frequencies.txt. A trip it names with
// exact_times=1 is replaced by single trips starting every headway_secs
// from start_time (inclusive) to end_time (exclusive), each keeping the
// template trip's spacing of times; one with exact_times=0 (the default)
// becomes a Frequency, planned with the whole headway as the wait.
func (l *loader) readFrequencies() error {
	t, err := l.open("frequencies.txt", true, "trip_id", "start_time", "end_time", "headway_secs")
	if err != nil || t == nil {
		return err
	}
	l.templates = map[int]bool{}
	for {
		ok, err := t.next()
		if err != nil || !ok {
			return err
		}
		id, err := t.need("trip_id")
		if err != nil {
			return err
		}
		i, known := l.trips[id]
		if !known {
			return t.errorf("trip_id %q is not in trips.txt", id)
		}
		tmpl := l.feed.Trips[i]
		start, err := t.clockCol("start_time")
		if err != nil {
			return err
		}
		end, err := t.clockCol("end_time")
		if err != nil {
			return err
		}
		if end <= start {
			return t.errorf("end_time is not after start_time")
		}
		headway, err := t.int("headway_secs", 1, 24*3600)
		if err != nil {
			return err
		}
		exact := 0
		if t.get("exact_times") != "" {
			if exact, err = t.int("exact_times", 0, 1); err != nil {
				return err
			}
		}
		if len(tmpl.StopTimes) < 2 {
			l.warn(t.file, t.line, fmt.Sprintf("trip %q has no stop times to repeat; the row is skipped", id))
			continue
		}
		if exact == 0 {
			l.templates[i] = true
			l.feed.Frequencies = append(l.feed.Frequencies, Frequency{Trip: tmpl, Start: start, End: end, Headway: Clock(headway)})
			continue
		}
		if len(l.expanded)+int(end-start)/headway > maxExpandedTrips {
			return t.errorf("expands to more than %d trips", maxExpandedTrips)
		}
		l.templates[i] = true
		base := tmpl.StopTimes[0].Departure
		for s := start; s < end; s += Clock(headway) {
			tr := tmpl
			tr.ID = fmt.Sprintf("%s@%s", tmpl.ID, s)
			tr.Template = tmpl.ID
			tr.StopTimes = make([]StopTime, len(tmpl.StopTimes))
			for k, st := range tmpl.StopTimes {
				st.Arrival += s - base
				st.Departure += s - base
				tr.StopTimes[k] = st
			}
			l.expanded = append(l.expanded, tr)
		}
	}
}

// clockCol reads a required time column.
func (t *table) clockCol(col string) (Clock, error) {
	s, err := t.need(col)
	if err != nil {
		return 0, err
	}
	return t.clock(s, col)
}

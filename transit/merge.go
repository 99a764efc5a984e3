package transit

import "strconv"

// Merge joins feeds into one, so that an imported operator feed (such as
// intercity trains) runs beside the estimated metro network. The IDs of
// every feed after the first are prefixed with "<i>:" to keep them apart.
// The result is Estimated when any part is, and keeps each part's rule.
func Merge(feeds ...*Feed) *Feed {
	out := &Feed{}
	for i, f := range feeds {
		p := ""
		if i > 0 {
			p = strconv.Itoa(i) + ":"
		}
		for _, a := range f.Agencies {
			a.ID = p + a.ID
			out.Agencies = append(out.Agencies, a)
		}
		for _, s := range f.Stops {
			s.ID = p + s.ID
			if s.Parent != "" {
				s.Parent = p + s.Parent
			}
			out.Stops = append(out.Stops, s)
		}
		for _, r := range f.Routes {
			r.ID, r.AgencyID = p+r.ID, p+r.AgencyID
			out.Routes = append(out.Routes, r)
		}
		for _, t := range f.Trips {
			out.Trips = append(out.Trips, prefixTrip(t, p))
		}
		for _, q := range f.Frequencies {
			q.Trip = prefixTrip(q.Trip, p)
			out.Frequencies = append(out.Frequencies, q)
		}
		for _, w := range f.Pathways {
			w.From, w.To = p+w.From, p+w.To
			out.Pathways = append(out.Pathways, w)
		}
		out.Warnings = append(out.Warnings, f.Warnings...)
		for _, c := range f.Calendars {
			c.ServiceID = p + c.ServiceID
			out.Calendars = append(out.Calendars, c)
		}
		for _, d := range f.CalendarDates {
			d.ServiceID = p + d.ServiceID
			out.CalendarDates = append(out.CalendarDates, d)
		}
		for _, x := range f.Transfers {
			for _, id := range []*string{&x.FromStopID, &x.ToStopID, &x.FromRouteID, &x.ToRouteID, &x.FromTripID, &x.ToTripID} {
				if *id != "" {
					*id = p + *id
				}
			}
			out.Transfers = append(out.Transfers, x)
		}
		if f.Estimated {
			out.Estimated = true
			if out.Rule != "" {
				out.Rule += "; "
			}
			out.Rule += f.Rule
		}
	}
	return out
}

// prefixTrip is t with its IDs, and those of its stops, prefixed.
func prefixTrip(t Trip, p string) Trip {
	t.ID, t.RouteID, t.ServiceID = p+t.ID, p+t.RouteID, p+t.ServiceID
	if t.Template != "" {
		t.Template = p + t.Template
	}
	sts := make([]StopTime, len(t.StopTimes))
	for k, st := range t.StopTimes {
		st.StopID = p + st.StopID
		sts[k] = st
	}
	t.StopTimes = sts
	return t
}

package server

import (
	"context"
	"encoding/json"
	"net/http"
	"sort"

	"jiangsupass/clock"
	"jiangsupass/crowd"
	"jiangsupass/platform"
)

// maxDoubles bounds the double admissions a dashboard lists.
const maxDoubles = 200

// dashboard answers GET /v1/areas/{attraction}/dashboard for the area's
// staff, from one read.
func (c *crowdService) dashboard(w http.ResponseWriter, r *http.Request, _ areaToken, a areaSpec) {
	ctx := r.Context()
	d, err := c.dashboardOf(ctx, a)
	if err != nil {
		c.s.log.Printf("dashboard of %s: %v", a.ID, err)
		writeError(w, http.StatusServiceUnavailable, platform.CodeUnavailable, "the dashboard cannot be read now; try again")
		return
	}
	writeJSON(w, http.StatusOK, d)
}

// dashboardOf reads an area's dashboard at the server's now.
func (c *crowdService) dashboardOf(ctx context.Context, a areaSpec) (platform.AreaDashboard, error) {
	now := c.s.now()
	day := clock.Midnight(now)
	d := platform.AreaDashboard{AttractionID: a.ID, AsOf: wireTime(now)}
	tx, err := c.s.db.BeginTx(ctx, c.s.eng.readTx())
	if err != nil {
		return d, err
	}
	defer func() { _ = tx.Rollback() }()
	if d.Crowd, err = c.levelAt(ctx, tx, a, now); err != nil {
		return d, err
	}
	adm, err := c.store.admissions(ctx, tx, a.ID, day, now)
	if err != nil {
		return d, err
	}
	hours := crowd.HourlyEntries(now, adm)
	d.EntriesByHour = hours[:]
	if d.Flagged, err = c.store.doubles(ctx, tx, a.ID, day, now, maxDoubles); err != nil {
		return d, err
	}
	tomorrow := clock.Date(day.AddDate(0, 0, 1))
	d.Slots, err = areaSlots(ctx, tx, a.ID, clock.Date(now), tomorrow)
	return d, err
}

// areaSlots are an area's live ticket slots on two dates, by date and
// start, with their bookings.
func areaSlots(ctx context.Context, q querier, attraction, today, tomorrow string) ([]platform.SlotBookings, error) {
	rows, err := q.QueryContext(ctx, "SELECT body FROM items WHERE collection = ? AND deleted = 0", platform.TicketSlots)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []platform.SlotBookings{}
	for rows.Next() {
		var body []byte
		if err := rows.Scan(&body); err != nil {
			return nil, err
		}
		var sl platform.TicketSlot
		if err := json.Unmarshal(body, &sl); err != nil {
			return nil, err
		}
		if sl.AttractionID == attraction && (sl.Date == today || sl.Date == tomorrow) {
			out = append(out, bookingsOf(sl))
		}
	}
	sort.Slice(out, func(i, j int) bool {
		return out[i].Date+out[i].Start+out[i].SlotID < out[j].Date+out[j].Start+out[j].SlotID
	})
	return out, rows.Err()
}

// bookingsOf is a slot as its staff see it.
func bookingsOf(sl platform.TicketSlot) platform.SlotBookings {
	return platform.SlotBookings{SlotID: sl.ID, Date: sl.Date, Start: sl.Start, End: sl.End, Quota: sl.Quota,
		Booked: sl.Quota - sl.Remaining, Remaining: sl.Remaining, Paused: sl.Paused}
}

package server

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"strings"
	"time"

	"jiangsupass/platform"
)

// applyAdmission records an admission sent by gate token t (POST
// /v1/admissions): checked, stored once (flagged when its ticket was
// admitted before), kept among the applied mutations under the gate, and
// the area's level brought up to date, all in the request's transaction.
func (c *crowdService) applyAdmission(t areaToken) applyFunc {
	return func(ctx context.Context, tx *sql.Tx, w *writer, u User, key string, body []byte) (int, any, *platform.Error) {
		var req platform.AdmissionRequest
		if perr := decodeStrict(body, &req); perr != nil {
			return 0, nil, perr
		}
		if perr := checkID("ticket_id", req.TicketID); perr != nil {
			return 0, nil, perr
		}
		a, at, perr := c.checkGateRecord(t, req.AttractionID, req.Gate, req.Visitors, req.At)
		if perr != nil {
			return 0, nil, perr
		}
		row := admissionRow{ID: mutationID("ad-"), Attraction: a.ID, Gate: req.Gate, Ticket: req.TicketID, Key: key,
			Visitors: req.Visitors, At: at}
		flagged, first, err := c.store.admit(ctx, tx, row)
		if err != nil {
			return 0, nil, unavailable(err)
		}
		ans := platform.Admission{ID: row.ID, TicketID: row.Ticket, AttractionID: a.ID, Gate: row.Gate,
			Visitors: row.Visitors, At: wireTime(at), Flagged: flagged}
		if flagged {
			ans.FirstGate, ans.FirstAt = first.Gate, wireTime(first.At)
			c.s.log.Printf("admission: ticket %s of %s admitted again at gate %s (first at gate %s)", row.Ticket, a.ID, row.Gate, first.Gate)
		}
		if err := c.s.recordAs(ctx, tx, row.ID, platform.Admissions, u, key, ans); err != nil {
			return 0, nil, unavailable(err)
		}
		if err := c.refresh(ctx, tx, w, a, c.s.now()); err != nil {
			return 0, nil, unavailable(err)
		}
		return http.StatusCreated, ans, nil
	}
}

// applyExit records an exit sent by gate token t (POST /v1/exits).
func (c *crowdService) applyExit(t areaToken) applyFunc {
	return func(ctx context.Context, tx *sql.Tx, w *writer, u User, key string, body []byte) (int, any, *platform.Error) {
		var req platform.ExitRequest
		if perr := decodeStrict(body, &req); perr != nil {
			return 0, nil, perr
		}
		a, at, perr := c.checkGateRecord(t, req.AttractionID, req.Gate, req.Visitors, req.At)
		if perr != nil {
			return 0, nil, perr
		}
		row := exitRow{ID: mutationID("ex-"), Attraction: a.ID, Gate: req.Gate, Key: key, Visitors: req.Visitors, At: at}
		if err := c.store.exit(ctx, tx, row); err != nil {
			return 0, nil, unavailable(err)
		}
		ans := platform.Exit{ID: row.ID, AttractionID: a.ID, Gate: row.Gate, Visitors: row.Visitors, At: wireTime(at)}
		if err := c.s.recordAs(ctx, tx, row.ID, platform.Exits, u, key, ans); err != nil {
			return 0, nil, unavailable(err)
		}
		if err := c.refresh(ctx, tx, w, a, c.s.now()); err != nil {
			return 0, nil, unavailable(err)
		}
		return http.StatusCreated, ans, nil
	}
}

// checkGateRecord checks what an admission and an exit share: the ids,
// the token's scope, the area, the number of visitors and the time, which
// may be up to platform.GateClockSkew after the platform's now and up to
// platform.GateBacklog before it.
func (c *crowdService) checkGateRecord(t areaToken, attraction, gate string, visitors int, at string) (areaSpec, time.Time, *platform.Error) {
	for _, f := range [][2]string{{"attraction_id", attraction}, {"gate", gate}} {
		if perr := checkID(f[0], f[1]); perr != nil {
			return areaSpec{}, time.Time{}, perr
		}
	}
	if perr := gateScope(t, attraction, gate); perr != nil {
		return areaSpec{}, time.Time{}, perr
	}
	a, ok := c.areas[attraction]
	if !ok {
		return areaSpec{}, time.Time{}, &platform.Error{Status: http.StatusNotFound, Code: platform.CodeNotFound,
			Message: "the platform counts no scenic area " + attraction}
	}
	if visitors < 1 || visitors > platform.MaxGateVisitors {
		return areaSpec{}, time.Time{}, badRequest(fmt.Sprintf("visitors must be 1 to %d", platform.MaxGateVisitors))
	}
	when, err := time.Parse(time.RFC3339, at)
	if err != nil {
		return areaSpec{}, time.Time{}, badRequest("at must be a time in RFC 3339, such as 2026-05-01T09:30:00+08:00")
	}
	now := c.s.now()
	switch {
	case when.After(now.Add(platform.GateClockSkew)):
		return areaSpec{}, time.Time{}, badRequest(fmt.Sprintf("at %s is after the platform's now (%s): set the gate's clock",
			at, wireTime(now)))
	case when.Before(now.Add(-platform.GateBacklog)):
		return areaSpec{}, time.Time{}, badRequest(fmt.Sprintf("at %s is more than %d days ago", at, int(platform.GateBacklog.Hours()/24)))
	}
	return a, when, nil
}

// checkID refuses an empty or over-long id, or one with spaces around it.
func checkID(name, v string) *platform.Error {
	if v == "" || len(v) > platform.MaxIDLen || strings.TrimSpace(v) != v {
		return badRequest(fmt.Sprintf("%s must be 1 to %d characters with no spaces around it", name, platform.MaxIDLen))
	}
	return nil
}

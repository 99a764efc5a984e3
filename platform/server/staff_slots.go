package server

import (
	"database/sql"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"time"

	"jiangsupass/platform"
)

// The rate limit of staff actions: at most staffBurst pauses and resumes
// in staffWindow with one token (one gate's, or one staff token). It is
// kept in the database, so that it holds across the server's nodes.
const (
	staffBurst  = 20
	staffWindow = time.Minute
)

// limited lets a staff action through while its token is within the
// rate limit, and counts it; otherwise it answers 429 with Retry-After.
func (c *crowdService) limited(h staffHandler) staffHandler {
	return func(w http.ResponseWriter, r *http.Request, t areaToken, a areaSpec) {
		now := c.s.now()
		var wait time.Duration
		err := c.s.inTx(r.Context(), func(tx *sql.Tx, _ *writer) error {
			if err := c.s.eng.lock(r.Context(), tx, "staff\x00"+t.principal()); err != nil {
				return err
			}
			n, oldest, err := c.store.staffActions(r.Context(), tx, t.principal(), now.Add(-staffWindow))
			if err != nil || n >= staffBurst {
				wait = oldest.Add(staffWindow).Sub(now)
				return err
			}
			return c.store.noteStaffAction(r.Context(), tx, t.principal(), now, now.Add(-time.Hour))
		})
		switch {
		case err != nil:
			writeError(w, http.StatusServiceUnavailable, platform.CodeUnavailable, "the action cannot be taken now; try again")
		case wait > 0:
			w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(max(wait, time.Second).Seconds()))))
			writeError(w, http.StatusTooManyRequests, platform.CodeRateLimited,
				fmt.Sprintf("at most %d pauses and resumes a minute; try again in %d s", staffBurst, int(math.Ceil(wait.Seconds()))))
		default:
			h(w, r, t, a)
		}
	}
}

// onSale refuses an order for a slot that has ended (it can be bought
// until its end, China time) or whose sales the area's staff paused.
func onSale(sl *platform.TicketSlot, end, now time.Time) *platform.Error {
	switch {
	case !now.Before(end):
		return &platform.Error{Status: http.StatusConflict, Code: platform.CodeSlotEnded, Message: "this time slot has ended; choose a later one"}
	case sl.Paused:
		return &platform.Error{Status: http.StatusConflict, Code: platform.CodeSlotPaused,
			Message: "the scenic area has paused the sales of this time slot; choose another slot"}
	}
	return nil
}

// pause stops a slot's sales (POST /v1/areas/{attraction}/slots/{slot}/pause).
func (c *crowdService) pause(w http.ResponseWriter, r *http.Request, t areaToken, a areaSpec) {
	c.setPaused(w, r, t, a, true)
}

// resume reopens a slot's sales.
func (c *crowdService) resume(w http.ResponseWriter, r *http.Request, t areaToken, a areaSpec) {
	c.setPaused(w, r, t, a, false)
}

// setPaused pauses or resumes a slot of the area in one transaction: the
// slot's new state is a change of ticket_slots, so that devices learn of
// it, and the order check reads it (applyTicketOrder).
func (c *crowdService) setPaused(w http.ResponseWriter, r *http.Request, t areaToken, a areaSpec, paused bool) {
	ctx := r.Context()
	var sl platform.TicketSlot
	var perr *platform.Error
	err := c.s.inTx(ctx, func(tx *sql.Tx, wr *writer) error {
		ok, err := loadItemLocked(ctx, tx, c.s.sq.forUpdate, platform.TicketSlots, r.PathValue("slot"), &sl)
		if err != nil {
			return err
		}
		if !ok || sl.AttractionID != a.ID {
			perr = &platform.Error{Status: http.StatusNotFound, Code: platform.CodeNotFound, Message: "no such slot of " + a.ID}
			return nil
		}
		_, end, err := slotBounds(&sl)
		if err != nil {
			return err
		}
		if !c.s.now().Before(end) {
			perr = &platform.Error{Status: http.StatusConflict, Code: platform.CodeSlotEnded, Message: "this slot has ended; its sales are closed"}
			return nil
		}
		if sl.Paused == paused {
			return nil
		}
		sl.Paused = paused
		body, err := encodeItem(platform.TicketSlots, &sl)
		if err == nil {
			_, err = wr.put(ctx, platform.TicketSlots, sl.ID, body)
		}
		return err
	})
	switch {
	case err != nil:
		c.s.log.Printf("pause %s: %v", r.PathValue("slot"), err)
		writeError(w, http.StatusServiceUnavailable, platform.CodeUnavailable, "the slot cannot be changed now; try again")
	case perr != nil:
		writeError(w, perr.Status, perr.Code, perr.Message)
	default:
		c.s.log.Printf("staff %s: slot %s paused=%v", t.principal(), sl.ID, paused)
		writeJSON(w, http.StatusOK, bookingsOf(sl))
	}
}

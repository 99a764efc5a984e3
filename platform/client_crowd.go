package platform

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
)

// ErrNoAreaToken is returned for a gate's or staff's request when the
// client holds no area token.
var ErrNoAreaToken = errors.New("platform: no area token for this gate or staff member")

// SetAreaToken installs the area token of a gate or of an area's staff,
// which the server at origin issued (cmd/platform admin area-token). A
// token from another server than the client's is not installed: the
// client is left without one and the error wraps ErrOtherServer. The
// empty token clears it.
func (c *Client) SetAreaToken(origin, token string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if token != "" && (origin == "" || origin != c.origin) {
		c.areaToken = ""
		return fmt.Errorf("area token of %q on %q: %w", origin, c.origin, ErrOtherServer)
	}
	c.areaToken = token
	return nil
}

// AreaToken returns the area token in use ("" for none).
func (c *Client) AreaToken() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.areaToken
}

// Admit records an admission with its idempotency key (a gate's outbox
// sends it through Mutate; this is the same request, typed).
func (c *Client) Admit(ctx context.Context, key string, req AdmissionRequest) (Admission, error) {
	var a Admission
	err := c.mutateTyped(ctx, Admissions, key, req, &a)
	return a, err
}

// RecordExit records visitors leaving through a gate, with its
// idempotency key.
func (c *Client) RecordExit(ctx context.Context, key string, req ExitRequest) (Exit, error) {
	var e Exit
	err := c.mutateTyped(ctx, Exits, key, req, &e)
	return e, err
}

// mutateTyped sends a mutation of kind and decodes its answer into out.
func (c *Client) mutateTyped(ctx context.Context, kind, key string, req, out any) error {
	body, err := json.Marshal(req)
	if err != nil {
		return fmt.Errorf("%s: %w", kind, err)
	}
	res, err := c.Mutate(ctx, kind, key, body)
	if err != nil {
		return err
	}
	return decode(kind, res.Body, out)
}

// Crowd returns every scenic area's level now. It needs no sign-in.
func (c *Client) Crowd(ctx context.Context) (CrowdReport, error) {
	var r CrowdReport
	_, body, err := c.do(ctx, call{method: http.MethodGet, path: "/v1/crowd"})
	if err == nil {
		err = decode("crowd", body, &r)
	}
	return r, err
}

// AreaDashboard returns what an area's staff see: the live count,
// today's entries by hour, the bookings of today's and tomorrow's slots
// and the tickets admitted twice. It needs the area's token.
func (c *Client) AreaDashboard(ctx context.Context, attractionID string) (AreaDashboard, error) {
	var d AreaDashboard
	_, body, err := c.do(ctx, call{method: http.MethodGet, path: "/v1/areas/{attraction}/dashboard",
		params: map[string]string{"attraction": attractionID}, area: true})
	if err == nil {
		err = decode("area dashboard", body, &d)
	}
	return d, err
}

// PauseSlot stops the sales of a slot of the area at once; it sells
// nothing until ResumeSlot. Pausing a paused slot changes nothing.
func (c *Client) PauseSlot(ctx context.Context, attractionID, slotID string) (SlotBookings, error) {
	return c.slotSales(ctx, "pause", attractionID, slotID)
}

// ResumeSlot reopens the sales of a paused slot.
func (c *Client) ResumeSlot(ctx context.Context, attractionID, slotID string) (SlotBookings, error) {
	return c.slotSales(ctx, "resume", attractionID, slotID)
}

// slotSales pauses or resumes a slot's sales.
func (c *Client) slotSales(ctx context.Context, action, attractionID, slotID string) (SlotBookings, error) {
	var sb SlotBookings
	_, body, err := c.do(ctx, call{method: http.MethodPost, path: "/v1/areas/{attraction}/slots/{slot}/" + action,
		params: map[string]string{"attraction": attractionID, "slot": slotID}, area: true})
	if err == nil {
		err = decode(action+" slot", body, &sb)
	}
	return sb, err
}

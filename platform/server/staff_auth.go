package server

import (
	"net/http"
	"strings"

	"jiangsupass/platform"
)

// An area token is a scenic area's credential, issued by the platform's
// operator (cmd/platform admin area-token): with a gate, it records that
// gate's admissions and exits and acts for the area's staff (the gate
// kiosk's staff view sits behind its PIN); without one it is a staff
// token, which reads the dashboard and pauses slots. The server keeps
// only the SHA-256 of its secret.

// areaTokenPrefix begins every area token, so that one is told from a
// resident's access token at a glance (in a log, or pasted by mistake).
const areaTokenPrefix = "jsa_"

// bearer is a request's bearer token, or "".
func bearer(r *http.Request) string {
	tok, _ := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	return strings.TrimSpace(tok)
}

// areaAuth finds the request's area token; it answers 401 itself when
// there is none, or none the platform knows.
func (c *crowdService) areaAuth(w http.ResponseWriter, r *http.Request) (areaToken, bool) {
	tok := bearer(r)
	if strings.HasPrefix(tok, areaTokenPrefix) && len(tok) <= 200 {
		t, ok, err := c.store.tokenOf(r.Context(), c.s.db, hashToken(tok))
		if err != nil {
			writeError(w, http.StatusServiceUnavailable, platform.CodeUnavailable, "the token cannot be checked now; try again")
			return areaToken{}, false
		}
		if ok {
			return t, true
		}
	}
	w.Header().Set("WWW-Authenticate", `Bearer realm="jiangsupass-area"`)
	writeError(w, http.StatusUnauthorized, platform.CodeUnauthorized,
		"this needs a token of the scenic area, issued by the platform's operator; it is missing, unknown or revoked")
	return areaToken{}, false
}

// gateApply applies a gate's mutation for the token that sent it (see
// applyFunc).
type gateApply func(t areaToken) applyFunc

// gateMutation makes the handler of a gate's POST: with an area token,
// applied once per Idempotency-Key and gate.
func (c *crowdService) gateMutation(route string, apply gateApply) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		t, ok := c.areaAuth(w, r)
		if !ok {
			return
		}
		c.s.serveMutation(w, r, route, User{ID: t.principal()}, apply(t))
		c.gen.Add(1) // after the commit: the next GET /v1/crowd counts it
	}
}

// gateScope refuses a gate's record that its token may not make: one of
// another area or gate, or from a staff token, which names no gate.
func gateScope(t areaToken, attraction, gate string) *platform.Error {
	switch {
	case t.Gate == "":
		return forbidden("a staff token records no admissions or exits; use the gate's own token")
	case t.Attraction != attraction || t.Gate != gate:
		return forbidden("this token is for gate " + t.Gate + " of " + t.Attraction + ", not gate " + gate + " of " + attraction)
	}
	return nil
}

// staffHandler is a staff route's handler, given the area it acts for.
type staffHandler func(w http.ResponseWriter, r *http.Request, t areaToken, a areaSpec)

// staff wraps a route of /v1/areas/{attraction}: only a token of that
// area passes (401 without one, 403 for another area's), and the area
// must be one the platform counts (404).
func (c *crowdService) staff(h staffHandler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		t, ok := c.areaAuth(w, r)
		if !ok {
			return
		}
		id := r.PathValue("attraction")
		if t.Attraction != id {
			writeError(w, http.StatusForbidden, platform.CodeForbidden, "this token acts for "+t.Attraction+", not for "+id)
			return
		}
		a, ok := c.area(w, id)
		if !ok {
			return
		}
		h(w, r, t, a)
	}
}

func forbidden(msg string) *platform.Error {
	return &platform.Error{Status: http.StatusForbidden, Code: platform.CodeForbidden, Message: msg}
}

// adminIssueToken issues an area token (POST /admin/v1/areas/{attraction}/tokens).
func (c *crowdService) adminIssueToken(w http.ResponseWriter, r *http.Request) {
	var req platform.AreaTokenRequest
	if !readJSON(w, r, &req) {
		return
	}
	if len(req.Gate) > platform.MaxIDLen || len(req.Label) > 200 || strings.TrimSpace(req.Gate) != req.Gate {
		writeError(w, http.StatusBadRequest, platform.CodeBadRequest, "a gate of at most 100 characters with no spaces around it, a label of at most 200")
		return
	}
	a, ok := c.area(w, r.PathValue("attraction"))
	if !ok {
		return
	}
	secret := areaTokenPrefix + newToken()
	t := areaToken{ID: mutationID("at-"), Attraction: a.ID, Gate: req.Gate, Label: req.Label}
	if err := c.store.putToken(r.Context(), c.s.db, t, hashToken(secret), c.s.now()); err != nil {
		writeError(w, http.StatusServiceUnavailable, platform.CodeUnavailable, "the token could not be stored; try again")
		return
	}
	c.s.log.Printf("admin: area token %s issued for %s gate %q (%s)", t.ID, t.Attraction, t.Gate, t.Label)
	writeJSON(w, http.StatusCreated, platform.AreaTokenGrant{ID: t.ID, Token: secret, AttractionID: t.Attraction, Gate: t.Gate})
}

// adminRevokeToken revokes an area token (DELETE /admin/v1/area-tokens/{id}).
func (c *crowdService) adminRevokeToken(w http.ResponseWriter, r *http.Request) {
	t, ok, err := c.store.revokeToken(r.Context(), c.s.db, r.PathValue("id"), c.s.now())
	switch {
	case err != nil:
		writeError(w, http.StatusServiceUnavailable, platform.CodeUnavailable, "the token could not be revoked; try again")
	case !ok:
		writeError(w, http.StatusNotFound, platform.CodeNotFound, "no area token "+r.PathValue("id"))
	default:
		c.s.log.Printf("admin: area token %s revoked", t.ID)
		writeJSON(w, http.StatusOK, platform.AreaTokenGrant{ID: t.ID, AttractionID: t.Attraction, Gate: t.Gate})
	}
}

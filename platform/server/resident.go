package server

import (
	"context"
	"errors"
	"net/http"
	"time"

	"jiangsupass/codes"
	"jiangsupass/platform"
)

func init() { addFeature(registerResident) }

// credentialLife is how long a credential lasts; the app renews it a day
// before it ends.
const credentialLife = 3 * 24 * time.Hour

func registerResident(s *Server, r *router) {
	if err := s.prepareResident(context.Background()); err != nil {
		s.log.Printf("resident codes unavailable: %v", err)
	}
	r.handle("GET /v1/me/card", s.personal(s.card))
	r.handle("GET /v1/me/insurance", s.personal(s.insurance))
	r.handle("POST /v1/me/credentials", s.personal(s.issueCredential))
	r.handle("GET /v1/trust-list", s.trustList)
	r.handle("POST /admin/v1/issuers/{issuer}/rotate", s.adminOnly(s.adminRotate))
}

// prepareResident makes the first key generation of each issuer of the
// Yangtze River Delta (the tables are migration 1's: the credentials
// issued, so that a lost card's can be revoked; those revoked one by one;
// and each issuer's key generations).
func (s *Server) prepareResident(ctx context.Context) error {
	for _, d := range codes.DeltaIssuers {
		if _, err := s.db.ExecContext(ctx, "INSERT INTO issuer_keys (issuer, gen, valid_from) VALUES (?, 1, 0) ON CONFLICT DO NOTHING", d.ID); err != nil {
			return err
		}
	}
	return nil
}

func (s *Server) card(w http.ResponseWriter, r *http.Request, u User) {
	c, err := s.cardOf(r.Context(), u)
	if err != nil {
		writeError(w, http.StatusServiceUnavailable, platform.CodeUnavailable, "the card cannot be read now; try again")
		return
	}
	c.ServerTime = s.now().UTC().Format(time.RFC3339Nano)
	writeJSON(w, http.StatusOK, c)
}

// cardOf is the resident's card with its state: suspended once a loss
// has been reported.
func (s *Server) cardOf(ctx context.Context, u User) (platform.Card, error) {
	c := demoCard(u)
	var n int
	err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM mutations WHERE user_id = ? AND kind = ?", u.ID, platform.CardLoss).Scan(&n)
	if n > 0 {
		c.Status = platform.CardSuspended
	}
	return c, err
}

func (s *Server) insurance(w http.ResponseWriter, _ *http.Request, u User) {
	writeJSON(w, http.StatusOK, demoInsurance(u, s.now()))
}

func (s *Server) issueCredential(w http.ResponseWriter, r *http.Request, u User) {
	var req platform.CredentialRequest
	if !readJSON(w, r, &req) {
		return
	}
	g, perr := s.grant(r.Context(), u, req)
	if perr != nil {
		writeError(w, perr.Status, perr.Code, perr.Message)
		return
	}
	writeJSON(w, http.StatusCreated, g)
}

func (s *Server) trustList(w http.ResponseWriter, r *http.Request) {
	tl, err := s.signedTrustList(r.Context())
	if err != nil {
		writeError(w, http.StatusServiceUnavailable, platform.CodeUnavailable, "the trust list cannot be made now; try again")
		return
	}
	writeJSON(w, http.StatusOK, tl)
}

func (s *Server) adminRotate(w http.ResponseWriter, r *http.Request) {
	gen, err := s.RotateIssuerKey(r.Context(), r.PathValue("issuer"))
	if errors.Is(err, errNoIssuer) {
		writeError(w, http.StatusNotFound, platform.CodeNotFound, "no such issuer")
		return
	}
	if err != nil {
		writeError(w, http.StatusServiceUnavailable, platform.CodeUnavailable, err.Error())
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"issuer": r.PathValue("issuer"), "generation": gen})
}

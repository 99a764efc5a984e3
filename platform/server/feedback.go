package server

import (
	"context"
	"database/sql"
	"net/http"

	"jiangsupass/platform"
)

// callerKey is the context key of the signed-in resident who sent a
// request that anyone may send (withCaller).
type callerKey struct{}

// withCaller gives h's request the resident its bearer token names, when
// it names a live session, for the handler to read with callerOf. It
// refuses nothing: a request with no token, or an expired one, goes on
// without a caller.
func (s *Server) withCaller(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if u, ok := s.authenticate(r); ok {
			r = r.WithContext(context.WithValue(r.Context(), callerKey{}, u))
		}
		h(w, r)
	}
}

// callerOf is the resident withCaller found, if any.
func callerOf(ctx context.Context) (User, bool) {
	u, ok := ctx.Value(callerKey{}).(User)
	return u, ok
}

// applyFeedback takes a message for the 12345 hotline, from anyone: it is
// applied once per key whoever sends it. A signed-in resident's app fills
// in their number as their profile shows it, partly hidden; the hotline
// is given the whole number, which only the platform holds, so that it can
// call back.
func (s *Server) applyFeedback(ctx context.Context, tx *sql.Tx, _ *writer, u User, key string, body []byte) (int, any, *platform.Error) {
	var req platform.FeedbackRequest
	if perr := decodeStrict(body, &req); perr != nil {
		return 0, nil, perr
	}
	if req.Category == "" || req.Text == "" {
		return 0, nil, badRequest("category and text must not be empty")
	}
	if c, ok := callerOf(ctx); ok && c.Phone != "" && req.Contact == platform.Phone(c.Phone).Masked() {
		req.Contact = c.Phone
	}
	rcpt := platform.FeedbackReceipt{Status: "received"}
	var err error
	if rcpt.ID, err = s.record(ctx, tx, platform.Feedback, "f-", u, key, req); err != nil {
		return 0, nil, unavailable(err)
	}
	return http.StatusCreated, rcpt, nil
}

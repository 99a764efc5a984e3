package server

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"io"
	"net/http"

	"jiangsupass/platform"
)

// applyFunc applies a mutation inside the transaction that also stores
// its answer. It returns the status and body of the answer, or an error
// answer. A refusal (4xx) is all-or-nothing: whatever the mutation wrote
// before refusing is undone, and only the answer is stored with its key,
// so that a repeat gets it again; a 5xx rolls everything back and stores
// nothing.
type applyFunc func(ctx context.Context, tx *sql.Tx, w *writer, u User, key string, body []byte) (int, any, *platform.Error)

// anonymous is the principal of mutations that need no sign-in.
const anonymous = "anonymous"

// mutation makes the handler of a POST that is applied once per
// Idempotency-Key: the effect and the stored answer commit together, and
// a repeat of the key with the same body gets the stored answer.
func (s *Server) mutation(route string, personal bool, apply applyFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		u := User{ID: anonymous}
		if personal {
			var ok bool
			if u, ok = s.authenticate(r); !ok {
				w.Header().Set("WWW-Authenticate", `Bearer realm="jiangsupass"`)
				writeError(w, http.StatusUnauthorized, platform.CodeUnauthorized, "sign in first, or sign in again: the session has expired")
				return
			}
		}
		s.serveMutation(w, r, route, u, apply)
	}
}

// serveMutation applies a POST of principal u once per Idempotency-Key
// (see mutation) and answers it.
func (s *Server) serveMutation(w http.ResponseWriter, r *http.Request, route string, u User, apply applyFunc) {
	key := r.Header.Get("Idempotency-Key")
	if len(key) < 8 || len(key) > 200 {
		writeError(w, http.StatusBadRequest, platform.CodeBadRequest, "an Idempotency-Key header of 8 to 200 characters is required")
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, 1<<20))
	if err != nil {
		writeError(w, http.StatusBadRequest, platform.CodeBadRequest, "the request body could not be read")
		return
	}
	status, answer, err := s.applyOnce(r.Context(), route, u, key, body, apply)
	if err != nil {
		var pe *platform.Error
		if errors.As(err, &pe) {
			writeError(w, pe.Status, pe.Code, pe.Message)
			return
		}
		s.log.Printf("%s: %v", route, err)
		writeError(w, http.StatusServiceUnavailable, platform.CodeUnavailable, "the request could not be applied now; try again")
		return
	}
	writeRaw(w, status, answer)
}

// applyOnce looks the key up and either returns the stored answer or
// applies the mutation and stores its answer, in one transaction.
func (s *Server) applyOnce(ctx context.Context, route string, u User, key string, body []byte, apply applyFunc) (int, []byte, error) {
	reqHash := hashBytes(body)
	var status int
	var answer []byte
	err := s.inTx(ctx, func(tx *sql.Tx, w *writer) error {
		// The key is locked first: a repeat sent at once to another node
		// waits here, then finds the answer stored.
		if err := s.eng.lock(ctx, tx, "idempotency\x00"+u.ID+"\x00"+key); err != nil {
			return err
		}
		var storedRoute, storedHash string
		err := tx.QueryRowContext(ctx, "SELECT route, request_hash, status, body FROM idempotency WHERE principal = ? AND key = ?",
			u.ID, key).Scan(&storedRoute, &storedHash, &status, &answer)
		if err == nil {
			if storedRoute != route || storedHash != reqHash {
				return &platform.Error{Status: http.StatusUnprocessableEntity, Code: platform.CodeIdempotencyReuse,
					Message: "this Idempotency-Key was used for a different request; make a new key"}
			}
			return nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if _, err := tx.ExecContext(ctx, "SAVEPOINT apply"); err != nil {
			return err
		}
		st, v, perr := apply(ctx, tx, w, u, key, body)
		if perr != nil {
			if perr.Status >= 500 {
				return perr
			}
			// A refusal takes nothing: undo the mutation's writes, keep its answer.
			if _, err := tx.ExecContext(ctx, "ROLLBACK TO apply"); err != nil {
				return err
			}
			st, v = perr.Status, perr
		}
		if _, err := tx.ExecContext(ctx, "RELEASE apply"); err != nil {
			return err
		}
		if answer, err = json.Marshal(v); err != nil {
			return err
		}
		status = st
		_, err = tx.ExecContext(ctx, `INSERT INTO idempotency (principal, key, route, request_hash, status, body, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, u.ID, key, route, reqHash, status, answer, stamp(s.now()))
		return err
	})
	return status, answer, err
}

// decodeStrict reads a mutation's body, refusing unknown fields.
func decodeStrict(body []byte, v any) *platform.Error {
	dec := json.NewDecoder(bytesReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return badRequest("the request body is not valid: " + err.Error())
	}
	return nil
}

func badRequest(msg string) *platform.Error {
	return &platform.Error{Status: http.StatusBadRequest, Code: platform.CodeBadRequest, Message: msg}
}

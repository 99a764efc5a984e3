package server

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"net/http"

	"jiangsupass/clock"
	"jiangsupass/platform"
)

func init() { addFeature(registerAppointmentCancels) }

func registerAppointmentCancels(s *Server, r *router) {
	r.handle("POST /v1/appointments/{id}/cancel", func(w http.ResponseWriter, req *http.Request) {
		id := req.PathValue("id")
		// The route the key is stored under names the appointment, so that
		// one key used for two appointments is refused as a reuse.
		s.mutation(platform.AppointmentCancels+" "+id, true, s.cancelAppointment(id))(w, req)
	})
}

// cancelAppointment cancels the resident's own visit id before it begins,
// which frees its place at the hall (see hallSlotTaken). Another
// resident's appointment is answered as one that does not exist (404), so
// that IDs cannot be probed; one already cancelled is refused 409
// already_cancelled (a repeat of the same Idempotency-Key gets its first
// answer, 200); one whose time has come, 409 in_the_past.
func (s *Server) cancelAppointment(id string) applyFunc {
	return func(ctx context.Context, tx *sql.Tx, _ *writer, u User, key string, body []byte) (int, any, *platform.Error) {
		if len(body) > 0 {
			var none struct{}
			if perr := decodeStrict(body, &none); perr != nil {
				return 0, nil, perr
			}
		}
		var raw string
		err := tx.QueryRowContext(ctx, "SELECT body FROM mutations WHERE id = ? AND kind = ? AND user_id = ?"+s.sq.forUpdate,
			id, platform.Appointments, u.ID).Scan(&raw)
		if errors.Is(err, sql.ErrNoRows) {
			return 0, nil, &platform.Error{Status: http.StatusNotFound, Code: platform.CodeNotFound, Message: "there is no such appointment of yours"}
		}
		if err != nil {
			return 0, nil, unavailable(err)
		}
		var a platform.Appointment
		if err := json.Unmarshal([]byte(raw), &a); err != nil {
			return 0, nil, unavailable(err)
		}
		if a.Status == platform.AppointmentCancelled {
			return 0, nil, &platform.Error{Status: http.StatusConflict, Code: platform.CodeAlreadyCancelled, Message: "this appointment was cancelled already"}
		}
		at, err := clock.At(a.Date, a.Time)
		if err != nil {
			return 0, nil, unavailable(err)
		}
		if !s.now().Before(at) {
			return 0, nil, &platform.Error{Status: http.StatusConflict, Code: platform.CodeInThePast,
				Message: "this appointment's time has come; it can no longer be cancelled"}
		}
		a.Status = platform.AppointmentCancelled
		b, err := json.Marshal(a)
		if err == nil {
			_, err = tx.ExecContext(ctx, "UPDATE mutations SET body = ? WHERE id = ? AND kind = ?", string(b), id, platform.Appointments)
		}
		if err == nil {
			_, err = s.record(ctx, tx, platform.AppointmentCancels, "x-", u, key, platform.AppointmentCancel{ID: id})
		}
		if err != nil {
			return 0, nil, unavailable(err)
		}
		a.ID = id
		return http.StatusOK, a, nil
	}
}

// hallSlotTaken counts the visits booked, and not cancelled, at a hall at
// one time on one day.
func (s *Server) hallSlotTaken(ctx context.Context, tx *sql.Tx, hallID, date, hm string) (int, error) {
	var n int
	err := tx.QueryRowContext(ctx, s.sq.hallSlotTaken, platform.Appointments, hallID, date, hm, platform.AppointmentBooked).Scan(&n)
	return n, err
}

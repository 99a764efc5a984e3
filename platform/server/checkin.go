package server

import (
	"context"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"time"

	"jiangsupass/clock"
	"jiangsupass/codes"
	"jiangsupass/platform"
)

func init() { addFeature(registerCheckIn) }

func registerCheckIn(s *Server, r *router) {
	r.handle("POST /v1/halls/{hall}/check-ins", s.checkIn)
}

// checkIn gives the resident whose code the hall's terminal read a number
// in the day's queue: an A number when they booked a visit here today, a
// B number otherwise. The code is checked against the platform's own
// trust list; the same resident checking in again gets the same number.
func (s *Server) checkIn(w http.ResponseWriter, r *http.Request) {
	var req platform.CheckInRequest
	if !readJSON(w, r, &req) {
		return
	}
	ctx, hallID, now := r.Context(), r.PathValue("hall"), s.now()
	res, perr := s.checkCheckInCode(ctx, req.Code, now)
	if perr != nil {
		writeError(w, perr.Status, perr.Code, perr.Message)
		return
	}
	status, ci, perr := s.placeInQueue(ctx, hallID, res, now)
	if perr != nil {
		writeError(w, perr.Status, perr.Code, perr.Message)
		return
	}
	writeJSON(w, status, ci)
}

// checkCheckInCode verifies a 苏服码 or card code at now. It keeps no
// replay cache: a check-in is the same however often it is repeated.
func (s *Server) checkCheckInCode(ctx context.Context, code string, now time.Time) (*codes.Result, *platform.Error) {
	signed, err := s.signedTrustList(ctx)
	if err != nil {
		return nil, unavailable(err)
	}
	trust, err := codes.OpenTrustList(signed.Signed, codes.DemoAnchors())
	if err != nil {
		return nil, unavailable(err)
	}
	res, err := codes.Check(code, trust, now)
	if err != nil {
		return nil, &platform.Error{Status: http.StatusUnprocessableEntity, Code: platform.CodeInvalidCode,
			Message: "the code was refused (" + codes.ReasonOf(err).String() + "); show a fresh 苏服码"}
	}
	if res.Kind != codes.KindService && res.Kind != codes.KindCard {
		return nil, &platform.Error{Status: http.StatusUnprocessableEntity, Code: platform.CodeInvalidCode,
			Message: "a ticket does not check you in at a service hall; show your 苏服码"}
	}
	return res, nil
}

// placeInQueue finds or makes the resident's number at the hall today.
func (s *Server) placeInQueue(ctx context.Context, hallID string, res *codes.Result, now time.Time) (int, platform.CheckIn, *platform.Error) {
	day := clock.Date(now) // the hall's day, in China
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, platform.CheckIn{}, unavailable(err)
	}
	defer func() { _ = tx.Rollback() }()
	// The hall's day is locked while its numbers are counted and one is
	// given, so that two nodes do not give the same number.
	if err := s.eng.lock(ctx, tx, "checkin\x00"+hallID+"\x00"+day); err != nil {
		return 0, platform.CheckIn{}, unavailable(err)
	}
	var hall platform.ServiceHall
	if ok, err := loadItem(ctx, tx, platform.ServiceHalls, hallID, &hall); err != nil {
		return 0, platform.CheckIn{}, unavailable(err)
	} else if !ok {
		return 0, platform.CheckIn{}, &platform.Error{Status: http.StatusNotFound, Code: platform.CodeNotFound,
			Message: "this terminal names a service hall that does not exist; staff should check its kiosk file"}
	}
	holder, userID, err := holderOf(ctx, tx, res.Credential)
	if err != nil {
		return 0, platform.CheckIn{}, unavailable(err)
	}
	var body string
	err = tx.QueryRowContext(ctx, "SELECT body FROM check_ins WHERE hall_id = ? AND day = ? AND holder = ?", hallID, day, holder).Scan(&body)
	if err == nil {
		var ci platform.CheckIn
		if err := json.Unmarshal([]byte(body), &ci); err != nil {
			return 0, platform.CheckIn{}, unavailable(err)
		}
		return http.StatusOK, ci, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return 0, platform.CheckIn{}, unavailable(err)
	}
	ci := platform.CheckIn{Kind: platform.CheckInWalkIn, HallID: hallID, Date: day, Holder: res.Credential.Holder,
		CheckedInAt: now.UTC().Format(time.RFC3339)}
	if userID != "" {
		a, ok, err := appointmentAt(ctx, tx, userID, hallID, day)
		if err != nil {
			return 0, platform.CheckIn{}, unavailable(err)
		}
		if ok {
			ci.Kind, ci.Time, ci.ItemID = platform.CheckInAppointment, a.Time, a.ItemID
		}
	}
	prefix := "B"
	if ci.Kind == platform.CheckInAppointment {
		prefix = "A"
	}
	var taken int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM check_ins WHERE hall_id = ? AND day = ? AND substr(number, 1, 1) = ?",
		hallID, day, prefix).Scan(&taken); err != nil {
		return 0, platform.CheckIn{}, unavailable(err)
	}
	ci.Number = fmt.Sprintf("%s%03d", prefix, taken+1)
	b, err := json.Marshal(ci)
	if err == nil {
		_, err = tx.ExecContext(ctx, "INSERT INTO check_ins (hall_id, day, holder, number, body) VALUES (?, ?, ?, ?, ?)",
			hallID, day, holder, ci.Number, string(b))
	}
	if err == nil {
		err = tx.Commit()
	}
	if err != nil {
		return 0, platform.CheckIn{}, unavailable(err)
	}
	return http.StatusCreated, ci, nil
}

// holderOf names whom a credential was issued to: a user of this
// platform, or, for a resident of another province (长三角 mutual
// recognition), the credential itself.
func holderOf(ctx context.Context, tx *sql.Tx, c *codes.Credential) (holder, userID string, err error) {
	err = tx.QueryRowContext(ctx, "SELECT user_id FROM issued_credentials WHERE id = ?", c.ID).Scan(&userID)
	if errors.Is(err, sql.ErrNoRows) {
		return "credential:" + hex.EncodeToString(c.ID), "", nil
	}
	if err != nil {
		return "", "", err
	}
	return "user:" + userID, userID, nil
}

// appointmentAt is the user's earliest visit booked at the hall on day
// and not cancelled.
func appointmentAt(ctx context.Context, tx *sql.Tx, userID, hallID, day string) (platform.Appointment, bool, error) {
	rows, err := tx.QueryContext(ctx, "SELECT body FROM mutations WHERE kind = ? AND user_id = ?", platform.Appointments, userID)
	if err != nil {
		return platform.Appointment{}, false, err
	}
	defer rows.Close()
	var found []platform.Appointment
	for rows.Next() {
		var body string
		if err := rows.Scan(&body); err != nil {
			return platform.Appointment{}, false, err
		}
		var a platform.Appointment
		if err := json.Unmarshal([]byte(body), &a); err != nil {
			return platform.Appointment{}, false, err
		}
		if a.HallID == hallID && a.Date == day && a.Status != platform.AppointmentCancelled {
			found = append(found, a)
		}
	}
	if err := rows.Err(); err != nil || len(found) == 0 {
		return platform.Appointment{}, false, err
	}
	sort.Slice(found, func(i, j int) bool { return found[i].Time < found[j].Time })
	return found[0], true, nil
}

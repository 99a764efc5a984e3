package server

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"time"

	"jiangsupass/platform"
)

func init() { addFeature(registerApplications) }

func registerApplications(s *Server, r *router) {
	r.handle("GET /v1/me/applications", s.personal(s.myApplications))
}

// demoApplication is a made-up application every resident has, so that
// the progress screen has something to show: an item of the seed, its
// steps, and how many days before now each step was reached (-1: not
// yet).
type demoApplication struct {
	itemID int64
	steps  []string
	ago    []int
}

// demoApplications are the generated applications, by this rule: a
// passport in production and a social-security card handed out, their
// steps dated back from the server's clock.
var demoApplications = []demoApplication{
	{7, []string{"申请", "受理", "审核", "制证", "办结"}, []int{6, 5, 3, -1, -1}},
	{16, []string{"申请", "受理", "审核", "制卡", "办结"}, []int{30, 29, 27, 20, 14}},
}

// myApplications lists the resident's applications: the demo ones, then
// one per hall appointment booked (and not cancelled), received on the
// day it was booked.
func (s *Server) myApplications(w http.ResponseWriter, r *http.Request, u User) {
	list, err := s.applicationsOf(r.Context(), u)
	if err != nil {
		writeError(w, http.StatusServiceUnavailable, platform.CodeUnavailable, "the applications cannot be read now; try again")
		return
	}
	writeJSON(w, http.StatusOK, list)
}

func (s *Server) applicationsOf(ctx context.Context, u User) (platform.ApplicationList, error) {
	now := s.now().UTC()
	list := platform.ApplicationList{Applications: []platform.Application{}, ServerTime: now.Format(time.RFC3339Nano)}
	for i, d := range demoApplications {
		var item platform.ServiceItem
		if _, err := s.loadItemDB(ctx, strconv.FormatInt(d.itemID, 10), &item); err != nil {
			return list, err
		}
		a := platform.Application{ID: "demo-" + u.ID + "-" + strconv.Itoa(i+1), ItemID: d.itemID, ItemName: item.Name,
			Status: platform.ApplicationDone, Generated: true}
		for j, name := range d.steps {
			st := platform.ApplicationStep{Name: name, Status: platform.StepDone}
			switch {
			case d.ago[j] >= 0:
				st.At = now.AddDate(0, 0, -d.ago[j]).Truncate(time.Hour).Format(time.RFC3339)
			case j > 0 && d.ago[j-1] >= 0:
				st.Status, a.Status = platform.StepCurrent, platform.ApplicationInProgress
			default:
				st.Status = platform.StepWaiting
			}
			a.Steps = append(a.Steps, st)
		}
		list.Applications = append(list.Applications, a)
	}
	rows, err := s.db.QueryContext(ctx, "SELECT id, body, created_at FROM mutations WHERE user_id = ? AND kind = ? ORDER BY created_at, id",
		u.ID, platform.Appointments)
	if err != nil {
		return list, err
	}
	defer rows.Close()
	for rows.Next() {
		var id, body, created string
		var ap platform.Appointment
		if err := rows.Scan(&id, &body, &created); err != nil {
			return list, err
		}
		if json.Unmarshal([]byte(body), &ap) != nil || ap.Status == platform.AppointmentCancelled {
			continue
		}
		var item platform.ServiceItem
		if _, err := s.loadItemDB(ctx, strconv.FormatInt(ap.ItemID, 10), &item); err != nil {
			return list, err
		}
		at := created
		if t, err := time.Parse(time.RFC3339Nano, created); err == nil {
			at = t.UTC().Format(time.RFC3339)
		}
		list.Applications = append(list.Applications, platform.Application{ID: "appt-" + id, ItemID: ap.ItemID,
			ItemName: item.Name, Status: platform.ApplicationInProgress, Steps: []platform.ApplicationStep{
				{Name: "预约", Status: platform.StepDone, At: at},
				{Name: "到厅办理 " + ap.Date + " " + ap.Time, Status: platform.StepCurrent},
				{Name: "办结", Status: platform.StepWaiting},
			}})
	}
	return list, rows.Err()
}

// loadItemDB reads a live service item outside a transaction.
func (s *Server) loadItemDB(ctx context.Context, id string, v *platform.ServiceItem) (bool, error) {
	var body string
	err := s.db.QueryRowContext(ctx, "SELECT body FROM items WHERE collection = ? AND id = ? AND deleted = 0",
		platform.ServiceItems, id).Scan(&body)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return true, json.Unmarshal([]byte(body), v)
}

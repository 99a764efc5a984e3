package platform

import "context"

// Statuses of an application and of its steps.
const (
	ApplicationInProgress = "in_progress"
	ApplicationDone       = "done"
	StepDone              = "done"
	StepCurrent           = "current"
	StepWaiting           = "waiting"
)

// ApplicationList is the resident's applications for government services
// and how far each has gone (办件进度; GET /v1/me/applications).
type ApplicationList struct {
	Applications []Application `json:"applications"`
	ServerTime   string        `json:"server_time"`
}

// Application is one application and its steps, in order.
type Application struct {
	ID       string `json:"id"`
	ItemID   int64  `json:"item_id"`
	ItemName string `json:"item_name"`
	Status   string `json:"status"` // ApplicationInProgress or ApplicationDone
	// Generated is true for the reference server's made-up demo
	// applications; the app labels them as generated.
	Generated bool              `json:"generated"`
	Steps     []ApplicationStep `json:"steps"`
}

// ApplicationStep is a step of an application: 申请, 受理, 审核, 办结 …
type ApplicationStep struct {
	Name   string `json:"name"`
	Status string `json:"status"`       // StepDone, StepCurrent or StepWaiting
	At     string `json:"at,omitempty"` // RFC 3339, when the step was reached
}

// Applications fetches the signed-in resident's applications.
func (c *Client) Applications(ctx context.Context) (ApplicationList, error) {
	var v ApplicationList
	err := c.getJSON(ctx, "/v1/me/applications", true, "applications", &v)
	return v, err
}

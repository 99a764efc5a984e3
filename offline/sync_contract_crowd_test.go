package offline

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"jiangsupass/platform"
)

// crowdRoutes are the routes of gates, of the crowd map and of an area's
// staff, which crowdCalls makes.
var crowdRoutes = []string{"POST /v1/admissions", "POST /v1/exits", "GET /v1/crowd",
	"GET /v1/areas/{attraction}/dashboard", "POST /v1/areas/{attraction}/slots/{slot}/pause",
	"POST /v1/areas/{attraction}/slots/{slot}/resume"}

// areaToken asks the server's admin API for an area token (not through
// the recorded client: the admin API is the operator's, not the app's).
func areaToken(t *testing.T, ps *platformServer, area, gate string) string {
	t.Helper()
	admin, err := os.ReadFile(ps.AdminTokenFile())
	if err != nil {
		t.Fatal(err)
	}
	body, _ := json.Marshal(platform.AreaTokenRequest{Gate: gate})
	req, _ := http.NewRequest(http.MethodPost, ps.HTTP.URL+"/admin/v1/areas/"+area+"/tokens", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+strings.TrimSpace(string(admin)))
	resp, err := ps.HTTP.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var g platform.AreaTokenGrant
	if err := json.NewDecoder(resp.Body).Decode(&g); err != nil || resp.StatusCode != http.StatusCreated {
		t.Fatalf("area token: %d, %v", resp.StatusCode, err)
	}
	return g.Token
}

// crowdCalls makes, through clients that record every exchange, a gate's
// admission, the same ticket at a second gate (flagged), an exit and a
// refused admission; the crowd map; and the staff's dashboard, a pause,
// a resume and a pause refused for another area's token. at is a time the
// server takes as now or just before.
func crowdCalls(t *testing.T, ps *platformServer, rec http.RoundTripper, at time.Time) {
	t.Helper()
	ctx := context.Background()
	const area = "5a-004"
	gate := func(name string) *platform.Client {
		c := testClient(ps.HTTP.URL, rec)
		if err := c.SetAreaToken(c.Origin(), areaToken(t, ps, area, name)); err != nil {
			t.Fatal(err)
		}
		return c
	}
	east, west := gate("east"), gate("west")
	adm := platform.AdmissionRequest{TicketID: "o-contract", AttractionID: area, Gate: "east", Visitors: 2, At: at.Format(time.RFC3339)}
	if a, err := east.Admit(ctx, "contract-admission-1", adm); err != nil || a.Flagged {
		t.Fatalf("admission: %+v, %v", a, err)
	}
	adm.Gate = "west"
	if a, err := west.Admit(ctx, "contract-admission-2", adm); err != nil || !a.Flagged {
		t.Fatalf("the ticket at a second gate: %+v, %v", a, err)
	}
	if _, err := east.RecordExit(ctx, "contract-exit-1", platform.ExitRequest{AttractionID: area, Gate: "east", Visitors: 1, At: adm.At}); err != nil {
		t.Fatal(err)
	}
	adm.Visitors = 0
	var pe *platform.Error
	if _, err := west.Admit(ctx, "contract-admission-3", adm); !errors.As(err, &pe) || pe.Status != http.StatusBadRequest {
		t.Errorf("an admission of no visitors: %v", err)
	}
	if rep, err := testClient(ps.HTTP.URL, rec).Crowd(ctx); err != nil || len(rep.Areas) == 0 {
		t.Fatalf("crowd: %+v, %v", rep, err)
	}
	d, err := east.AreaDashboard(ctx, area)
	if err != nil || len(d.Slots) == 0 || len(d.Flagged) != 1 {
		t.Fatalf("dashboard: %+v, %v", d, err)
	}
	slot := d.Slots[len(d.Slots)-1].SlotID // tomorrow's last: not ended whatever the hour
	if sb, err := east.PauseSlot(ctx, area, slot); err != nil || !sb.Paused {
		t.Fatalf("pause: %+v, %v", sb, err)
	}
	if sb, err := east.ResumeSlot(ctx, area, slot); err != nil || sb.Paused {
		t.Fatalf("resume: %+v, %v", sb, err)
	}
	other := testClient(ps.HTTP.URL, rec)
	_ = other.SetAreaToken(other.Origin(), areaToken(t, ps, "5a-001", ""))
	if _, err := other.PauseSlot(ctx, area, slot); !errors.As(err, &pe) || pe.Status != http.StatusForbidden {
		t.Errorf("another area's staff paused: %v", err)
	}
}

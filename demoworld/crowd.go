package demoworld

import (
	"context"
	"fmt"
	"time"

	"jiangsupass/platform"
	"jiangsupass/platform/server/servertest"
)

// busyAreas are the scenic areas whose gates admit visitors at At, and
// the share of each one's instantaneous capacity admitted, so that the
// map and the attraction pages show every crowd level: 舒适, 较舒适
// (the Confucius Temple, the attraction pages' sample), 拥挤 and 饱和.
var busyAreas = []struct {
	id      string
	percent int
}{{"5a-004", 30}, {"5a-002", 62}, {"5a-005", 85}, {"5a-006", 100}}

// busyGate is the name of the gate the busy day's visitors come through.
const busyGate = "demo"

// busyDay has a gate of each of busyAreas admit its share of visitors at
// the clock's now, through the platform's API with the gate's area token,
// 100 visitors an admission: a generated day, not anyone's count.
func (w *World) busyDay(ctx context.Context) error {
	report, err := w.Client(nil).Crowd(ctx)
	if err != nil {
		return fmt.Errorf("busy day: %w", err)
	}
	capacity := map[string]int{}
	for _, a := range report.Areas {
		capacity[a.ID] = a.Capacity.Instant
	}
	for _, b := range busyAreas {
		token, err := servertest.IssueAreaToken(ctx, w.URL, w.AdminTokenFile(), b.id, busyGate)
		if err != nil {
			return fmt.Errorf("busy day: %w", err)
		}
		gate := w.Client(nil)
		if err := gate.SetAreaToken(gate.Origin(), token); err != nil {
			return fmt.Errorf("busy day: %w", err)
		}
		at := w.Clock.Now().Format(time.RFC3339)
		left := capacity[b.id] * b.percent / 100
		for i := 0; left > 0; i++ {
			n := min(left, platform.MaxGateVisitors)
			left -= n
			req := platform.AdmissionRequest{TicketID: fmt.Sprintf("demo-%s-%d", b.id, i), AttractionID: b.id, Gate: busyGate,
				Visitors: n, At: at}
			if _, err := gate.Admit(ctx, fmt.Sprintf("demoworld-%s-%d", b.id, i), req); err != nil {
				return fmt.Errorf("busy day at %s: %w", b.id, err)
			}
		}
	}
	return nil
}

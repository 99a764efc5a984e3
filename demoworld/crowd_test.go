package demoworld

import (
	"testing"

	"jiangsupass/crowd"
)

// TestBusyDay: the visitor's store holds a live crowd level of each busy
// area, at the share its gate admitted, one of every level.
func TestBusyDay(t *testing.T) {
	ctx := t.Context()
	dir := t.TempDir()
	w, err := New(ctx, dir, at)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	visitor, resident, _, err := w.OpenAndFill(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer visitor.Close()
	defer resident.Close()
	levels, err := visitor.CrowdLevels(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]crowd.Level{"5a-004": crowd.Comfortable, "5a-002": crowd.Moderate, "5a-005": crowd.Busy, "5a-006": crowd.Full}
	for _, b := range busyAreas {
		c := levels[b.id]
		if c.Level != want[b.id] || c.Percent != b.percent || !c.Live || !c.Known.Equal(at) {
			t.Errorf("%s: %+v, want %s at %d%%, live, known at %v", b.id, c, want[b.id], b.percent, at)
		}
	}
}

package screens

import (
	"jiangsupass/screens/widgets"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// openPlannerForm taps Change on a planner showing a plan, which opens
// the form folded above the results.
func openPlannerForm(t *testing.T, planner fyne.CanvasObject) {
	t.Helper()
	test.Tap(labelled(t, planner, "Change"))
}

// TestPlannerFoldsFormOverPlan: on a phone a plan's results come first:
// the form is folded into a line saying what was planned, and Change
// opens it with the places and the time, above the same results.
func TestPlannerFoldsFormOverPlan(t *testing.T) {
	env, nav := testEnv(t, "en")
	o := buildPlanner(env, Route{Screen: PlannerID, Param: plannerSample})
	show(t, o)
	if !showsText(o, "Yuzui → Nanjing Railway Station, leaving 09:00") {
		t.Errorf("no line saying what was planned: %q", labelTexts(o))
	}
	if n := len(find[*widgets.Entry](o)); n != 0 {
		t.Errorf("the form is open over the plan (%d fields shown)", n)
	}
	openPlannerForm(t, o)
	entries := find[*widgets.Entry](o)
	if len(entries) != 1 || entries[0].Text != "09:00" {
		t.Fatalf("Change opens no form with the time (%d fields)", len(entries))
	}
	labelled(t, o, "Yuzui")
	labelled(t, o, "Nanjing Railway Station")
	if !showsText(o, "09:00  Yuzui") {
		t.Error("the results are gone once the form is open")
	}
	test.Tap(labelled(t, o, "Plan"))
	if r := nav.last(); r.Screen != PlannerID || r.Param != plannerSample {
		t.Errorf("Plan goes to %+v", r)
	}
}

// TestPlannerFormOpenWithoutPlan: with a place still to choose, the form
// is open.
func TestPlannerFormOpenWithoutPlan(t *testing.T) {
	env, _ := testEnv(t, "en")
	o := buildPlanner(env, Route{Screen: PlannerID, Param: "to=attraction:5a-002"})
	show(t, o)
	if len(find[*widgets.Entry](o)) != 1 {
		t.Error("the form is not open with no start chosen")
	}
}

package screens

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"jiangsupass/clock"
	"jiangsupass/offline"
	"jiangsupass/platform"
	"jiangsupass/screens/widgets"
)

// nextSlotsShown is how many of an attraction's coming slots its page
// lists with their tickets left.
const nextSlotsShown = 3

// areaCrowd is how busy a scenic area is and its next slots, as an
// attraction's page shows them.
type areaCrowd struct {
	level *offline.CrowdLevel   // nil: the platform has said none
	slots []platform.TicketSlot // the next ones not ended, at most nextSlotsShown
}

// loadAreaCrowd reads an area's last known level and its next slots.
func loadAreaCrowd(ctx context.Context, env *Env, id string) (areaCrowd, error) {
	var out areaCrowd
	c, err := env.Store.CrowdLevelOf(ctx, id)
	switch {
	case err == nil:
		out.level = &c
	case !errors.Is(err, offline.ErrNotFound):
		return out, err
	}
	now := env.Now()
	slots, err := env.Store.TicketSlots(ctx, id, clock.Date(now))
	if err != nil {
		return out, err
	}
	for _, s := range slots {
		if end, err := clock.At(s.Date, s.End); err == nil && end.After(now) {
			out.slots = append(out.slots, s)
		}
		if len(out.slots) == nextSlotsShown {
			break
		}
	}
	return out, nil
}

// crowdView is how busy an area is on its attraction's page: a summary
// under its name (its level in a word on its colour, with the share of
// its capacity and when that was known), and the details further down
// (what the figure rests on, and its next slots' tickets left). Both
// reload when a sync brings new data while the page is shown.
type crowdView struct {
	summary, details *fyne.Container
}

// newCrowdView makes the crowd view of area id from what was loaded.
func newCrowdView(env *Env, r Route, id string, first areaCrowd) crowdView {
	v := crowdView{summary: container.NewStack(), details: container.NewStack()}
	v.show(env, first)
	env.OnStoreChange(r, offline.ChangeData, func() {
		var ac areaCrowd
		var err error
		env.Load(func(ctx context.Context) { ac, err = loadAreaCrowd(ctx, env, id) }, func() {
			if err != nil {
				fyne.LogError("crowd of "+id, err)
				return
			}
			v.show(env, ac)
		})
	})
	return v
}

// show puts ac in the view.
func (v crowdView) show(env *Env, ac areaCrowd) {
	var details []fyne.CanvasObject
	if c := ac.level; c != nil {
		line := widgets.NewWrappedLabel(crowdLine(env, *c))
		v.summary.Objects = []fyne.CanvasObject{
			container.NewBorder(nil, nil, container.NewCenter(levelPill(env, c.Level, theme.TextSize())), nil, line)}
		for _, n := range crowdNotes(env, *c) {
			note := widgets.NewWrappedLabel(n)
			note.SizeName = theme.SizeNameCaptionText
			details = append(details, note)
		}
	} else {
		v.summary.Objects = []fyne.CanvasObject{widgets.NewWrappedLabel(env.T("CrowdUnknown"))}
	}
	details = append(details, widgets.NewWrappedLabel(env.T("NextSlotsTitle")))
	if len(ac.slots) == 0 {
		details = append(details, widgets.NewWrappedLabel(env.T("NextSlotsNone")))
	}
	for _, s := range ac.slots {
		details = append(details, widgets.NewWrappedLabel(slotLine(env, s)))
	}
	v.details.Objects = []fyne.CanvasObject{widgets.NewSection(env.T("CrowdTitle"), details...)}
	v.summary.Refresh()
	v.details.Refresh()
}

// slotLine is a slot with its tickets left: "Today (Thu) 09:00–10:00: 120
// left", sold out, or paused by the area's staff.
func slotLine(env *Env, s platform.TicketSlot) string {
	data := map[string]any{"Day": dayLabel(env, s.Date), "Start": s.Start, "End": s.End, "Left": s.Remaining}
	switch {
	case s.Paused:
		return env.L.Tf("NextSlotPaused", data)
	case s.Remaining <= 0:
		return env.L.Tf("NextSlotSoldOut", data)
	}
	return env.L.Tf("NextSlotLeft", data)
}

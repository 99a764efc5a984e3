package screens

import (
	"context"
	"errors"
	"net/http"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"jiangsupass/clock"
	"jiangsupass/crowd"
	"jiangsupass/platform"
	"jiangsupass/screens/widgets"
)

// staffWait bounds each call of the staff view to the platform.
const staffWait = 15 * time.Second

// StaffPlatform is what the staff view asks the platform, with the area
// token of the gate (platform.Client does it).
type StaffPlatform interface {
	AreaDashboard(ctx context.Context, attractionID string) (platform.AreaDashboard, error)
	PauseSlot(ctx context.Context, attractionID, slotID string) (platform.SlotBookings, error)
	ResumeSlot(ctx context.Context, attractionID, slotID string) (platform.SlotBookings, error)
}

var _ StaffPlatform = (*platform.Client)(nil)

// staffView is the area's staff view (一键管行业) on a gate, behind the
// staff PIN: the number in the area now, today's entries by hour, the
// bookings of each slot with pause and reopen, and the tickets admitted
// twice. It is live: it reads the platform, never the replica.
type staffView struct {
	env     *Env
	gate    *Gate
	api     StaffPlatform
	onClose func()
	body    *fyne.Container
	status  *widgets.WrappedLabel // what became of the last pause or reopen
}

// NewStaffView makes the staff view of env's gate, reading and changing
// the area through api (nil: the app syncs from no platform, which the
// view says); onClose is its Close button.
func NewStaffView(env *Env, api StaffPlatform, onClose func()) fyne.CanvasObject {
	v := &staffView{env: env, gate: env.Gate, api: api, onClose: onClose,
		body: container.NewStack(widgets.NewLoading(env.T("Loading"))), status: widgets.NewWrappedLabel("")}
	v.status.Hide()
	v.load()
	refresh := widget.NewButtonWithIcon(env.T("StaffRefresh"), theme.ViewRefreshIcon(), v.load)
	closeBtn := widget.NewButtonWithIcon(env.T("StaffClose"), theme.CancelIcon(), onClose)
	title := widgets.NewWrappedLabelWithStyle(env.T("StaffTitle"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	bar := container.NewGridWithColumns(2, refresh, closeBtn)
	return container.NewBorder(container.NewVBox(title, bar, v.status), nil, nil, nil, container.NewVScroll(v.body))
}

// load reads the dashboard and shows it, or why it cannot.
func (v *staffView) load() {
	if v.gate == nil || v.api == nil {
		v.setBody(widgets.NewMessage(theme.WarningIcon(), v.env.T("StaffUnavailableTitle"), v.env.T("StaffNoPlatform"), "", nil))
		return
	}
	var d platform.AreaDashboard
	var name string
	var err error
	v.env.Load(func(ctx context.Context) {
		name = areaName(ctx, v.env, v.gate.AttractionID)
		ctx, cancel := context.WithTimeout(ctx, staffWait)
		defer cancel()
		d, err = v.api.AreaDashboard(ctx, v.gate.AttractionID)
	}, func() {
		if err != nil {
			fyne.LogError("staff view", err)
			v.setBody(widgets.NewMessage(theme.WarningIcon(), v.env.T("StaffUnavailableTitle"), staffError(v.env, err),
				v.env.T("Retry"), v.load))
			return
		}
		v.setBody(v.dashboard(name, d))
	})
}

func (v *staffView) setBody(o fyne.CanvasObject) {
	stopLoading(v.body)
	v.body.Objects = []fyne.CanvasObject{o}
	v.body.Refresh()
}

// dashboard lays out what the platform said of the area.
func (v *staffView) dashboard(name string, d platform.AreaDashboard) fyne.CanvasObject {
	env, c := v.env, d.Crowd
	asOf, _ := time.Parse(time.RFC3339, d.AsOf)
	head := widgets.NewWrappedLabelWithStyle(env.L.Tf("StaffArea", map[string]any{"Area": name, "Time": asOfTime(env, asOf)}),
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	count := widgets.NewWrappedLabel(env.L.Tf("StaffInPark", map[string]any{"InPark": groupDigits(c.InPark),
		"Capacity": groupDigits(c.Capacity.Instant), "Percent": c.Percent, "Entries": groupDigits(c.EntriesToday)}))
	live := []fyne.CanvasObject{head,
		container.NewBorder(nil, nil, container.NewCenter(levelPill(env, crowd.Level(c.Level), theme.TextSize())), nil, count)}
	if c.Estimated {
		live = append(live, widgets.NewWrappedLabel(env.L.Tf("CrowdEstimated", map[string]any{"Minutes": c.DwellMinutes})))
	}
	if c.Capacity.Generated {
		note := widgets.NewWrappedLabel(env.T("StaffCapacityGenerated"))
		note.SizeName = theme.SizeNameCaptionText
		live = append(live, note)
	}
	chart := newHourChart(d.EntriesByHour, env.L.Tf("StaffByHourLabel", map[string]any{"Entries": groupDigits(c.EntriesToday)}))
	sections := []fyne.CanvasObject{
		container.NewVBox(live...),
		widgets.NewSection(env.T("StaffByHour"), chart, widgets.NewWrappedLabel(env.T("BeijingTime"))),
		widgets.NewSection(env.T("StaffSlots"), v.slotRows(d.Slots)...),
	}
	if len(d.Flagged) > 0 {
		var rows []fyne.CanvasObject
		for _, f := range d.Flagged {
			first, _ := time.Parse(time.RFC3339, f.FirstAt)
			again, _ := time.Parse(time.RFC3339, f.At)
			rows = append(rows, widgets.NewWrappedLabel(env.L.Tf("StaffFlaggedRow", map[string]any{"Ticket": f.TicketID,
				"FirstGate": f.FirstGate, "FirstTime": asOfTime(env, first), "Gate": f.Gate, "Time": asOfTime(env, again)})))
		}
		sections = append(sections, widgets.NewSection(env.L.N("StaffFlagged", len(d.Flagged), nil), rows...))
	}
	return container.NewPadded(container.NewVBox(sections...))
}

// slotRows are the slots' bookings, each coming one with its pause or
// reopen button.
func (v *staffView) slotRows(slots []platform.SlotBookings) []fyne.CanvasObject {
	env := v.env
	if len(slots) == 0 {
		return []fyne.CanvasObject{widgets.NewWrappedLabel(env.T("StaffNoSlots"))}
	}
	rows := make([]fyne.CanvasObject, 0, len(slots))
	for _, s := range slots {
		rows = append(rows, v.slotRow(s))
	}
	return rows
}

// slotRow is one slot: its bookings, and for a slot not yet ended, the
// button that pauses or reopens its sales.
func (v *staffView) slotRow(s platform.SlotBookings) fyne.CanvasObject {
	env := v.env
	id := "StaffSlotRow"
	if s.Paused {
		id = "StaffSlotRowPaused"
	}
	text := widgets.NewWrappedLabel(env.L.Tf(id, map[string]any{"Day": dayLabel(env, s.Date), "Start": s.Start, "End": s.End,
		"Booked": s.Booked, "Quota": s.Quota, "Left": s.Remaining}))
	end, err := clock.At(s.Date, s.End)
	if err != nil || !end.After(env.Now()) {
		return text
	}
	holder := container.NewStack()
	var act *widget.Button
	if s.Paused {
		act = widget.NewButtonWithIcon(env.T("StaffResume"), theme.MediaPlayIcon(), func() { v.setSales(s, false, holder) })
		act.Importance = widget.HighImportance
	} else {
		act = widget.NewButtonWithIcon(env.T("StaffPause"), theme.MediaPauseIcon(), func() { v.setSales(s, true, holder) })
	}
	holder.Objects = []fyne.CanvasObject{container.NewBorder(nil, nil, nil, act, text)}
	if env.Phone || env.Elder {
		holder.Objects = []fyne.CanvasObject{container.NewVBox(text, act)}
	}
	return holder
}

// setSales pauses or reopens a slot's sales at the platform, which
// applies it to the quota at once, and shows the slot as it now stands,
// or why the platform refused.
func (v *staffView) setSales(s platform.SlotBookings, pause bool, row *fyne.Container) {
	var got platform.SlotBookings
	var err error
	v.env.Load(func(ctx context.Context) {
		ctx, cancel := context.WithTimeout(ctx, staffWait)
		defer cancel()
		if pause {
			got, err = v.api.PauseSlot(ctx, v.gate.AttractionID, s.SlotID)
		} else {
			got, err = v.api.ResumeSlot(ctx, v.gate.AttractionID, s.SlotID)
		}
	}, func() {
		data := map[string]any{"Day": dayLabel(v.env, s.Date), "Start": s.Start, "End": s.End}
		if err != nil {
			fyne.LogError("staff: pause or reopen a slot", err)
			data["Why"] = staffError(v.env, err)
			v.say(v.env.L.Tf("StaffSalesRefused", data))
			return
		}
		id := "StaffSalesReopened"
		if got.Paused {
			id = "StaffSalesPaused"
		}
		v.say(v.env.L.Tf(id, data))
		row.Objects = []fyne.CanvasObject{v.slotRow(got)}
		row.Refresh()
		if v.env.Sync != nil {
			v.env.Sync.SyncNow() // the replica's slot follows
		}
	})
}

// say shows what became of the last action above the view.
func (v *staffView) say(text string) {
	v.status.SetText(text)
	v.status.Show()
}

// staffError is a refusal or failure of the platform in words the staff
// can act on.
func staffError(env *Env, err error) string {
	var pe *platform.Error
	switch {
	case errors.Is(err, platform.ErrNoAreaToken):
		return env.T("StaffNoToken")
	case errors.As(err, &pe):
		switch pe.Status {
		case http.StatusUnauthorized:
			return env.T("StaffUnauthorized")
		case http.StatusForbidden:
			return env.T("StaffForbidden")
		case http.StatusNotFound:
			return env.T("StaffNotFound")
		case http.StatusTooManyRequests:
			return env.T("StaffRateLimited")
		}
		return env.L.Tf("StaffRefused", map[string]any{"Message": pe.Message})
	}
	return env.T("StaffOffline")
}

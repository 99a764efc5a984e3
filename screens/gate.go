package screens

import (
	"context"
	"errors"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"jiangsupass/codes"
	"jiangsupass/offline"
	"jiangsupass/platform"
	"jiangsupass/screens/widgets"
)

// Gate is where the app stands as a gate of a scenic area (a gate kiosk):
// Verify admits there the valid e-tickets of its area, each recorded once
// through the outbox, and refuses a ticket the gate has let in before.
type Gate struct {
	offline.GatePost
	// Exits shows the exit button: the gate counts visitors out.
	Exits bool
}

// gateView is what Verify adds at a gate: the gate's day and its area's
// level above the scanner, and the admission of each valid ticket.
type gateView struct {
	env   *Env
	gate  *Gate
	route Route                     // Verify's, while the panel follows the store
	show  func(o fyne.CanvasObject) // shows a verdict in Verify's result area
	panel *fyne.Container
}

// newGateView makes the gate's part of Verify; show puts a verdict in the
// screen's result area.
func newGateView(env *Env, show func(fyne.CanvasObject)) *gateView {
	g := &gateView{env: env, gate: env.Gate, show: show, panel: container.NewStack()}
	g.route, _ = env.shownRoute()
	return g
}

// content is the gate's panel, kept current as records are made and sent.
func (g *gateView) content() fyne.CanvasObject {
	g.reload()
	g.env.OnStoreChange(g.route, offline.ChangeRequests|offline.ChangeData, g.reload)
	return g.panel
}

// gateState is what the panel shows.
type gateState struct {
	area  string // the area's name
	day   offline.GateDay
	level *offline.CrowdLevel
}

// reload reads the gate's day and its area's level and shows them.
func (g *gateView) reload() {
	var st gateState
	var err error
	g.env.Load(func(ctx context.Context) { st, err = g.load(ctx) }, func() {
		if err != nil {
			fyne.LogError("gate", err)
			g.panel.Objects = []fyne.CanvasObject{widgets.NewWrappedLabel(g.env.T("GateReadError"))}
		} else {
			g.panel.Objects = []fyne.CanvasObject{g.panelOf(st)}
		}
		g.panel.Refresh()
	})
}

func (g *gateView) load(ctx context.Context) (gateState, error) {
	st := gateState{area: areaName(ctx, g.env, g.gate.AttractionID)}
	var err error
	if st.day, err = g.env.Store.GateToday(ctx, g.gate.GatePost); err != nil {
		return st, err
	}
	c, err := g.env.Store.CrowdLevelOf(ctx, g.gate.AttractionID)
	switch {
	case err == nil:
		st.level = &c
	case !errors.Is(err, offline.ErrNotFound):
		return st, err
	}
	return st, nil
}

// areaName is an attraction's name in the user's language, or its ID when
// the store does not have it.
func areaName(ctx context.Context, env *Env, id string) string {
	a, err := env.Store.Attraction(ctx, id)
	if err != nil {
		return id
	}
	return a.Name.In(env.L.Lang())
}

// panelOf lays out the gate's panel: where it is, what it did today, what
// waits to be sent, the area's level and the exit button.
func (g *gateView) panelOf(st gateState) fyne.CanvasObject {
	env, d := g.env, st.day
	title := widgets.NewWrappedLabelWithStyle(env.L.Tf("GateTitle", map[string]any{"Gate": g.gate.Gate, "Area": st.area}),
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	rows := []fyne.CanvasObject{title,
		widgets.NewWrappedLabel(env.L.Tf("GateToday", map[string]any{"Visitors": d.Admitted, "Tickets": d.Admissions, "Exits": d.Exits}))}
	if d.Waiting > 0 {
		rows = append(rows, widgets.NewWrappedLabel(env.L.N("GateWaiting", d.Waiting, nil)))
	}
	if d.Refused > 0 {
		rows = append(rows, widgets.NewBanner(theme.WarningIcon(), widgets.NewWrappedLabel(
			env.L.Tf("GateRefused", map[string]any{"Count": d.Refused, "Code": d.RefusedCode}))))
	}
	if d.Flagged > 0 {
		rows = append(rows, widgets.NewWrappedLabel(env.L.N("GateFlagged", d.Flagged, nil)))
	}
	if c := st.level; c != nil {
		line := widgets.NewWrappedLabel(crowdLine(env, *c))
		rows = append(rows, container.NewBorder(nil, nil, container.NewCenter(levelPill(env, c.Level, theme.TextSize())), nil, line))
		if c.Estimated {
			rows = append(rows, widgets.NewWrappedLabel(env.L.Tf("CrowdEstimated", map[string]any{"Minutes": c.DwellMinutes})))
		}
	}
	if g.gate.Exits {
		exit := widget.NewButtonWithIcon(env.T("GateExit"), theme.LogoutIcon(), g.exit)
		rows = append(rows, exit)
	}
	return widgets.NewBanner(theme.InfoIcon(), container.NewVBox(rows...))
}

// exit counts one visitor out.
func (g *gateView) exit() {
	var err error
	g.env.Load(func(ctx context.Context) { err = g.env.Store.RecordExit(ctx, g.gate.GatePost, 1) }, func() {
		if err != nil {
			fyne.LogError("gate exit", err)
			g.show(widgets.NewWrappedLabel(g.env.T("GateSaveError")))
		}
		g.reload()
	})
}

// admit lets in the holders of a valid e-ticket of the gate's area: the
// admission is recorded (and sent when the platform can be reached), or
// refused with the reason: a ticket of another area, one that does not
// say how many it admits, or one this gate has let in before.
func (g *gateView) admit(res *codes.Result) {
	env, c := g.env, res.Credential
	if c.Extra["attraction"] != g.gate.AttractionID {
		var other string
		env.Load(func(ctx context.Context) { other = areaName(ctx, env, c.Extra["attraction"]) }, func() {
			g.show(doNotAdmit(env, env.L.Tf("GateOtherArea", map[string]any{"Area": other}), res))
		})
		return
	}
	n, err := strconv.Atoi(c.Extra["count"])
	if err != nil || n < 1 || n > platform.MaxGateVisitors || c.Ref == "" {
		g.show(doNotAdmit(env, env.T("GateBadTicket"), res))
		return
	}
	var a offline.Admission
	env.Load(func(ctx context.Context) { a, err = env.Store.Admit(ctx, g.gate.GatePost, c.Ref, n) }, func() {
		var again *offline.AlreadyAdmittedError
		switch {
		case errors.As(err, &again):
			g.show(doNotAdmit(env, env.L.Tf("GateAlreadyAdmitted", map[string]any{"Gate": again.First.Gate,
				"Time": asOfTime(env, again.First.At)}), res))
		case err != nil:
			fyne.LogError("gate admission", err)
			g.show(doNotAdmit(env, env.T("GateSaveError"), res))
		default:
			g.show(admitted(env, a, res))
		}
		g.reload()
	})
}

// admitted is the verdict of a ticket let in: how many may pass, with the
// ticket's holder, date and slot.
func admitted(env *Env, a offline.Admission, res *codes.Result) fyne.CanvasObject {
	return container.NewVBox(
		bigBadge(theme.ConfirmIcon(), env.L.N("GateAdmitted", a.Visitors, nil), theme.ColorNameSuccess),
		ticketFacts(env, res))
}

// doNotAdmit is the verdict of a valid ticket the gate must not let in,
// with why.
func doNotAdmit(env *Env, why string, res *codes.Result) fyne.CanvasObject {
	return container.NewVBox(
		bigBadge(theme.ErrorIcon(), env.T("GateDoNotAdmit"), theme.ColorNameError),
		widgets.NewWrappedLabel(why), ticketFacts(env, res))
}

// ticketFacts are a verified ticket's holder, number, date, slot and count.
func ticketFacts(env *Env, res *codes.Result) fyne.CanvasObject {
	c := res.Credential
	rows := []fyne.CanvasObject{widgets.NewInfoRow(env.T("VerifyHolder"), c.Holder)}
	if c.Ref != "" {
		rows = append(rows, widgets.NewInfoRow(env.T("GateOrder"), c.Ref))
	}
	rows = append(rows, ticketVerdictRows(env, c)...)
	return container.New(&pairsWhenRoomLayout{least: verdictRowLeast}, rows...)
}

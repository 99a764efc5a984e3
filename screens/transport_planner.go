package screens

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"jiangsupass/offline"
	"jiangsupass/screens/widgets"
	"jiangsupass/transit"
)

// PlannerID is the journey planner: from, to and departure time, and the
// options found, each as its legs with a way to see it on the map.
//
// Param is "from=<place>&to=<place>&at=HH:MM", each part optional, where a
// place is written as transport_routes.go describes ("station:nj-12",
// "attraction:5a-001", "hub:南京南", "point:lon,lat"). Another screen
// offers "get there" by going to
//
//	PlannerRoute(Place{}, AttractionPlace(attractionID))
//
// which opens the planner with the attraction as the destination and the
// user choosing where from.
const PlannerID ID = "transport-planner"

// plannerMaxTransfers is K, the most changes a planned journey may have.
const plannerMaxTransfers = 4

func init() {
	Register(Screen{ID: PlannerID, Tab: TabTransport, Title: "PlannerTitle", Icon: theme.IconNameNavigateNext,
		Build: buildPlanner, Samples: func(*Env) []Route {
			return []Route{{Screen: PlannerID, Param: plannerSample},
				{Screen: PlannerID, Param: plannerParetoSample},
				{Screen: PlannerID, Param: "from=station:nj-20&to=attraction:5a-002&at=09:00"}}
		}})
}

// plannerSample is a journey with a change: from 鱼嘴 on line 2 to 南京站 on
// line 1, changing at 新街口.
const plannerSample = "from=station:nj-32&to=station:nj-7&at=09:00"

// plannerParetoSample has two options: one change, or two changes and
// four minutes sooner (八卦洲大桥南 to a station on line 2 in the east).
const plannerParetoSample = "from=station:nj-0&to=station:nj-65&at=09:00"

// plannedJourney is what the planner and the route map load: the places,
// and the plan or why there is none.
type plannedJourney struct {
	d        *transportData
	p        plannerParams
	from, to resolvedPlace
	at       transit.Clock
	plan     transit.Plan
	err      error // reading the data failed
	fromErr  error
	toErr    error
	planErr  error
}

// loadJourney resolves the planner's places and plans between them.
func loadJourney(ctx context.Context, env *Env, p plannerParams) *plannedJourney {
	j := &plannedJourney{p: p}
	if j.d, j.err = loadTransport(ctx, env); j.err != nil {
		return j
	}
	j.at = clockOf(env)
	if c, err := transit.ParseClock(p.at); err == nil {
		j.at = c
	}
	if !p.from.IsZero() {
		j.from, j.fromErr = resolvePlace(ctx, env, j.d, p.from)
	}
	if !p.to.IsZero() {
		j.to, j.toErr = resolvePlace(ctx, env, j.d, p.to)
	}
	if !p.from.IsZero() && !p.to.IsZero() && j.fromErr == nil && j.toErr == nil {
		j.plan, j.planErr = j.d.net.Plan(transit.Query{From: j.from.place, To: j.to.place,
			Depart: j.at, MaxTransfers: plannerMaxTransfers})
	}
	return j
}

func buildPlanner(env *Env, r Route) fyne.CanvasObject {
	content := container.NewStack(widgets.NewLoading(env.T("PlannerPlanning")))
	p := parsePlanner(r.Param)
	var j *plannedJourney
	env.Load(func(ctx context.Context) { j = loadJourney(ctx, env, p) }, func() {
		if j.err != nil {
			content.Objects = []fyne.CanvasObject{transportError(env, r)}
		} else {
			content.Objects = []fyne.CanvasObject{plannerView(env, j)}
		}
		content.Refresh()
	})
	return content
}

func plannerView(env *Env, j *plannedJourney) fyne.CanvasObject {
	var top fyne.CanvasObject = container.NewVBox(plannerForm(env, j), widget.NewSeparator())
	if planned(j) && (env.Phone || env.Elder) {
		// The results come first where room is short: the form folds
		// into a line saying what was planned, which opens it again.
		form := top
		holder := container.NewVBox()
		holder.Add(plannedLine(env, j, func() {
			holder.Objects = []fyne.CanvasObject{form}
			holder.Refresh()
		}))
		top = holder
	}
	box := container.NewVBox(top, plannerResults(env, j))
	return container.NewVScroll(container.NewPadded(box))
}

// planned reports whether j holds a plan between two places found.
func planned(j *plannedJourney) bool {
	return !j.p.from.IsZero() && !j.p.to.IsZero() && j.fromErr == nil && j.toErr == nil && j.planErr == nil
}

// plannedLine says what was planned, from where to where and when, with
// a button that opens the form to change it.
func plannedLine(env *Env, j *plannedJourney, change func()) fyne.CanvasObject {
	text := widgets.NewWrappedLabel(env.L.Tf("PlannerPlanned", map[string]any{
		"From": j.from.name, "To": j.to.name, "Time": j.at.Minutes()}))
	text.SizeName = theme.SizeNameCaptionText
	b := widget.NewButton(env.T("PlannerChange"), change)
	return container.NewBorder(nil, nil, nil, container.NewCenter(b), text)
}

// plannerForm holds the from and to buttons, which open the place picker,
// a swap button, and the departure time.
func plannerForm(env *Env, j *plannedJourney) fyne.CanvasObject {
	p := j.p
	pick := func(field string) func() {
		return func() { env.Nav.Go(p.pick(field)) }
	}
	placeButton := func(ref Place, place resolvedPlace, field, empty string) *widgets.WrapButton {
		text := env.T(empty)
		if !ref.IsZero() {
			text = place.name
			if text == "" {
				text = ref.String()
			}
		}
		// A long name wraps on a phone, rather than losing its end: an
		// older reader sees the whole name of the place chosen.
		b := widgets.NewWrapButtonWithIcon(shorten(text, 64), theme.SearchIcon(), pick(field))
		b.Alignment = widget.ButtonAlignLeading
		return b
	}
	from := placeButton(p.from, j.from, "from", "PlannerChooseFrom")
	to := placeButton(p.to, j.to, "to", "PlannerChooseTo")
	swap := widget.NewButtonWithIcon(env.T("PlannerSwap"), theme.ViewRefreshIcon(), func() {
		env.Nav.Go(plannerParams{from: p.to, to: p.from, at: p.at}.route())
	})
	at := widgets.NewEntry()
	at.SetText(j.at.Minutes())
	at.SetPlaceHolder("HH:MM")
	bad := widgets.NewWrappedLabel("")
	bad.Hide()
	plan := widget.NewButtonWithIcon(env.T("PlannerPlan"), theme.NavigateNextIcon(), nil)
	plan.Importance = widget.HighImportance
	plan.OnTapped = func() {
		c, err := transit.ParseClock(at.Text)
		if err != nil || c >= transit.HMS(24, 0, 0) {
			bad.SetText(env.T("PlannerBadTime"))
			bad.Show()
			return
		}
		env.Nav.Go(plannerParams{from: p.from, to: p.to, at: c.Minutes()}.route())
	}
	at.OnSubmitted = func(string) { plan.OnTapped() }
	label := func(id string) fyne.CanvasObject {
		l := widget.NewLabelWithStyle(env.T(id), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		return l
	}
	form := container.NewVBox(label("PlannerFrom"), from, label("PlannerTo"), to)
	var timeRow fyne.CanvasObject = container.NewBorder(nil, nil, label("PlannerDepart"), plan, at)
	if env.Phone && env.Elder {
		// Label, time and Plan side by side are wider than a 320-unit
		// phone at 长辈版's size, and Plan was cut: Plan goes below.
		timeRow = container.NewVBox(container.NewBorder(nil, nil, label("PlannerDepart"), nil, at), plan)
	}
	if env.Phone || env.Elder {
		form.Add(container.NewVBox(swap, timeRow))
	} else {
		form.Add(container.NewBorder(nil, nil, swap, nil, timeRow))
	}
	form.Add(bad)
	form.Add(beijingTimeNote(env))
	return form
}

// plannerResults shows the options, or says why there are none and what
// to do.
func plannerResults(env *Env, j *plannedJourney) fyne.CanvasObject {
	switch {
	case j.p.from.IsZero() || j.p.to.IsZero():
		return widgets.NewMessage(theme.NavigateNextIcon(), env.T("PlannerStartTitle"), env.T("PlannerStartBody"), "", nil)
	case j.fromErr != nil:
		return placeErrorMessage(env, j.fromErr, "from", j.p)
	case j.toErr != nil:
		return placeErrorMessage(env, j.toErr, "to", j.p)
	case errors.Is(j.planErr, transit.ErrNoStopNearby):
		return widgets.NewMessage(theme.InfoIcon(), env.T("PlannerNoStopTitle"), env.T("PlannerNoStopBody"), "", nil)
	case j.planErr != nil:
		return widgets.NewMessage(theme.ErrorIcon(), env.T("TransportErrorTitle"), env.T("TransportErrorBody"), "", nil)
	}
	// The notes on the timetable follow the options, which come first.
	notes := []fyne.CanvasObject{estimatedBanner(env)}
	if j.to.hub != nil || j.from.hub != nil {
		note := "PlannerIntercityNone"
		if j.d.imported > 0 {
			note = "PlannerIntercityImported"
		}
		notes = append(notes, widgets.NewBanner(theme.InfoIcon(), widgets.NewWrappedLabel(env.T(note))))
	}
	box := container.NewVBox()
	if len(j.plan.Options) == 0 {
		box.Add(widgets.NewMessage(theme.InfoIcon(), env.T("PlannerNoneTitle"),
			env.L.Tf("PlannerNoneBody", map[string]any{"Time": j.at.Minutes(), "Changes": plannerMaxTransfers}), "", nil))
	}
	n := len(j.plan.Options)
	for i := n - 1; i >= 0; i-- {
		opt := j.plan.Options[i]
		tag := ""
		if n > 1 && i == n-1 {
			tag = env.T("PlannerFastest")
		} else if n > 1 && i == 0 {
			tag = env.T("PlannerFewestChanges")
		}
		box.Add(optionCard(env, j, i, opt, tag))
	}
	for _, n := range notes {
		box.Add(n)
	}
	return box
}

// optionCard is one option: its summary, its legs, and the way to the map.
func optionCard(env *Env, j *plannedJourney, i int, opt transit.Journey, tag string) fyne.CanvasObject {
	title := widgets.NewWrappedLabelWithStyle(journeySummary(env, opt), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	head := container.NewVBox(title)
	if tag != "" {
		head.Add(legText(tag, true))
	}
	show := widget.NewButtonWithIcon(env.T("PlannerShowOnMap"), theme.VisibilityIcon(), func() {
		env.Nav.Go(j.p.onMap(i))
	})
	legs := legRows(env, j.d, opt, j.from.name, j.to.name, false)
	if env.Elder && env.Phone {
		return widget.NewCard("", "", container.NewVBox(widgets.NewTightVBox(head, legs), show))
	}
	return widget.NewCard("", "", container.NewVBox(head, legs, show))
}

// placeErrorMessage says what is wrong with a place and offers to choose
// another.
func placeErrorMessage(env *Env, err error, field string, p plannerParams) fyne.CanvasObject {
	body := "PlannerPlaceMissing"
	if errors.Is(err, errNoLocation) {
		body = "PlannerPlaceNoLocation"
	} else if !errors.Is(err, offline.ErrNotFound) && !errors.Is(err, errBadPlace) {
		body = "TransportErrorBody"
	}
	return widgets.NewMessage(theme.WarningIcon(), env.T("PlannerPlaceTitle"), env.T(body), env.T("PlannerChooseAgain"),
		func() { env.Nav.Go(p.pick(field)) })
}

// shorten cuts s to about width columns (a CJK character counts two),
// ending it with "…", so that a long place name fits on its button.
func shorten(s string, width int) string {
	cols := 0
	for i, r := range s {
		w := 1
		if r >= 0x2E80 {
			w = 2
		}
		if cols+w > width {
			return s[:i] + "…"
		}
		cols += w
	}
	return s
}

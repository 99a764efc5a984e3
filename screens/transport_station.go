package screens

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"jiangsupass/clock"
	"jiangsupass/screens/widgets"
	"jiangsupass/transit"
)

// StationID is a metro station: its lines, the railway station or airport
// it serves, its next departures by line and direction (estimated), and
// the way to plan a journey from or to it. Param is the station's ID.
const StationID ID = "transport-station"

func init() {
	Register(Screen{ID: StationID, Tab: TabTransport, Title: "StationTitle", Icon: theme.IconNameHistory,
		Build: buildStation, Samples: func(*Env) []Route { return []Route{{Screen: StationID, Param: "nj-12"}} }})
}

func buildStation(env *Env, r Route) fyne.CanvasObject {
	return withTransport(env, r, func(d *transportData) fyne.CanvasObject { return stationView(env, d, r) })
}

func stationView(env *Env, d *transportData, r Route) fyne.CanvasObject {
	s, ok := d.stations[r.Param]
	if !ok {
		return widgets.NewMessage(theme.QuestionIcon(), env.T("StationMissingTitle"), env.T("StationMissingBody"),
			env.T("TransportAllLines"), func() { env.Nav.Go(Route{Screen: TransportID}) })
	}
	title := stationName(env, s)
	name := widgets.NewWrappedLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	name.SizeName = theme.SizeNameSubHeadingText
	box := container.NewVBox(name)
	if !strings.Contains(title, s.Name) {
		// The name on the station's signs, to show or to match.
		box.Add(widgets.NewWrappedLabel(s.Name))
	}
	box.Add(widgets.NewInfoRow(env.T("TransportCity"), d.cities[s.CityCode]))
	box.Add(widgets.NewInfoRow(env.T("StationLines"), lineLabels(env, s.Lines)))
	for _, h := range d.hubs {
		if h.StationID == s.ID {
			box.Add(widgets.NewWrappedLabel(env.L.Tf("StationServesHub", map[string]any{"Hub": hubName(env, h)})))
		}
	}
	here := StationPlace(s.ID)
	from := widget.NewButtonWithIcon(env.T("StationPlanFrom"), theme.NavigateNextIcon(), func() {
		env.Nav.Go(PlannerRoute(here, Place{}))
	})
	to := widget.NewButtonWithIcon(env.T("StationPlanTo"), theme.NavigateBackIcon(), func() {
		env.Nav.Go(PlannerRoute(Place{}, here))
	})
	to.Importance = widget.HighImportance
	if env.Phone || env.Elder {
		box.Add(container.NewVBox(to, from))
	} else {
		box.Add(container.NewHBox(to, from))
	}
	box.Add(widget.NewSeparator())
	now := clockOf(env)
	rows := []fyne.CanvasObject{estimatedBanner(env), beijingTimeNote(env)}
	deps := d.net.NextDepartures(s.ID, now, 4)
	if len(deps) == 0 {
		rows = append(rows, widgets.NewWrappedLabel(env.T("StationNoDepartures")))
	}
	for _, dep := range deps {
		title := widgets.NewWrappedLabelWithStyle(env.L.Tf("TransportRideLeg", map[string]any{
			"Line": d.routeName(env, dep.Route), "Towards": d.towards(env, dep.Terminus, dep.Headsign)}), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		times := make([]string, len(dep.Times))
		for i, t := range dep.Times {
			times[i] = t.Minutes()
		}
		rows = append(rows, container.NewBorder(nil, nil, colorBar(lineColor(d, dep.Route)), nil,
			container.NewVBox(title, legText(strings.Join(times, "   "), false))))
	}
	box.Add(widgets.NewSection(env.L.Tf("StationDepartures", map[string]any{"Time": now.Minutes()}), rows...))
	return container.NewVScroll(container.NewPadded(box))
}

// clockOf is the time of day in China of the env's clock, to the minute:
// timetables run on Beijing time whatever zone the device is in.
func clockOf(env *Env) transit.Clock {
	return transit.Clock(clock.SecondsOfDay(env.Now()) / 60 * 60)
}

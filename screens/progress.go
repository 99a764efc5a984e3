package screens

import (
	"context"
	"errors"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"jiangsupass/platform"
	"jiangsupass/screens/widgets"
)

// ProgressID is the resident's applications and how far each has gone
// (办件进度), fetched from the platform, with each step's time.
const ProgressID ID = "progress"

func init() {
	Register(Screen{ID: ProgressID, Tab: TabServices, Title: "ProgressTitle", Icon: theme.IconNameHistory,
		Tile: "ProgressTile", Build: buildProgress})
}

// residentClient is the client of the running sync engine, or nil when the
// app syncs from nowhere.
func residentClient(env *Env) *platform.Client {
	if src, ok := env.Sync.(interface{ Client() *platform.Client }); ok {
		return src.Client()
	}
	return nil
}

func buildProgress(env *Env, r Route) fyne.CanvasObject {
	client := residentClient(env)
	if client == nil {
		return widgets.NewMessage(theme.Icon(theme.IconNameWarning), env.T("ProgressOfflineTitle"),
			env.T("ProgressOfflineBody"), "", nil)
	}
	holder := container.NewStack(widgets.NewLoading(env.T("Loading")))
	var list platform.ApplicationList
	var err error
	env.Load(func(ctx context.Context) { list, err = client.Applications(ctx) }, func() {
		var pe *platform.Error
		switch {
		case errors.As(err, &pe) && pe.Status == 401:
			holder.Objects = []fyne.CanvasObject{widgets.NewMessage(theme.Icon(theme.IconNameLogin), env.T("ProgressSignInTitle"),
				env.T("AppointmentSignIn"), env.T("AppointmentSignInAction"), func() { env.Nav.Go(signInFrom(r)) })}
		case err != nil:
			holder.Objects = []fyne.CanvasObject{widgets.NewMessage(theme.Icon(theme.IconNameWarning), env.T("ProgressOfflineTitle"),
				env.T("ProgressErrorBody"), env.T("Retry"), func() { env.Nav.Go(r) })}
		case len(list.Applications) == 0:
			holder.Objects = []fyne.CanvasObject{widgets.NewMessage(theme.DocumentIcon(), env.T("ProgressNoneTitle"),
				env.T("ProgressNoneBody"), "", nil)}
		default:
			holder.Objects = []fyne.CanvasObject{progressView(env, list)}
		}
		holder.Refresh()
	})
	return holder
}

// stepMessages are the message ids of the steps' statuses.
var stepMessages = map[string]string{platform.StepDone: "StepDone", platform.StepCurrent: "StepCurrent", platform.StepWaiting: "StepWaiting"}

func progressView(env *Env, list platform.ApplicationList) fyne.CanvasObject {
	box := container.NewVBox()
	for _, a := range list.Applications {
		var rows []fyne.CanvasObject
		if a.Generated {
			rows = append(rows, widgets.NewWrappedLabel(env.T("ProgressGenerated")))
		}
		for _, st := range a.Steps {
			line := env.T(stepMessages[st.Status])
			if t, err := time.Parse(time.RFC3339, st.At); err == nil {
				line += " · " + stamp(t)
			}
			rows = append(rows, widgets.NewInfoRow(st.Name, line))
		}
		title := a.ItemName
		if a.Status == platform.ApplicationDone {
			title += " · " + env.T("ProgressDone")
		}
		box.Add(widgets.NewSection(title, rows...))
		box.Add(widget.NewSeparator())
	}
	return container.NewVScroll(container.NewPadded(box))
}

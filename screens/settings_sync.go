package screens

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"jiangsupass/offline"
	"jiangsupass/platform"
	"jiangsupass/screens/widgets"
)

// Syncer is the app's link to the platform, as Settings shows it.
type Syncer interface {
	// APIURL is the platform server the app syncs from; "" when none.
	APIURL() string
	// SetAPIURL saves the server (or "" for none) and restarts syncing.
	SetAPIURL(u string) error
	// SyncNow asks for a sync at once.
	SyncNow()
	// Progress is the progress of the sync in course.
	Progress() offline.Progress
	// Watch calls f on the UI goroutine whenever the progress or the
	// status changes, until stop is called.
	Watch(f func()) (stop func())
}

// syncSection shows where the data syncs from, how the last sync went, a
// progress bar while one runs, and "sync now".
func syncSection(env *Env) fyne.CanvasObject {
	sec := &syncView{env: env}
	return sec.build()
}

// syncView is the sync section of Settings.
type syncView struct {
	env    *Env
	server *widgets.Entry
	bar    *widget.ProgressBar
	busy   *widget.Label
	rows   *fyne.Container
	now    *widget.Button
	box    fyne.CanvasObject // the section, laid out again when the bar shows or hides
	// running is whether the status shown was read during a run.
	running bool
	// shown is whether a message stands in place of the status (until
	// the address is edited or the status is read again).
	shown bool
}

func (v *syncView) build() fyne.CanvasObject {
	env := v.env
	v.server = widgets.NewEntry()
	v.server.SetPlaceHolder("http://127.0.0.1:8787")
	if env.Sync != nil {
		v.server.SetText(env.Sync.APIURL())
	}
	v.server.OnChanged = func(string) {
		if v.shown { // the message was about the address being edited
			v.refresh()
		}
	}
	hint := widgets.NewWrappedLabel(env.T("SyncServerHint"))
	hint.SizeName = theme.SizeNameCaptionText
	save := widget.NewButton(env.T("SyncServerSave"), v.save)
	v.now = widget.NewButtonWithIcon(env.T("SyncNow"), theme.ViewRefreshIcon(), func() {
		if env.Sync != nil {
			env.Sync.SyncNow()
		}
	})
	v.now.Importance = widget.HighImportance
	v.bar = widget.NewProgressBar()
	v.busy = widget.NewLabel("")
	v.rows = container.NewVBox()
	if !v.canSync() {
		v.now.Disable()
	}
	v.refresh()
	if env.Sync != nil && env.Window != nil {
		v.watch()
	}
	if r, ok := env.shownRoute(); ok {
		// Requests made, answered or removed, and sign-ins, change the
		// outbox lines between runs of the sync.
		env.OnStoreChange(r, offline.ChangeRequests|offline.ChangePersonal, v.refresh)
	}
	serverRow := container.NewBorder(nil, nil, nil, save, v.server)
	if env.Elder || env.Phone {
		serverRow = container.NewVBox(v.server, save)
	}
	v.box = widgets.NewSection(env.T("SettingsSync"),
		v.rows, v.busy, v.bar, v.now,
		widget.NewLabel(env.T("SyncServer")), serverRow, hint)
	return v.box
}

// watch refreshes the section on every change of progress or status,
// until the section is no longer on screen (the shell rebuilt it).
func (v *syncView) watch() {
	var stop func()
	stop = v.env.Sync.Watch(func() {
		if fyne.CurrentApp().Driver().CanvasForObject(v.now) == nil {
			stop()
			return
		}
		v.refresh()
	})
}

// canSync says whether there is a server the app syncs from.
func (v *syncView) canSync() bool {
	return v.env.Sync != nil && v.env.Sync.APIURL() != "" && serverProblem(v.env.Sync.APIURL()) == ""
}

func (v *syncView) show(msg string) {
	v.rows.Objects = []fyne.CanvasObject{widgets.NewWrappedLabel(msg)}
	v.rows.Refresh()
	v.shown = true
}

// refresh reads the status off the UI thread and shows it with the
// progress.
func (v *syncView) refresh() {
	env := v.env
	p := offline.Progress{}
	if env.Sync != nil {
		p = env.Sync.Progress()
	}
	if p.Running != v.bar.Visible() && v.box != nil {
		defer v.box.Refresh()
	}
	if p.Running {
		v.bar.Show()
		v.bar.SetValue(p.Fraction())
		if p.Total > 0 {
			v.busy.SetText(env.L.Tf("SyncRunning", map[string]any{"Done": p.Done, "Total": p.Total}))
		} else {
			v.busy.SetText(env.T("SyncStarting"))
		}
		v.busy.Show()
		v.now.Disable()
	} else {
		v.bar.Hide()
		v.busy.Hide()
		if v.canSync() {
			v.now.Enable()
		}
	}
	if p.Running && v.running {
		return // the status changes when the run ends
	}
	v.running = p.Running
	var st offline.SyncStatus
	var waiting []offline.ServerRequests
	var err error
	env.Load(func(ctx context.Context) {
		if st, err = env.Store.SyncStatus(ctx); err == nil {
			waiting, err = env.Store.WaitingElsewhere(ctx)
		}
	}, func() {
		if err != nil {
			v.show(env.T("StoreReadError"))
			return
		}
		v.rows.Objects = append(v.statusRows(st), v.waitingRows(waiting)...)
		v.rows.Refresh()
		v.shown = false
	})
}

// statusRows are the last sync, its problem in words, and the outbox.
func (v *syncView) statusRows(st offline.SyncStatus) []fyne.CanvasObject {
	env := v.env
	var rows []fyne.CanvasObject
	if env.Sync == nil || env.Sync.APIURL() == "" {
		rows = append(rows, widgets.NewWrappedLabel(env.T("SyncNoServer")))
	} else if msg := serverProblem(env.Sync.APIURL()); msg != "" {
		// Given by --api: the app does not sync from it.
		rows = append(rows, widgets.NewWrappedLabel(env.T(msg)))
	}
	rows = append(rows, widgets.NewInfoRow(env.T("SyncLast"), formatTime(env, st.LastSuccess)))
	if msg := problemMessage(st.Problem); msg != "" && !v.running {
		rows = append(rows, widgets.NewWrappedLabel(env.T(msg)))
	}
	rows = append(rows, widgets.NewInfoRow(env.T("SyncPending"), fmt.Sprint(st.Pending)))
	if st.Failed > 0 {
		rows = append(rows, widgets.NewWrappedLabel(env.L.Tf("SyncFailed", map[string]any{"Count": st.Failed})),
			widgets.NewWrappedLabel(refusalMessage(env, st.FailedCode, st.FailedMessage)))
		rows = append(rows, widget.NewButton(env.T("SyncDismiss"), func() {
			env.Load(func(ctx context.Context) { _ = env.Store.DismissFailed(ctx) }, v.refresh)
		}))
	}
	return rows
}

// problemMessage is the message id that explains a sync problem and what
// to do about it.
func problemMessage(p offline.SyncProblem) string {
	switch p {
	case offline.ProblemOffline:
		return "SyncProblemOffline"
	case offline.ProblemServer:
		return "SyncProblemServer"
	case offline.ProblemBadData:
		return "SyncProblemBadData"
	case offline.ProblemStorage:
		return "SyncProblemStorage"
	case offline.ProblemSignIn:
		return "SyncProblemSignIn"
	case offline.ProblemCanceled:
		return "SyncProblemInterrupted"
	}
	return ""
}

// refusalMessage says, in the user's language, why the platform refused a
// request and what to do; for a reason the app does not know it quotes
// the platform.
func refusalMessage(env *Env, code, message string) string {
	switch code {
	case platform.CodeSlotFull:
		return env.T("SyncRefusedSlotFull")
	case platform.CodeNotFound:
		return env.T("SyncRefusedNotFound")
	case offline.CodeUnreadable:
		return env.T("SyncRefusedUnreadable")
	case platform.CodeSlotEnded:
		return env.T("SyncRefusedSlotEnded")
	case platform.CodeInThePast:
		return env.T("SyncRefusedPast")
	case platform.CodeOutsideHours:
		return env.T("SyncRefusedClosed")
	}
	return env.L.Tf("SyncRefusedOther", map[string]any{"Message": message})
}

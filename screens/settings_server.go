package screens

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"jiangsupass/offline"
	"jiangsupass/platform"
	"jiangsupass/screens/widgets"
)

// The API server in Settings: the address is checked as the platform
// client checks it (https unless the server is on this device); a change
// that signs the resident out, or leaves requests behind for the old
// server, is said first and asked for; requests waiting for another
// server are listed, and may be discarded.

// save checks the server's address, says what changing to it does, and
// uses it once the user agrees.
func (v *syncView) save() {
	env := v.env
	u := strings.TrimSpace(v.server.Text)
	if msg := serverProblem(u); msg != "" {
		v.show(env.T(msg))
		return
	}
	if env.Sync == nil {
		return
	}
	var ch offline.ServerChange
	var err error
	env.Load(func(ctx context.Context) { ch, err = env.Store.ServerChange(ctx, u) }, func() {
		if err != nil {
			fyne.LogError("change server", err)
			v.show(env.T("StoreReadError"))
			return
		}
		if (!ch.SignsOut && ch.Waiting == 0) || env.Window == nil {
			v.use(u)
			return
		}
		msg := "SyncChangeKeepsRequests"
		if ch.SignsOut {
			msg = "SyncChangeSignsOut"
		}
		body := widgets.NewWrappedLabel(env.L.Tf(msg, map[string]any{"Server": serverLabel(ch.Old)}))
		d := dialog.NewCustomConfirm(env.T("SyncChangeTitle"), env.T("SyncChangeConfirm"), env.T("SyncChangeKeep"), body,
			func(ok bool) {
				if ok {
					v.use(u)
					return
				}
				// Kept: the field goes back to the server in use.
				v.server.SetText(env.Sync.APIURL())
				v.refresh()
			}, env.Window)
		d.Resize(fyne.NewSize(min(env.Window.Canvas().Size().Width*0.9, 520), 0))
		d.Show()
	})
}

// use saves the server and restarts syncing with it, off the UI thread.
func (v *syncView) use(u string) {
	env := v.env
	var err error
	env.Load(func(context.Context) { err = env.Sync.SetAPIURL(u) }, func() {
		if err != nil {
			fyne.LogError("set API server", err)
			v.show(env.T(serverErrorMessage(err)))
			return
		}
		if v.canSync() {
			v.now.Enable()
		} else {
			v.now.Disable()
		}
		v.refresh()
	})
}

// serverProblem is the message id that says what is wrong with an
// address typed in Settings, or "" when it may be used ("" is no server).
func serverProblem(u string) string {
	if u == "" {
		return ""
	}
	if err := platform.CheckServer(u); err != nil {
		return serverErrorMessage(err)
	}
	return ""
}

// serverErrorMessage is the message id of an error of the server's
// address, or of saving it.
func serverErrorMessage(err error) string {
	switch {
	case errors.Is(err, platform.ErrInsecureServer):
		return "SyncNeedsHTTPS"
	case errors.Is(err, platform.ErrBadServer):
		return "SyncBadURL"
	}
	return "SyncProblemStorage"
}

// serverLabel shows an origin as people write a server's address: the
// scheme's own port left out.
func serverLabel(origin string) string {
	for scheme, port := range map[string]string{"https://": ":443", "http://": ":80"} {
		if strings.HasPrefix(origin, scheme) && strings.HasSuffix(origin, port) {
			return strings.TrimSuffix(origin, port)
		}
	}
	return origin
}

// waitingRows list the requests waiting for other servers, each server
// with a button that discards its requests after asking.
func (v *syncView) waitingRows(waiting []offline.ServerRequests) []fyne.CanvasObject {
	env := v.env
	if len(waiting) == 0 {
		return nil
	}
	rows := []fyne.CanvasObject{widgets.NewWrappedLabel(env.T("SyncWaitingNote"))}
	for _, w := range waiting {
		server := serverLabel(w.Origin)
		origin := w.Origin
		discard := widget.NewButton(env.T("SyncDiscardWaiting"), func() {
			do := func() {
				var err error
				env.Load(func(ctx context.Context) { err = env.Store.DiscardWaiting(ctx, origin) }, func() {
					if err != nil {
						fyne.LogError("discard requests", err)
						v.show(env.T("StoreReadError"))
						return
					}
					v.refresh()
				})
			}
			if env.Window == nil {
				do()
				return
			}
			body := widgets.NewWrappedLabel(env.L.Tf("SyncDiscardBody", map[string]any{"Server": server, "Count": w.Count}))
			d := dialog.NewCustomConfirm(env.T("SyncDiscardTitle"), env.T("SyncDiscardWaiting"), env.T("SyncDiscardKeep"), body,
				func(ok bool) {
					if ok {
						do()
					}
				}, env.Window)
			d.Resize(fyne.NewSize(min(env.Window.Canvas().Size().Width*0.9, 520), 0))
			d.Show()
		})
		rows = append(rows, container.NewBorder(nil, nil, nil, discard,
			widgets.NewInfoRow(env.L.Tf("SyncWaitingFor", map[string]any{"Server": server}), fmt.Sprint(w.Count))))
	}
	return rows
}

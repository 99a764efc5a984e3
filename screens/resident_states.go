package screens

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"jiangsupass/offline"
	"jiangsupass/platform"
	"jiangsupass/screens/widgets"
)

// signInFirst is a resident's screen when no one is signed in; the
// sign-in comes back to from.
func signInFirst(env *Env, from Route) fyne.CanvasObject {
	return widgets.NewMessage(theme.AccountIcon(), env.T("SignInFirstTitle"), env.T("SignInFirstBody"),
		env.T("SignInAction"), func() { env.Nav.Go(signInFrom(from)) })
}

// residentError is a resident's screen when the device's data cannot be
// read: usually a key file that is gone, which signing in again mends;
// the sign-in comes back to from.
func residentError(env *Env, from Route, err error) fyne.CanvasObject {
	fyne.LogError("resident data", err)
	return widgets.NewMessage(theme.ErrorIcon(), env.T("ResidentErrorTitle"), env.T("ResidentErrorBody"),
		env.T("SignInAction"), func() { env.Nav.Go(signInFrom(from)) })
}

// syncButton fetches the resident's data from the platform, then shows
// the route again; with no platform it says so.
func syncButton(env *Env, r Route, status *widgets.WrappedLabel) *widget.Button {
	var b *widget.Button
	b = widget.NewButtonWithIcon(env.T("ResidentSync"), theme.ViewRefreshIcon(), func() {
		c := platformClient(env)
		if c == nil {
			status.SetText(env.T("ResidentNoPlatform"))
			return
		}
		b.Disable()
		status.SetText(env.T("ResidentSyncing"))
		var err error
		env.Load(func(ctx context.Context) { err = env.Store.SyncPersonal(ctx, c) }, func() {
			b.Enable()
			if err != nil {
				status.SetText(syncFailure(env, err))
				return
			}
			env.Nav.Go(r)
		})
	})
	return b
}

// syncFailure says, in the user's language, why a sync of the resident's
// data failed and what to do.
func syncFailure(env *Env, err error) string {
	fyne.LogError("resident sync", err)
	var pe *platform.Error
	switch {
	case errors.Is(err, platform.ErrNotSignedIn), errors.Is(err, offline.ErrSignedOut):
		return env.T("SignInFirstBody")
	case errors.As(err, &pe) && pe.Status == 401:
		return env.T("ResidentSessionEnded")
	case errors.As(err, &pe):
		return env.T("ResidentPlatformRefused")
	}
	return env.T("ResidentOffline")
}

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
)

// signInFrom is the sign-in route for a screen that asks the user to sign
// in: once signed in, the user is back on from, with the state its route
// carries (a booking's attraction, slot and tickets).
func signInFrom(from Route) Route {
	back := from
	back.Return = nil // one detour deep: the way back is not itself a detour
	return Route{Screen: SignInID, Return: &back}
}

// afterSignIn is where a sign-in goes once it succeeded: back to the screen
// that asked for it, or to the 苏服码 when the user came to sign in of their
// own accord (from Me or Settings).
func afterSignIn(env *Env, r Route) {
	if r.Return != nil {
		env.Nav.Go(*r.Return)
		return
	}
	env.Nav.Go(Route{Screen: ServiceCodeID})
}

// signInNote is, while no one is signed in, a note with a Sign-in button
// that comes back to from; once someone is, or while it cannot tell, it is
// empty. body is the message id of what the note says.
func signInNote(env *Env, from Route, body string) fyne.CanvasObject {
	box := container.NewVBox()
	var err error
	env.Load(func(ctx context.Context) { _, err = env.Store.Session(ctx) }, func() {
		if !errors.Is(err, offline.ErrSignedOut) {
			return
		}
		box.Add(widgets.NewBanner(theme.AccountIcon(), container.NewVBox(widgets.NewWrappedLabel(env.T(body)),
			widget.NewButtonWithIcon(env.T("SignInAction"), theme.LoginIcon(), func() { env.Nav.Go(signInFrom(from)) }))))
		box.Refresh()
	})
	return box
}

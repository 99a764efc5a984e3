package screens

import (
	"context"
	"errors"
	"regexp"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"jiangsupass/platform"
	"jiangsupass/screens/widgets"
)

// SignInID is the resident's sign-in with a phone number and a one-time
// code, and once signed in, the account with the way to sign out.
const SignInID ID = "signin"

func init() {
	Register(Screen{ID: SignInID, Tab: TabMe, Title: "SignInTitle", Icon: theme.IconNameLogin, Tile: "SignInTile",
		Build:   buildSignIn,
		Samples: func(*Env) []Route { return []Route{{Screen: SignInID}, {Screen: SignInID, Param: sampleParam}} }})
}

var (
	phonePattern = regexp.MustCompile(`^1[3-9][0-9]{9}$`)
	codePattern  = regexp.MustCompile(`^[0-9]{6}$`)
)

func buildSignIn(env *Env, r Route) fyne.CanvasObject {
	box := container.NewStack(widgets.NewLoading(env.T("Loading")))
	withResident(env, r, func(res resident) {
		var c fyne.CanvasObject
		switch {
		case res.signedIn:
			c = account(env, r, res)
		default:
			c = signInForm(env)
		}
		box.Objects = []fyne.CanvasObject{container.NewVScroll(container.NewPadded(c))}
		box.Refresh()
	})
	return box
}

// signInForm asks for a phone number, sends a code to it, and signs in
// with the code.
func signInForm(env *Env) fyne.CanvasObject {
	intro := widgets.NewWrappedLabel(env.T("SignInIntro"))
	phone := widget.NewEntry()
	phone.SetPlaceHolder(env.T("SignInPhone"))
	code := widget.NewEntry()
	code.SetPlaceHolder(env.T("SignInCode"))
	status := widgets.NewWrappedLabel("")
	client := platformClient(env)
	box := container.NewVBox(intro)
	if client == nil {
		box.Add(widgets.NewBanner(theme.WarningIcon(), widgets.NewWrappedLabel(env.T("ResidentNoPlatform"))))
	}
	var send, signIn *widget.Button
	send = widget.NewButtonWithIcon(env.T("SignInSendCode"), theme.MailSendIcon(), func() {
		if client == nil {
			status.SetText(env.T("ResidentNoPlatform"))
			return
		}
		if !phonePattern.MatchString(phone.Text) {
			status.SetText(env.T("SignInBadPhone"))
			return
		}
		send.Disable()
		var err error
		env.Load(func(ctx context.Context) { _, err = client.RequestCode(ctx, phone.Text) }, func() {
			send.Enable()
			if err != nil {
				status.SetText(syncFailure(env, err))
				return
			}
			status.SetText(env.T("SignInCodeSent"))
		})
	})
	signIn = widget.NewButtonWithIcon(env.T("SignInAction"), theme.LoginIcon(), func() {
		if client == nil {
			status.SetText(env.T("ResidentNoPlatform"))
			return
		}
		if !phonePattern.MatchString(phone.Text) || !codePattern.MatchString(code.Text) {
			status.SetText(env.T("SignInBadCode"))
			return
		}
		signIn.Disable()
		status.SetText(env.T("SignInSigningIn"))
		var err error
		env.Load(func(ctx context.Context) {
			if _, err = env.Store.SignIn(ctx, client, phone.Text, code.Text); err == nil {
				// The card and the codes come with the sign-in; a failure
				// here leaves the sign-in standing and shows on the card.
				if serr := env.Store.SyncPersonal(ctx, client); serr != nil {
					fyne.LogError("sync after sign-in", serr)
				}
			}
		}, func() {
			signIn.Enable()
			var pe *platform.Error
			switch {
			case errors.As(err, &pe) && pe.Code == platform.CodeInvalidCode:
				status.SetText(env.T("SignInWrongCode"))
			case err != nil:
				status.SetText(syncFailure(env, err))
			default:
				env.Nav.Go(Route{Screen: ServiceCodeID})
			}
		})
	})
	signIn.Importance = widget.HighImportance
	box.Add(widgets.NewSection(env.T("SignInPhoneTitle"), phone, send))
	box.Add(widgets.NewSection(env.T("SignInCodeTitle"), code, signIn))
	box.Add(status)
	box.Add(widgets.NewWrappedLabel(env.T("SignInPrivacy")))
	return box
}

// account shows who is signed in, and signs out after a confirmation:
// every personal record and the key go from the device.
func account(env *Env, r Route, res resident) fyne.CanvasObject {
	p := res.session.Profile
	status := widgets.NewWrappedLabel("")
	out := widget.NewButtonWithIcon(env.T("SignOutAction"), theme.LogoutIcon(), nil)
	out.Importance = widget.DangerImportance
	doSignOut := func() {
		if res.sample {
			return
		}
		var err error
		env.Load(func(ctx context.Context) { err = env.Store.SignOut(ctx) }, func() {
			if err != nil {
				fyne.LogError("sign out", err)
				status.SetText(env.T("SignOutFailed"))
				return
			}
			if c := platformClient(env); c != nil {
				c.SetTokens(platform.Tokens{})
			}
			env.Nav.Go(Route{Screen: SignInID})
		})
	}
	out.OnTapped = func() {
		if env.Window == nil {
			doSignOut()
			return
		}
		dialog.ShowConfirm(env.T("SignOutConfirmTitle"), env.T("SignOutConfirmBody"), func(ok bool) {
			if ok {
				doSignOut()
			}
		}, env.Window)
	}
	rows := []fyne.CanvasObject{
		widgets.NewInfoRow(env.T("AccountName"), p.Name),
		widgets.NewInfoRow(env.T("AccountPhone"), p.Phone),
	}
	if !res.session.SignedInAt.IsZero() {
		rows = append(rows, widgets.NewInfoRow(env.T("AccountSince"), stamp(res.session.SignedInAt)))
	}
	links := container.NewVBox()
	for _, id := range []ID{ServiceCodeID, CardID} {
		s, _ := Lookup(id)
		route := Route{Screen: id, Param: r.Param}
		links.Add(widgets.NewTile(theme.Icon(s.Icon), env.T(s.Title), env.T(s.Tile), func() { env.Nav.Go(route) }))
	}
	return container.NewVBox(widgets.NewSection(env.T("AccountTitle"), rows...), links,
		syncButton(env, r, status), status, widgets.NewWrappedLabel(env.T("SignOutHint")), out)
}

package screens

import (
	"context"
	"errors"
	"net/http"
	"regexp"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"jiangsupass/offline"
	"jiangsupass/platform"
	"jiangsupass/screens/widgets"
)

// SignInID is the resident's sign-in with a phone number and a one-time
// code, and once signed in, the account with the way to sign out.
const SignInID ID = "signin"

func init() {
	Register(Screen{ID: SignInID, Tab: TabMe, Title: "SignInTitle", Icon: theme.IconNameLogin, Tile: "SignInTile",
		Build: buildSignIn})
}

var codePattern = regexp.MustCompile(`^[0-9]{6}$`)

func buildSignIn(env *Env, r Route) fyne.CanvasObject {
	box := container.NewStack(widgets.NewLoading(env.T("Loading")))
	withResident(env, func(res resident) {
		var c fyne.CanvasObject
		switch {
		case res.signedIn:
			c = account(env, r, res)
		default:
			c = signInForm(env, r)
		}
		box.Objects = []fyne.CanvasObject{container.NewVScroll(container.NewPadded(c))}
		box.Refresh()
	})
	return box
}

// signInForm asks for a phone number, sends a code to it, and signs in
// with the code. After a sign-out the platform did not hear of, it says
// that the session there was not ended.
func signInForm(env *Env, r Route) fyne.CanvasObject {
	intro := widgets.NewWrappedLabel(env.T("SignInIntro"))
	phone := widgets.NewEntry() // a plain entry: a phone's number pad has no +
	phone.SetPlaceHolder(env.T("SignInPhoneAny"))
	// The line under the number says which numbers are taken, and, for
	// one that is none of them, what to type, where the eye is (in 长辈版
	// on a phone the status below is out of view), until it is edited.
	phoneHelp := widgets.NewWrappedLabel(env.T("SignInPhoneHelp"))
	phone.OnChanged = func(string) { sayPhone(env, phoneHelp, false) }
	code := widgets.NewEntry()
	code.SetPlaceHolder(env.T("SignInCode"))
	status := widgets.NewWrappedLabel("")
	client := platformClient(env)
	box := container.NewVBox(intro)
	if r.Param == signedOutHere {
		box.Add(widgets.NewBanner(theme.InfoIcon(), widgets.NewWrappedLabel(env.T("SignOutLocalOnly"))))
	}
	if client == nil {
		box.Add(widgets.NewBanner(theme.WarningIcon(), widgets.NewWrappedLabel(env.T("ResidentNoPlatform"))))
	}
	badPhone := func() {
		status.SetText("")
		sayPhone(env, phoneHelp, true)
	}
	var send, signIn *widget.Button
	// The countdown has a line of its own, so that what an answer said
	// ("the code is wrong") is not written over by the next tick.
	waitLine := widgets.NewWrappedLabel("")
	waitLine.Hide() // until there is a wait to count down
	wait := &signInHold{env: env, status: waitLine}
	send = widget.NewButtonWithIcon(env.T("SignInSendCode"), theme.MailSendIcon(), func() {
		if client == nil {
			status.SetText(env.T("ResidentNoPlatform"))
			return
		}
		number, perr := platform.ParsePhone(phone.Text)
		if perr != nil {
			badPhone()
			return
		}
		send.Disable()
		var err error
		env.Load(func(ctx context.Context) { _, err = client.RequestCode(ctx, number.String()) }, func() {
			send.Enable()
			if d, limited := platform.RetryAfter(err); limited {
				status.SetText("")
				wait.hold(d, send)
				return
			}
			if phoneRefused(err) {
				badPhone()
				return
			}
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
		number, perr := platform.ParsePhone(phone.Text)
		switch {
		case perr != nil:
			badPhone()
			return
		case !codePattern.MatchString(code.Text):
			status.SetText(env.T("SignInBadCode"))
			return
		}
		signIn.Disable()
		status.SetText(env.T("SignInSigningIn"))
		var err error
		var offer *offline.SignInOffer
		env.Load(func(ctx context.Context) {
			offer, err = env.Store.BeginSignIn(ctx, client, number.String(), code.Text)
		}, func() {
			signIn.Enable()
			var pe *platform.Error
			d, limited := platform.RetryAfter(err)
			switch {
			case limited: // the number is locked: no code helps until the wait is over
				status.SetText("")
				wait.hold(d, send, signIn)
			case errors.As(err, &pe) && pe.Code == platform.CodeInvalidCode:
				status.SetText(env.T("SignInWrongCode"))
			case phoneRefused(err):
				badPhone()
			case err != nil:
				status.SetText(syncFailure(env, err))
			default:
				// Requests on the device that are not this resident's yet
				// are asked about first (signin_handover.go).
				handOver(env, client, offer, func(signedIn bool, err error) {
					switch {
					case err != nil:
						fyne.LogError("keep the sign-in", err)
						status.SetText(env.T("HandoverFailed"))
					case !signedIn:
						status.SetText(env.T("HandoverCancelled"))
					default:
						afterSignIn(env, r)
					}
				})
			}
		})
	})
	signIn.Importance = widget.HighImportance
	box.Add(widgets.NewSection(env.T("SignInPhoneTitle"), phone, phoneHelp, send))
	box.Add(widgets.NewSection(env.T("SignInCodeTitle"), code, signIn))
	box.Add(status)
	box.Add(waitLine)
	box.Add(widgets.NewWrappedLabel(env.T("SignInPrivacy")))
	return box
}

// sayPhone sets the line under the phone number: which numbers are
// taken, or, when the one typed is none of them, what to type.
func sayPhone(env *Env, line *widgets.WrappedLabel, bad bool) {
	text, imp := env.T("SignInPhoneHelp"), widget.MediumImportance
	if bad {
		text, imp = env.T("SignInBadPhoneHow"), widget.DangerImportance
	}
	if line.Source() == text && line.Importance == imp {
		return
	}
	line.Importance = imp
	line.SetText(text)
}

// phoneRefused reports whether err says the number is none a code can be
// sent to: refused by the client, or by the platform (400 at sign-in,
// whose one other cause, a malformed code, the form has ruled out).
func phoneRefused(err error) bool {
	var pe *platform.Error
	return errors.Is(err, platform.ErrBadPhone) || errors.As(err, &pe) && pe.Status == http.StatusBadRequest
}

// signedOutHere is the sign-in route's parameter after a sign-out that
// could not reach the platform: the form says so.
const signedOutHere = "signed-out-here"

// signOutWait is how long a sign-out waits for the platform before it
// clears the device anyway.
const signOutWait = 5 * time.Second

// endSession asks the platform to end the session (its refresh token and
// the access tokens issued with it), best-effort; it reports whether the
// platform was told.
func endSession(ctx context.Context, c *platform.Client) bool {
	if c == nil {
		return false
	}
	ctx, cancel := context.WithTimeout(ctx, signOutWait)
	defer cancel()
	if err := c.SignOut(ctx); err != nil {
		fyne.LogError("end the session at the platform", err)
		return false
	}
	return true
}

// account shows who is signed in, and signs out after a confirmation:
// the platform is asked to end the session, then every personal record
// and the key go from the device, reachable platform or not.
func account(env *Env, r Route, res resident) fyne.CanvasObject {
	p := res.session.Profile
	status := widgets.NewWrappedLabel("")
	out := widget.NewButtonWithIcon(env.T("SignOutAction"), theme.LogoutIcon(), nil)
	out.Importance = widget.DangerImportance
	doSignOut := func() {
		client := platformClient(env)
		var told bool
		var err error
		env.Load(func(ctx context.Context) {
			told = endSession(ctx, client)
			err = env.Store.SignOut(ctx)
		}, func() {
			if err != nil {
				fyne.LogError("sign out", err)
				status.SetText(env.T("SignOutFailed"))
				return
			}
			route := Route{Screen: SignInID}
			if !told {
				route.Param = signedOutHere
			}
			env.Nav.Go(route)
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

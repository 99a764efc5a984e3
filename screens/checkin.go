package screens

import (
	"context"
	"errors"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"jiangsupass/codes"
	"jiangsupass/offline"
	"jiangsupass/platform"
	"jiangsupass/screens/widgets"
)

// CheckInID checks a resident in at a service hall and shows their number
// in the day's queue: on the hall's kiosk from the code they show to its
// scanner, on a resident's phone with the phone's own 苏服码. Checking in
// asks the hall's queue, so it needs the network; the screen says so when
// there is none.
const CheckInID ID = "checkin"

func init() {
	Register(Screen{ID: CheckInID, Tab: TabServices, Title: "CheckInTitle", Icon: theme.IconNameConfirm,
		Build:   buildCheckIn,
		Samples: func(*Env) []Route { return []Route{CheckInRoute("hall-320100", "")} }})
}

// checkInView is the check-in screen's state.
type checkInView struct {
	env    *Env
	route  Route // the screen's own, for a sign-in to come back to
	hall   offline.ServiceHall
	trust  *codes.TrustList // to refuse a bad code at once, with its reason
	res    resident
	input  *widgets.ScanEntry    // the scanner's field, on a kiosk
	intro  *widgets.WrappedLabel // what to do, on a kiosk; hidden while a result is shown
	status *fyne.Container       // the result, or the work in progress
	shown  int                   // counts results shown, so that a clearing timer leaves a newer one
}

// checkInClearAfter is how long a kiosk shows a number before it clears
// it for the next visitor.
const checkInClearAfter = 20 * time.Second

func buildCheckIn(env *Env, r Route) fyne.CanvasObject {
	hall, code := checkInOf(r)
	holder := container.NewStack(widgets.NewLoading(env.T("Loading")))
	v := &checkInView{env: env, route: r, status: container.NewVBox()}
	var err error
	env.Load(func(ctx context.Context) {
		if v.hall, err = env.Store.ServiceHall(ctx, hall); err != nil {
			return
		}
		if v.trust, err = env.Store.TrustList(ctx); errors.Is(err, offline.ErrNotFound) {
			err = nil // the platform checks the code in any case
		}
		if err == nil && !env.Kiosk {
			v.res = loadResident(ctx, env)
		}
	}, func() {
		stopLoading(holder)
		switch {
		case errors.Is(err, offline.ErrNotFound):
			holder.Objects = []fyne.CanvasObject{gone(env, "HallMissingTitle", "HallMissingBody", "HallsTitle", HallsID)}
		case err != nil:
			holder.Objects = []fyne.CanvasObject{readFailed(env, "HallsErrorTitle", "check-in", err, r)}
		default:
			holder.Objects = []fyne.CanvasObject{checkInFrame(env, hallName(env, v.hall), v.content())}
		}
		holder.Refresh()
		if code != "" && v.hall.ID != "" && err == nil {
			v.submit(code)
		}
	})
	return holder
}

// checkInFrame is the screen around its content: the hall's name on top,
// in a column wider on a kiosk's large screen than on a phone or desktop.
func checkInFrame(env *Env, hallName string, content fyne.CanvasObject) fyne.CanvasObject {
	title := widgets.NewWrappedLabelWithStyle(hallName, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	width := float32(640)
	if env.Kiosk {
		width = checkInKioskWidth
	}
	return container.NewVScroll(container.NewPadded(widgets.NewColumn(width, container.NewVBox(title, content))))
}

// checkInKioskWidth is the widest the check-in column is on a kiosk.
const checkInKioskWidth = 880

// content is the way to check in that this device offers: a scanner on
// the hall's kiosk, the resident's own code on a phone.
func (v *checkInView) content() fyne.CanvasObject {
	env := v.env
	if platformClient(env) == nil {
		return widgets.NewMessage(theme.WarningIcon(), env.T("CheckInOfflineTitle"), env.T("CheckInOfflineBody"), "", nil)
	}
	if env.Kiosk {
		input := widgets.NewScanEntry(env.Now)
		input.SetPlaceHolder(env.T("VerifyPlaceholder"))
		input.OnScan = func(code string) {
			input.SetText("")
			v.submit(code)
		}
		v.input = input
		v.intro = widgets.NewWrappedLabel(env.T("CheckInIntroKiosk"))
		// The result comes first, under the hall's name, and the intro
		// makes way for it, so that the whole result is in view on the
		// smallest kiosk screen; the scanner's field stays below it.
		return container.NewVBox(v.status, v.intro, input)
	}
	if v.res.err != nil {
		return residentError(env, v.route, v.res.err)
	}
	if !v.res.signedIn {
		return signInFirst(env, v.route)
	}
	own := widget.NewButtonWithIcon(env.T("CheckInWithMyCode"), theme.ConfirmIcon(), v.submitOwn)
	own.Importance = widget.HighImportance
	return container.NewVBox(widgets.NewWrappedLabel(env.T("CheckInIntroPhone")), own, v.status)
}

// submitOwn checks in with this phone's own 苏服码, made for now.
func (v *checkInView) submitOwn() {
	var shown offline.ShownCode
	var err error
	v.show(widgets.NewLoading(v.env.T("CheckInWorking")))
	v.env.Load(func(ctx context.Context) {
		shown, err = v.res.present(ctx, platform.CredentialService, v.env.Now())
	}, func() {
		if err != nil {
			fyne.LogError("check-in: own code", err)
			v.show(v.failure("CheckInNoCode"))
			return
		}
		v.submit(shown.Text)
	})
}

// submit checks the code here first, so that a stale or forged one is
// refused at once with its reason (its two signatures are checked off
// the UI goroutine), then asks the hall's queue.
func (v *checkInView) submit(code string) {
	env := v.env
	client := platformClient(env)
	if client == nil {
		v.show(v.failure("CheckInOfflineBody"))
		return
	}
	v.show(widgets.NewLoading(env.T("CheckInWorking")))
	var ci platform.CheckIn
	var refused, err error
	env.Load(func(ctx context.Context) {
		if v.trust != nil {
			if _, refused = codes.Check(code, v.trust, env.Now()); refused != nil {
				return
			}
		}
		ci, err = client.CheckIn(ctx, v.hall.ID, code)
	}, func() {
		if refused != nil {
			kind, _ := codes.KindOf(code)
			v.show(v.failure(codeRefusalMessage(kind, codes.ReasonOf(refused))))
			return
		}
		if err != nil {
			fyne.LogError("check-in", err)
			v.show(v.failure(checkInErrorMessage(err)))
			return
		}
		v.show(checkInResult(env, ci))
		if env.Kiosk {
			v.clearLater()
		}
	})
}

// clearLater takes the number off a public kiosk's screen after a while,
// so that the next visitor does not see it; the scanner stays ready.
func (v *checkInView) clearLater() {
	v.status.Add(widgets.NewWrappedLabel(v.env.L.Tf("CheckInClears", map[string]any{"Seconds": int(checkInClearAfter.Seconds())})))
	shown := v.shown
	v.env.After(checkInClearAfter, func() {
		if v.shown == shown {
			v.show(nil)
		}
	})
}

// show puts o where the result goes; nil clears it. On a kiosk the intro
// is shown only while there is no result.
func (v *checkInView) show(o fyne.CanvasObject) {
	v.shown++
	stopLoading(v.status)
	v.status.Objects = nil
	if o != nil {
		v.status.Objects = []fyne.CanvasObject{o}
	}
	v.status.Refresh()
	if v.intro != nil {
		if o == nil {
			v.intro.Show()
		} else {
			v.intro.Hide()
		}
	}
}

// failure says, in words and colour, why checking in did not work.
func (v *checkInView) failure(messageID string) fyne.CanvasObject {
	return widgets.NewBanner(theme.ErrorIcon(), widgets.NewWrappedLabel(v.env.T(messageID)))
}

// checkInErrorMessage is the message id that explains a failed check-in.
func checkInErrorMessage(err error) string {
	var pe *platform.Error
	switch {
	case errors.As(err, &pe) && pe.Code == platform.CodeInvalidCode:
		return "CheckInRefused"
	case errors.As(err, &pe) && pe.Code == platform.CodeNotFound:
		return "CheckInNoSuchHall"
	}
	return "CheckInUnreachable"
}

package screens

import (
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

// ServiceCodeID is 苏服码, the service code: a large QR code the device
// signs anew every 30 seconds, with no network while its credential lasts.
const ServiceCodeID ID = "servicecode"

// clockSkewLimit is how far the device's clock may be from the platform's
// before the screen warns: verifiers accept one 30-second step either way.
const clockSkewLimit = 30 * time.Second

func init() {
	Register(Screen{ID: ServiceCodeID, Tab: TabServices, Title: "ServiceCodeTitle", Icon: theme.IconNameViewFullScreen,
		Tile: "ServiceCodeTile", OnHome: true, Build: buildServiceCode})
}

func buildServiceCode(env *Env, r Route) fyne.CanvasObject {
	box := container.NewStack(widgets.NewLoading(env.T("Loading")))
	withResident(env, func(res resident) {
		box.Objects = []fyne.CanvasObject{serviceCodeContent(env, r, res)}
		box.Refresh()
	})
	return box
}

func serviceCodeContent(env *Env, r Route, res resident) fyne.CanvasObject {
	switch {
	case res.err != nil:
		return residentError(env, r, res.err)
	case !res.signedIn:
		return signInFirst(env, r)
	}
	holder := widget.NewLabelWithStyle(env.L.Tf("CodeHolder", map[string]any{"Name": res.session.Profile.Name}),
		fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	holder.SizeName = theme.SizeNameSubHeadingText
	status := container.NewCenter()
	validity := widgets.NewWrappedLabel("")
	syncStatus := widgets.NewWrappedLabel("")
	onShown := func(shown offline.ShownCode, err error) {
		status.Objects = []fyne.CanvasObject{codeStatus(env, shown, err)}
		status.Refresh()
		if err == nil {
			validity.SetText(env.L.Tf("CodeValidUntil", map[string]any{"Time": stamp(shown.Credential.ValidUntil())}))
		} else {
			validity.SetText(env.T("CodeNeedsSync"))
		}
	}
	panel := newCodePanel(env, platform.CredentialService, qrSize(env, true), res.present, onShown)
	issuer := widgets.NewInfoRow(env.T("CodeIssuer"), issuerName(env, "CN-JS"))
	box := container.NewVBox(holder, status, panel.root, validity)
	if d := res.session.ClockOffset; d > clockSkewLimit || d < -clockSkewLimit {
		box.Add(widgets.NewBanner(theme.WarningIcon(), widgets.NewWrappedLabel(env.L.Tf("ClockSkew", map[string]any{"Seconds": int(d.Abs().Seconds())}))))
	}
	box.Add(issuer)
	box.Add(widgets.NewBanner(theme.InfoIcon(), widgets.NewWrappedLabel(env.T("DeltaNote"))))
	box.Add(syncButton(env, r, syncStatus))
	box.Add(syncStatus)
	return container.NewVScroll(container.NewPadded(widgets.NewColumn(560, box)))
}

// codeStatus says whether the code can be shown, in words and colour.
func codeStatus(env *Env, shown offline.ShownCode, err error) fyne.CanvasObject {
	switch {
	case err != nil && codes.ReasonOf(err) == codes.ReasonExpired:
		return statusBadge(theme.ErrorIcon(), env.T("CodeStatusExpired"), theme.ColorNameError)
	case err != nil:
		return statusBadge(theme.ErrorIcon(), env.T("CodeStatusNone"), theme.ColorNameError)
	case shown.Credential.ValidUntil().Sub(env.Now()) < 24*time.Hour:
		return statusBadge(theme.WarningIcon(), env.T("CodeStatusEnding"), theme.ColorNameWarning)
	}
	return statusBadge(theme.ConfirmIcon(), env.T("CodeStatusValid"), theme.ColorNameSuccess)
}

// issuerName is the name of a Delta issuer in the user's language.
func issuerName(env *Env, id string) string {
	for _, d := range codes.DeltaIssuers {
		if d.ID == id {
			iss := codes.TrustedIssuer{ID: d.ID, Names: d.Names}
			return iss.Name(env.L.Lang())
		}
	}
	return id
}

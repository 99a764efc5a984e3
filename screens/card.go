package screens

import (
	"context"
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

// CardID is the electronic social-security card: the card face, its QR
// code, the medical-insurance account and the loss report.
const CardID ID = "card"

func init() {
	Register(Screen{ID: CardID, Tab: TabServices, Title: "CardTitle", Icon: theme.IconNameDocument, Tile: "CardTile",
		OnHome: true, Build: buildCard})
}

func buildCard(env *Env, r Route) fyne.CanvasObject {
	box := container.NewStack(widgets.NewLoading(env.T("Loading")))
	withResident(env, func(res resident) {
		box.Objects = []fyne.CanvasObject{cardContent(env, r, res)}
		box.Refresh()
	})
	return box
}

// cardContent is the card screen for a loaded resident.
func cardContent(env *Env, r Route, res resident) fyne.CanvasObject {
	switch {
	case res.err != nil:
		return residentError(env, r, res.err)
	case !res.signedIn:
		return signInFirst(env, r)
	}
	status := widgets.NewWrappedLabel("")
	sync := syncButton(env, r, status)
	if res.card == nil {
		return widgets.NewMessage(theme.DocumentIcon(), env.T("CardNoneTitle"), env.T("CardNoneBody"), "", nil)
	}
	card := res.card.Card
	face := newCardFace(env, card, cardStatus(env, card, res.pendingLoss))
	left := container.NewVBox(face.root)
	if card.Status == platform.CardActive {
		hint := widgets.NewWrappedLabel(env.T("CardCodeHint"))
		panel := newCodePanel(env, platform.CredentialCard, qrSize(env, false), res.present, func(_ offline.ShownCode, err error) {
			if err != nil {
				hint.SetText(env.T("CodeNeedsSync"))
			}
		})
		// The hint goes under the code, so that the code comes first.
		left.Add(widgets.NewSection(env.T("CardCodeTitle"), panel.root, hint))
	} else {
		left.Add(widgets.NewBanner(theme.ErrorIcon(), widgets.NewWrappedLabel(env.T("CardCodeSuspended"))))
	}
	updated := widgets.NewWrappedLabel(env.L.Tf("ResidentUpdated", map[string]any{"Time": stamp(res.card.FetchedAt)}))
	right := container.NewVBox(insuranceSection(env, res.insurance), lossSection(env, res), updated, status, sync)
	var body fyne.CanvasObject = container.NewVBox(left, right)
	if !env.Phone {
		body = container.NewGridWithColumns(2, left, right)
	}
	return container.NewVScroll(container.NewPadded(body))
}

// cardStatus says the card's state in words and colour.
func cardStatus(env *Env, card platform.Card, pendingLoss bool) fyne.CanvasObject {
	switch {
	case card.Status == platform.CardSuspended:
		return statusBadge(theme.ErrorIcon(), env.T("CardSuspended"), theme.ColorNameError)
	case pendingLoss:
		return statusBadge(theme.WarningIcon(), env.T("CardLossPending"), theme.ColorNameWarning)
	}
	return statusBadge(theme.ConfirmIcon(), env.T("CardActive"), theme.ColorNameSuccess)
}

// insuranceSection shows the medical-insurance balance with the time the
// platform read it, and the recent records.
func insuranceSection(env *Env, rec *offline.InsuranceRecord) fyne.CanvasObject {
	if rec == nil {
		return widgets.NewSection(env.T("InsuranceTitle"), widgets.NewWrappedLabel(env.T("InsuranceNone")))
	}
	ins := rec.Insurance
	balance := widget.NewLabelWithStyle(formatYuan(ins.BalanceCents), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	balance.SizeName = theme.SizeNameHeadingText
	asOf := rec.FetchedAt
	if t, err := time.Parse(time.RFC3339, ins.AsOf); err == nil {
		asOf = t
	}
	rows := []fyne.CanvasObject{balance, widgets.NewWrappedLabel(env.L.Tf("InsuranceAsOf", map[string]any{"Time": stamp(asOf)}))}
	if ins.Generated {
		rows = append(rows, widgets.NewBanner(theme.InfoIcon(), widgets.NewWrappedLabel(env.T("InsuranceGenerated"))))
	}
	rows = append(rows, widgets.NewSection(env.T("InsuranceRecords")))
	if len(ins.Records) == 0 {
		rows = append(rows, widgets.NewWrappedLabel(env.T("InsuranceNoRecords")))
	}
	for _, r := range ins.Records {
		rows = append(rows, widgets.NewInfoRow(r.Date, env.T("InsuranceKind_"+r.Kind)+" · "+r.Place+" · "+formatYuan(r.AmountCents)))
	}
	return widgets.NewSection(env.T("InsuranceTitle"), rows...)
}

// lossSection reports the card lost (挂失) through the outbox, after a
// confirmation; the request goes out when the device is online.
func lossSection(env *Env, res resident) fyne.CanvasObject {
	if res.card.Card.Status == platform.CardSuspended {
		return widgets.NewSection(env.T("CardLossTitle"), widgets.NewWrappedLabel(env.T("CardLossDone")))
	}
	if res.pendingLoss {
		return widgets.NewSection(env.T("CardLossTitle"), widgets.NewBanner(theme.WarningIcon(), widgets.NewWrappedLabel(env.T("CardLossQueued"))))
	}
	holder := container.NewVBox()
	report := widget.NewButtonWithIcon(env.T("CardLossAction"), theme.WarningIcon(), nil)
	report.Importance = widget.DangerImportance
	queued := func() {
		res.pendingLoss = true
		holder.Objects = []fyne.CanvasObject{widgets.NewBanner(theme.WarningIcon(), widgets.NewWrappedLabel(env.T("CardLossQueued")))}
		holder.Refresh()
	}
	submit := func() {
		var err error
		env.Load(func(ctx context.Context) {
			_, err = env.Store.Enqueue(ctx, platform.CardLoss, platform.CardLossRequest{Reason: "lost"})
		}, func() {
			if err != nil {
				fyne.LogError("card loss", err)
				holder.Add(widgets.NewWrappedLabel(env.T("CardLossFailed")))
				return
			}
			queued()
		})
	}
	report.OnTapped = func() {
		if env.Window == nil {
			submit()
			return
		}
		dialog.ShowConfirm(env.T("CardLossConfirmTitle"), env.T("CardLossConfirmBody"), func(ok bool) {
			if ok {
				submit()
			}
		}, env.Window)
	}
	holder.Objects = []fyne.CanvasObject{widgets.NewWrappedLabel(env.T("CardLossHint")), report}
	return widgets.NewSection(env.T("CardLossTitle"), holder)
}

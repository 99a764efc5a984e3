package screens

import (
	"context"
	"errors"
	"slices"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"jiangsupass/idcard"
	"jiangsupass/offline"
	"jiangsupass/screens/widgets"
)

// bookingReviewStep shows the whole order before it is sent: slot, each
// visitor with their ticket and masked document, the total, and what
// happens when the device is offline. ended is called when the store
// refuses the order because the slot has ended meanwhile.
func bookingReviewStep(env *Env, st bookingState, d ticketData, ended func()) fyne.CanvasObject {
	slot, ok := d.slotOf(st.slot)
	lines := st.lines(d)
	if !ok || st.total() == 0 {
		return widgets.NewWrappedLabel(env.T("BookingSlotGone"))
	}
	if len(lines) != st.total() {
		return visitorsGone(env, st, d)
	}
	lang := env.L.Lang()
	rows := []fyne.CanvasObject{
		widgets.NewInfoRow(env.T("BookingDate"), slot.Date+" "+dayName(env, slot.Date)),
		widgets.NewInfoRow(env.T("BookingSlot"), slot.Start+"–"+slot.End),
	}
	var cents int64
	for _, l := range lines {
		p, _ := d.productOf(l.ProductID)
		cents += p.PriceCents
		rows = append(rows, widgets.NewInfoRow(offline.Text(p.Name).In(lang)+" "+yuan(p.PriceCents),
			l.Name+" · "+docKindName(env, l.DocKind)+" "+idcard.Mask(l.DocNumber)))
	}
	rows = append(rows, widgets.NewInfoRow(env.T("BookingTotal"), yuan(cents)+" "+env.T("BookingGeneratedPrice")))
	offlineNote := widgets.NewWrappedLabel(env.T("BookingOfflineNote"))
	problem := widgets.NewWrappedLabel("")
	problem.Importance = widget.DangerImportance
	problem.Hide()
	submit := widget.NewButtonWithIcon(env.T("BookingSubmit"), theme.ConfirmIcon(), nil)
	submit.Importance = widget.HighImportance
	submit.OnTapped = func() {
		submit.Disable()
		var o offline.TicketOrder
		var err error
		env.Load(func(ctx context.Context) {
			o, err = env.Store.BookTickets(ctx, slot, lines)
		}, func() {
			if errors.Is(err, offline.ErrSlotEnded) {
				ended()
				return
			}
			if err != nil {
				submit.Enable()
				problem.SetText(bookingErrorText(env, err))
				problem.Show()
				return
			}
			if env.Sync != nil {
				env.Sync.SyncNow()
			}
			env.Nav.Go(Route{Screen: ETicketID, Param: strconv.FormatInt(o.LocalID, 10)})
		})
	}
	box := container.NewVBox(widgets.NewSection(env.T("BookingReview"), rows...), beijingTimeNote(env), offlineNote)
	// Real-name tickets are the signed-in resident's: signed out, the order
	// waits on the device; the sign-in comes back to this review.
	box.Add(signInNote(env, Route{Screen: BookingID, Param: st.param()}, "BookingSignInNote"))
	box.Add(problem)
	box.Add(submit)
	return box
}

// visitorsGone says that a visitor chosen for the booking is no longer
// saved (removed at a sign-in, say), and goes back to choosing them with
// those still saved kept.
func visitorsGone(env *Env, st bookingState, d ticketData) fyne.CanvasObject {
	again := widget.NewButtonWithIcon(env.T("BookingChooseVisitorsAgain"), theme.AccountIcon(), func() {
		st.next(env, "visitors", func(n *bookingState) {
			n.visitors = slices.DeleteFunc(n.visitors, func(id string) bool {
				return !slices.ContainsFunc(d.visitors, func(v offline.Visitor) bool { return v.ID == id })
			})
		})
	})
	again.Importance = widget.HighImportance
	return container.NewVBox(widgets.NewWrappedLabel(env.T("BookingVisitorsGone")), again)
}

// bookingErrorText says why a booking was not recorded.
func bookingErrorText(env *Env, err error) string {
	if t := docErrorText(env, err); t != "" {
		return t
	}
	switch {
	case errors.Is(err, offline.ErrSoldOut):
		return env.T("BookingErrSoldOut")
	case errors.Is(err, offline.ErrSlotPaused):
		return env.T("BookingErrSlotPaused")
	case errors.Is(err, offline.ErrDuplicateDoc):
		return env.T("BookingErrDuplicate")
	}
	fyne.LogError("book tickets", err)
	return env.T("BookingErrOther")
}

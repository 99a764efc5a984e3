package screens

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"jiangsupass/offline"
	"jiangsupass/screens/widgets"
)

// ETicketID shows one order's e-ticket: the signed QR code (made on the
// device, no network needed), the slot and the masked visitors, with
// refund and a reminder before the slot. Param is the order's local ID.
const ETicketID ID = "eticket"

// reminderLead is how long before its slot a reminder comes.
const reminderLead = time.Hour

func init() {
	Register(Screen{ID: ETicketID, Tab: TabMap, Title: "ETicketTitle", Icon: theme.IconNameDocument,
		Build:   buildETicket,
		Samples: func(*Env) []Route { return []Route{{Screen: ETicketID, Param: "404"}} }})
}

func buildETicket(env *Env, r Route) fyne.CanvasObject {
	holder := container.NewStack(widgets.NewLoading(env.T("Loading")))
	shown := "" // where the order stood when the page was last drawn
	load := func() {
		var o offline.TicketOrder
		var name string
		var err error
		env.Load(func(ctx context.Context) {
			if id, perr := strconv.ParseInt(r.Param, 10, 64); perr != nil {
				err = offline.ErrNotFound
			} else {
				o, err = env.Store.TicketOrder(ctx, id)
			}
			if err == nil {
				if a, aerr := env.Store.Attraction(ctx, o.AttractionID); aerr == nil {
					name = a.Name.In(env.L.Lang())
				}
			}
		}, func() {
			state := fmt.Sprint(err == nil, errors.Is(err, offline.ErrNotFound), o.Status, o.RefundState, o.WaitsForSignIn,
				o.Ticket != nil, o.Quantity, o.ErrorCode)
			if state == shown {
				return // nothing the page shows has changed
			}
			shown = state
			switch {
			case errors.Is(err, offline.ErrNotFound):
				holder.Objects = []fyne.CanvasObject{widgets.NewMessage(theme.SearchIcon(), env.T("ETicketMissingTitle"),
					env.T("ETicketMissingBody"), env.T("TicketsTitle"), func() { env.Nav.Go(Route{Screen: TicketsID}) })}
			case err != nil:
				holder.Objects = []fyne.CanvasObject{readFailed(env, "TicketsErrorTitle", "e-ticket "+r.Param, err, r)}
			default:
				holder.Objects = []fyne.CanvasObject{eticketPage(env, o, name)}
			}
			holder.Refresh()
		})
	}
	load()
	// The order is sent, confirmed, refused or taken on by a sign-in while
	// the page is shown: it says so without being reopened.
	env.OnStoreChange(r, offline.ChangeRequests|offline.ChangePersonal, load)
	return holder
}

// eticketPage lays out the ticket: the code first, large, then what it is
// for.
func eticketPage(env *Env, o offline.TicketOrder, name string) fyne.CanvasObject {
	title := widgets.NewWrappedLabelWithStyle(name, fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	status := widgets.NewWrappedLabelWithStyle(orderStatusText(env, o), fyne.TextAlignCenter, fyne.TextStyle{})
	var names []string
	for _, v := range o.Visitors {
		names = append(names, v.Name)
	}
	facts := widgets.NewSection(env.T("ETicketDetails"),
		widgets.NewInfoRow(env.T("BookingDate"), o.Date+" "+dayName(env, o.Date)),
		widgets.NewInfoRow(env.T("BookingSlot"), o.Start+"–"+o.End+" "+env.T("BeijingTimeShort")),
		widgets.NewInfoRow(env.T("ETicketVisitors"), strings.Join(names, "、")),
		widgets.NewInfoRow(env.T("BookingTotal"), yuan(o.TotalCents)+" "+env.T("BookingGeneratedPrice")))
	box := container.NewVBox(title, status)
	if o.WaitsForSignIn && o.Status == "pending" {
		signIn := widget.NewButtonWithIcon(env.T("SignInAction"), theme.LoginIcon(), func() { env.Nav.Go(signInFrom(Route{Screen: ETicketID, Param: strconv.FormatInt(o.LocalID, 10)})) })
		signIn.Importance = widget.HighImportance
		box.Add(container.NewCenter(signIn))
	}
	showable := o.Status == "confirmed" && o.RefundState != "refunded" && env.Now().Before(o.SlotEnd())
	if showable && o.Ticket != nil {
		present := func(ctx context.Context, _ string, at time.Time) (offline.ShownCode, error) {
			return env.Store.PresentTicket(ctx, o.LocalID, at)
		}
		size := float32(300)
		if !env.Phone {
			size = 420
		}
		problem := widgets.NewWrappedLabel("")
		problem.Hide()
		panel := newCodePanel(env, "ticket", size, present, func(_ offline.ShownCode, err error) {
			if err != nil {
				fyne.LogError("present ticket", err)
				problem.SetText(env.T("ETicketShowError"))
				problem.Show()
			} else {
				problem.Hide()
			}
		})
		offlineNote := widgets.NewWrappedLabelWithStyle(env.T("ETicketOffline"), fyne.TextAlignCenter, fyne.TextStyle{})
		box.Add(panel.root)
		box.Add(problem)
		box.Add(offlineNote)
	}
	box.Add(facts)
	box.Add(eticketActions(env, o))
	return container.NewVScroll(container.NewPadded(box))
}

// eticketActions are the refund and the reminder, where they apply.
func eticketActions(env *Env, o offline.TicketOrder) fyne.CanvasObject {
	note := widgets.NewWrappedLabel("")
	note.Hide()
	say := func(text string) {
		note.SetText(text)
		note.Show()
	}
	box := container.NewVBox()
	before := env.Now().Before(o.SlotStart())
	if o.Status == "confirmed" && before && o.RefundState != "refunded" && o.RefundState != "pending" {
		rule := widgets.NewWrappedLabel(env.T("ETicketRefundRule"))
		refund := widget.NewButtonWithIcon(env.T("ETicketRefund"), theme.ContentUndoIcon(), nil)
		refund.OnTapped = func() {
			var err error
			env.Load(func(ctx context.Context) {
				err = env.Store.RequestRefund(ctx, o.LocalID)
			}, func() {
				switch {
				case errors.Is(err, offline.ErrNotRefundable):
					say(env.T("ETicketRefundTooLate"))
				case err != nil:
					fyne.LogError("refund", err)
					say(env.T("ETicketRefundError"))
				default:
					if env.Sync != nil {
						env.Sync.SyncNow()
					}
					env.Nav.Go(Route{Screen: ETicketID, Param: strconv.FormatInt(o.LocalID, 10)})
				}
			})
		}
		box.Add(rule)
		box.Add(refund)
	}
	if (o.Status == "confirmed" || o.Status == "pending") && before && o.RefundState != "refunded" {
		remind := widget.NewButtonWithIcon(env.T("ETicketRemind"), theme.InfoIcon(), func() {
			at := o.SlotStart().Add(-reminderLead)
			if !at.After(env.Now()) {
				at = env.Now().Add(time.Minute)
			}
			n := fyne.NewNotification(env.T("ETicketReminderTitle"), env.L.Tf("ETicketReminderBody",
				map[string]any{"Date": o.Date, "Start": o.Start, "End": o.End}))
			if _, err := fyne.CurrentApp().ScheduleNotification(n, at); err != nil {
				fyne.LogError("reminder", err)
				say(env.T("ETicketRemindError"))
				return
			}
			say(env.L.Tf("ETicketReminderSet", map[string]any{"At": stamp(at) + " " + env.T("BeijingTimeShort")}))
		})
		box.Add(remind)
	}
	box.Add(note)
	return box
}

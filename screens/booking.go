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

// BookingID is the ticket booking flow of an attraction: date → time slot →
// ticket types and counts → visitors → review → submit. The route's Param
// is the flow's state as a query string (see bookingState), starting with
// "a=<attraction ID>".
const BookingID ID = "booking"

func init() {
	Register(Screen{ID: BookingID, Tab: TabMap, Title: "BookingTitle", Icon: theme.IconNameCalendar,
		Build: buildBooking, Samples: bookingSamples})
}

// bookingSamples shows the first step of a booking of the Confucius
// Temple.
func bookingSamples(*Env) []Route {
	return []Route{{Screen: BookingID, Param: "a=5a-002"}}
}

func buildBooking(env *Env, r Route) fyne.CanvasObject {
	st := parseBookingState(r.Param)
	holder := container.NewStack(widgets.NewLoading(env.T("Loading")))
	var d ticketData
	var err error
	env.Load(func(ctx context.Context) {
		d, err = loadTicketData(ctx, env, st)
	}, func() {
		switch {
		case errors.Is(err, offline.ErrNotFound):
			holder.Objects = []fyne.CanvasObject{attractionMissing(env)}
		case err != nil:
			holder.Objects = []fyne.CanvasObject{readFailed(env, "BookingErrorTitle", "booking "+r.Param, err, r)}
		case len(d.slots) == 0 || len(d.products) == 0:
			holder.Objects = []fyne.CanvasObject{widgets.NewMessage(theme.DownloadIcon(), env.T("BookingNoSlotsTitle"),
				env.T("BookingNoSlotsBody"), env.T("BookingOpenSettings"), func() { env.Nav.Go(Route{Screen: SettingsID, Param: SettingsSync}) })}
		default:
			holder.Objects = []fyne.CanvasObject{bookingPage(env, st, d, holder)}
		}
		holder.Refresh()
	})
	return holder
}

// bookingPage is one step with its header: the attraction, which step of
// how many, and the generated-data note. When the chosen slot has ended,
// that comes first. The page draws itself into holder, and again when the
// review finds the slot ended at submit.
func bookingPage(env *Env, st bookingState, d ticketData, holder *fyne.Container) fyne.CanvasObject {
	idx := 0
	for i, s := range bookingSteps {
		if s == st.step {
			idx = i
		}
	}
	name := widgets.NewWrappedLabelWithStyle(d.attraction.Name.In(env.L.Lang()), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	progress := widgets.NewWrappedLabel(env.L.Tf("BookingStepOf", map[string]any{"Step": idx + 1, "Steps": len(bookingSteps),
		"Name": env.T("BookingStep_" + bookingSteps[idx])}))
	gen := widgets.NewWrappedLabel(env.T("BookingGeneratedNote"))
	gen.Importance = widget.WarningImportance
	var body fyne.CanvasObject
	switch st.step {
	case "slot":
		body = bookingSlotStep(env, st, d)
	case "types":
		body = bookingTypesStep(env, st, d)
	case "visitors":
		body = bookingVisitorsStep(env, st, d)
	case "review":
		body = bookingReviewStep(env, st, d, func() {
			holder.Objects = []fyne.CanvasObject{bookingPage(env, st, d, holder)}
			holder.Refresh()
		})
	default:
		body = bookingDateStep(env, st, d)
	}
	box := container.NewVBox(name, progress, gen, widget.NewSeparator(), body)
	if ended, over := chosenSlotEnded(env, st, d); over && st.step != "date" && st.step != "slot" {
		box.Objects = append([]fyne.CanvasObject{slotEndedNotice(env, st, ended, d)}, box.Objects...)
		body.Hide() // nothing of the ended slot can be acted on
	}
	return container.NewVScroll(container.NewPadded(box))
}

// next goes to a later step with the state changed by change.
func (st bookingState) next(env *Env, step string, change func(*bookingState)) {
	n := st
	n.counts = map[string]int{}
	for k, v := range st.counts {
		n.counts[k] = v
	}
	n.visitors = append([]string(nil), st.visitors...)
	n.step = step
	if change != nil {
		change(&n)
	}
	env.Nav.Go(Route{Screen: BookingID, Param: n.param()})
}

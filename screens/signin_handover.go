package screens

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"jiangsupass/offline"
	"jiangsupass/platform"
	"jiangsupass/screens/widgets"
)

// handoverShown is how many requests of a group the question lists; the
// rest are counted.
const handoverShown = 4

// handOver ends a sign-in the platform accepted: when requests on the
// device are not the resident's yet (made signed out, or another
// resident's), it asks what becomes of them first, then keeps the
// session with that choice and syncs the resident's side. done is called
// on the UI goroutine: signedIn false with a nil error when the person
// chose not to sign in (nothing changed), an error when the session could
// not be kept.
func handOver(env *Env, client *platform.Client, offer *offline.SignInOffer, done func(signedIn bool, err error)) {
	finish := func(ch offline.SignInChoice) {
		var err error
		env.Load(func(ctx context.Context) {
			if _, err = offer.Finish(ctx, ch); err == nil {
				// The card and the codes come with the sign-in; a failure
				// here leaves the sign-in standing and shows on the card.
				if serr := env.Store.SyncPersonal(ctx, client); serr != nil {
					fyne.LogError("sync after sign-in", serr)
				}
			}
		}, func() { done(err == nil, err) })
	}
	if !offer.Asks() {
		finish(offline.SignInChoice{})
		return
	}
	cancel := func() {
		env.Load(func(ctx context.Context) {
			if err := offer.Cancel(ctx); err != nil {
				fyne.LogError("end the session of a cancelled sign-in", err)
			}
		}, func() { done(false, nil) })
	}
	if env.Window == nil {
		cancel() // no one to ask: nothing changes
		return
	}
	var signedOut, others []string
	env.Load(func(ctx context.Context) {
		signedOut = describeRequests(ctx, env, offer.SignedOut)
		others = describeRequests(ctx, env, offer.Others)
	}, func() {
		askHandover(env, offer, signedOut, others, finish, cancel)
	})
}

// askHandover shows the question: a group for the requests made signed
// out (send with my account, or remove) and one for other residents'
// (keep for them, or remove), each described.
func askHandover(env *Env, offer *offline.SignInOffer, signedOut, others []string, finish func(offline.SignInChoice), cancel func()) {
	ch := offline.SignInChoice{SignedOut: offline.Adopt, Others: offline.Leave}
	box := container.NewVBox()
	if len(offer.SignedOut)+len(offer.SignedOutVisitors) > 0 {
		adopt, remove, intro := env.T("HandoverAdopt"), env.T("HandoverRemoveHere"), "HandoverSignedOutIntro"
		if len(offer.SignedOut) == 0 { // visitors only: nothing to send
			adopt, intro = env.T("HandoverAdoptVisitors"), "HandoverSignedOutVisitorsIntro"
		}
		choice := widget.NewRadioGroup([]string{adopt, remove}, func(s string) {
			ch.SignedOut = offline.Adopt
			if s == remove {
				ch.SignedOut = offline.Remove
			}
		})
		choice.Required = true
		choice.SetSelected(adopt)
		what := withVisitors(env, requestCounts(env, offer.SignedOut), "HandoverCountVisitors", len(offer.SignedOutVisitors))
		box.Add(widgets.NewWrappedLabel(env.L.Tf(intro, map[string]any{"What": what})))
		box.Add(requestLines(append(signedOut, visitorsLine(env, offer.SignedOutVisitors)...)))
		box.Add(choice)
	}
	if len(offer.Others)+offer.OthersVisitors > 0 {
		keep, remove, intro := env.T("HandoverKeep"), env.T("HandoverRemoveHere"), "HandoverOthersIntro"
		if len(offer.Others) == 0 {
			intro = "HandoverOthersVisitorsIntro"
		}
		choice := widget.NewRadioGroup([]string{keep, remove}, func(s string) {
			ch.Others = offline.Leave
			if s == remove {
				ch.Others = offline.Remove
			}
		})
		choice.Required = true
		choice.SetSelected(keep)
		if len(offer.SignedOut)+len(offer.SignedOutVisitors) > 0 {
			box.Add(widget.NewSeparator())
		}
		what := withVisitors(env, requestCounts(env, offer.Others), "HandoverCountOthersVisitors", offer.OthersVisitors)
		box.Add(widgets.NewWrappedLabel(env.L.Tf(intro, map[string]any{"What": what})))
		if len(others) > 0 { // another person's visitors are counted, never named
			box.Add(requestLines(others))
		}
		box.Add(choice)
	}
	showHandover(env, box, func() { finish(ch) }, cancel)
}

// handoverNarrow is the width under which the question fills the window
// and stacks its buttons: two buttons side by side in 长辈版 are wider
// than a phone.
const handoverNarrow = 600

// showHandover shows the question's body with Continue, the answer
// chosen, and Don't sign in under it. On a narrow window it takes the
// whole window and stacks the buttons, Continue on top, so that both fit
// and the choices stay in view.
func showHandover(env *Env, body fyne.CanvasObject, ok, cancel func()) {
	var d dialog.Dialog
	cont := widget.NewButtonWithIcon(env.T("HandoverContinue"), theme.ConfirmIcon(), func() { d.Hide(); ok() })
	cont.Importance = widget.HighImportance
	stop := widget.NewButtonWithIcon(env.T("HandoverCancel"), theme.CancelIcon(), func() { d.Hide(); cancel() })
	size := env.Window.Canvas().Size()
	buttons := container.NewHBox(layout.NewSpacer(), stop, cont)
	w, h := min(size.Width*0.95, 560), min(size.Height*0.8, 620)
	if size.Width < handoverNarrow {
		buttons = container.NewVBox(cont, stop)
		w, h = size.Width, size.Height
	}
	d = dialog.NewCustomWithoutButtons(env.T("HandoverTitle"),
		container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), buttons), nil, nil, container.NewVScroll(body)), env.Window)
	d.Resize(fyne.NewSize(w, h))
	d.Show()
}

// visitorsLine names the visitors saved signed out, for the person to
// recognise; none when there are none. The names are not masked: anyone
// using the device signed out sees them in full on the booking's visitors
// step, and masked they could not be told apart ("A**** S****").
func visitorsLine(env *Env, vs []offline.Visitor) []string {
	if len(vs) == 0 {
		return nil
	}
	names := make([]string, len(vs))
	for i, v := range vs {
		names[i] = v.Name
	}
	return []string{env.L.Tf("HandoverVisitorsLine", map[string]any{"Names": strings.Join(names, env.T("ListSeparator"))})}
}

// withVisitors adds n visitors, counted by the message id, to a group's
// counts of requests.
func withVisitors(env *Env, requests, id string, n int) string {
	if n == 0 {
		return requests
	}
	v := env.L.N(id, n, nil)
	if requests == "" {
		return v
	}
	return requests + env.T("ListSeparator") + v
}

// requestLines lists described requests, one a line.
func requestLines(lines []string) fyne.CanvasObject {
	l := widgets.NewWrappedLabel("• " + strings.Join(lines, "\n• "))
	l.Importance = widget.MediumImportance
	return l
}

// requestCounts says how many requests of each kind there are, in words:
// "1 ticket order, 2 appointments".
func requestCounts(env *Env, reqs []offline.PendingRequest) string {
	n := map[string]int{}
	for _, r := range reqs {
		switch r.Kind {
		case platform.Orders, platform.Appointments:
			n[r.Kind]++
		default:
			n[""]++
		}
	}
	var parts []string
	for _, k := range []struct{ kind, id string }{
		{platform.Orders, "HandoverCountOrders"}, {platform.Appointments, "HandoverCountAppointments"}, {"", "HandoverCountOther"},
	} {
		if n[k.kind] > 0 {
			parts = append(parts, env.L.N(k.id, n[k.kind], nil))
		}
	}
	return strings.Join(parts, env.T("ListSeparator"))
}

// describeRequests says what each request is for and when, the first
// handoverShown of them, then how many more.
func describeRequests(ctx context.Context, env *Env, reqs []offline.PendingRequest) []string {
	var out []string
	for i, r := range reqs {
		if i == handoverShown {
			out = append(out, env.L.N("HandoverMore", len(reqs)-i, nil))
			break
		}
		out = append(out, describeRequest(ctx, env, r))
	}
	return out
}

// describeRequest says what a request is for and when, as its owner
// would recognise it.
func describeRequest(ctx context.Context, env *Env, r offline.PendingRequest) string {
	switch r.Kind {
	case platform.Orders:
		what := r.Subject
		if a, err := env.Store.Attraction(ctx, r.Subject); err == nil {
			what = a.Name.In(env.L.Lang())
		}
		return env.L.N("HandoverOrderLine", int(r.Tickets), map[string]any{"What": what, "When": requestWhen(env, r)})
	case platform.Appointments:
		what := r.Subject
		if h, err := env.Store.ServiceHall(ctx, r.Subject); err == nil {
			what = hallName(env, h)
		}
		return env.L.Tf("HandoverAppointmentLine", map[string]any{"What": what, "When": requestWhen(env, r)})
	}
	kind := map[string]string{platform.CardLoss: "HandoverKindCardLoss", platform.Refunds: "HandoverKindRefund",
		platform.Feedback: "HandoverKindFeedback"}[r.Kind]
	if kind == "" {
		kind = "HandoverKindOther"
	}
	return env.L.Tf("HandoverOtherLine", map[string]any{"What": env.T(kind), "When": stamp(r.CreatedAt)})
}

// requestWhen is the date, weekday and time a request is for.
func requestWhen(env *Env, r offline.PendingRequest) string {
	return strings.TrimSpace(r.Date + " " + dayName(env, r.Date) + " " + r.Time)
}

package screens

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"jiangsupass/clock"
	"jiangsupass/offline"
	"jiangsupass/platform"
	"jiangsupass/screens/widgets"
)

// watchedAppointmentList is appointmentList, read again whenever a
// request changes in the store while the screen is shown (a booking or a
// cancel answered by the platform, a sign-in taking requests on), so that
// "cancelling…" becomes "cancelled" without reopening the screen. Only
// the list is read again: the form keeps what the user chose.
func watchedAppointmentList(env *Env, r Route, d appointmentData) fyne.CanvasObject {
	holder := container.NewStack(appointmentList(env, r, d))
	env.OnStoreChange(r, offline.ChangeRequests|offline.ChangePersonal, func() {
		fresh := appointmentData{names: map[string]string{}, services: map[int64]string{}}
		var err error
		env.Load(func(ctx context.Context) { err = loadBooked(ctx, env, &fresh) }, func() {
			if err != nil {
				fyne.LogError("appointments", err)
				return // the list shown stays
			}
			holder.Objects = []fyne.CanvasObject{appointmentList(env, r, fresh)}
			holder.Refresh()
		})
	})
	return holder
}

// appointmentList is "My bookings": each visit's service, hall, day and
// time with its weekday, its status, and what can be done with it
// (cancel; check in on the day).
func appointmentList(env *Env, r Route, d appointmentData) fyne.CanvasObject {
	var rows []fyne.CanvasObject
	if len(d.booked) == 0 {
		rows = append(rows, widgets.NewWrappedLabel(env.T("AppointmentNone")))
	}
	for _, a := range d.booked {
		rows = append(rows, appointmentRow(env, r, d, a)...)
	}
	return widgets.NewSection(env.T("AppointmentMine"), rows...)
}

// appointmentRow is one visit: the service as the title; the hall, the
// time and the status below; then its actions.
func appointmentRow(env *Env, r Route, d appointmentData, a offline.Appointment) []fyne.CanvasObject {
	service := d.services[a.ItemID]
	if service == "" {
		service = env.T("AppointmentService")
	}
	hall := d.names[a.HallID]
	if hall == "" {
		hall = a.HallID
	}
	when := visitWhen(env, a.Date, a.Time)
	out := []fyne.CanvasObject{widgets.NewInfoRow(service, hall+"\n"+when+" · "+appointmentStatus(env, a))}
	if cancellable(env, a) && !env.Kiosk {
		out = append(out, cancelButton(env, r, a, service, hall, when))
	}
	if a.Status == offline.RequestDone && a.Cancel != offline.CancelDone && a.Cancel != offline.CancelPending &&
		a.Date == clock.Date(env.Now()) && env.Shows(CheckInID) && !env.Kiosk {
		hallID := a.HallID
		out = append(out, widget.NewButtonWithIcon(env.T("CheckInHere"), theme.ConfirmIcon(), func() {
			env.Nav.Go(CheckInRoute(hallID, ""))
		}))
	}
	return out
}

// appointmentStatus says where a visit stands: its cancel, when there is
// one, else its booking's status (with the platform's reason for a
// refusal).
func appointmentStatus(env *Env, a offline.Appointment) string {
	switch a.Cancel {
	case offline.CancelPending:
		return env.T("AppointmentCancelling")
	case offline.CancelDone:
		if a.Status == offline.RequestWithdrawn {
			return env.T("AppointmentWithdrawn")
		}
		return env.T("AppointmentCancelled")
	}
	line := env.T(requestStatusMessage(a.Status))
	switch {
	case a.Status == offline.RequestRejected:
		line += " · " + refusalMessage(env, a.ErrorCode, a.Message)
	case a.Cancel == offline.CancelRefused:
		reason := refusalMessage(env, a.CancelCode, a.CancelMessage)
		if a.CancelCode == platform.CodeInThePast {
			reason = env.T("AppointmentCancelErrPast")
		}
		line += " · " + env.L.Tf("AppointmentCancelRefused", map[string]any{"Reason": reason})
	}
	return line
}

// cancellable reports whether the resident may still cancel a visit: it
// was not refused nor cancelled, and its time (China time) has not come.
func cancellable(env *Env, a offline.Appointment) bool {
	return (a.Status == offline.RequestPending || a.Status == offline.RequestDone) &&
		(a.Cancel == offline.CancelNone || a.Cancel == offline.CancelRefused) && env.Now().Before(a.At())
}

// cancelButton asks, then cancels the visit and shows the list again, the
// visit "cancelling…" (or "cancelled" when it was never sent).
func cancelButton(env *Env, r Route, a offline.Appointment, service, hall, when string) fyne.CanvasObject {
	status := widgets.NewWrappedLabel("")
	status.Hide()
	say := func(msg string) { status.SetText(msg); status.Show() }
	cancel := func() {
		var err error
		env.Load(func(ctx context.Context) { _, err = env.Store.CancelAppointment(ctx, a.LocalID) }, func() {
			switch {
			case errors.Is(err, offline.ErrCancelPast):
				say(env.T("AppointmentCancelErrPast"))
			case errors.Is(err, offline.ErrCancelNot):
				say(env.T("AppointmentCancelErrNot"))
			case err != nil:
				fyne.LogError("cancel appointment", err)
				say(env.T("AppointmentCancelFailed"))
			default:
				env.Nav.Go(r)
			}
		})
	}
	b := widget.NewButtonWithIcon(env.T("AppointmentCancel"), theme.ContentUndoIcon(), func() {
		if env.Window == nil {
			cancel()
			return
		}
		msg := env.L.Tf("AppointmentCancelConfirm", map[string]any{"Service": service, "Hall": hall, "When": when})
		d := dialog.NewConfirm(env.T("AppointmentCancelConfirmTitle"), msg, func(ok bool) {
			if ok {
				cancel()
			}
		}, env.Window)
		d.SetConfirmText(env.T("AppointmentCancel"))
		d.SetDismissText(env.T("AppointmentCancelKeep"))
		d.Show()
	})
	return container.NewVBox(b, status)
}

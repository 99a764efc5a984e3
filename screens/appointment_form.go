package screens

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"jiangsupass/clock"
	"jiangsupass/offline"
	"jiangsupass/platform"
	"jiangsupass/screens/widgets"
)

// bookingDates are the days from tomorrow in China on which the halls
// take appointments, with their labels in the user's language ("Thu 3
// Dec"): dates[i] is shown as labels[i].
func bookingDates(env *Env) (dates, labels []string) {
	today := clock.Midnight(env.Now())
	for i := 1; len(dates) < bookingDays && i < 3*bookingDays; i++ {
		day := today.AddDate(0, 0, i).Format(clock.DateLayout)
		if len(platform.HallTimes(day)) > 0 {
			dates = append(dates, day)
			labels = append(labels, visitDay(env, day))
		}
	}
	return dates, labels
}

// fieldRoom is the least width a picker of the appointment form is given
// beside its label: enough for a hall's name in 长辈版. Narrower, the
// labels go above the pickers.
const fieldRoom = 200

// appointmentForm picks hall, date and slot for the item and books: the
// service, the three pickers and Book come first; the notes follow.
func appointmentForm(env *Env, r Route, d appointmentData) fyne.CanvasObject {
	service := widgets.NewWrappedLabelWithStyle(env.svc(d.item.Name), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	hallNames := make([]string, len(d.halls))
	for i, h := range d.halls {
		hallNames[i] = hallName(env, h)
	}
	hall := widget.NewSelect(hallNames, nil)
	if len(hallNames) > 0 {
		hall.SetSelectedIndex(d.home.index)
	}
	dates, labels := bookingDates(env)
	slot := widget.NewSelect(nil, nil)
	date := widget.NewSelect(labels, nil)
	noPlaceholder(hall, date, slot)
	date.OnChanged = func(string) {
		if i := date.SelectedIndex(); i >= 0 {
			slot.SetOptions(platform.HallTimes(dates[i]))
			slot.SetSelectedIndex(0)
		}
	}
	if len(dates) > 0 {
		date.SetSelectedIndex(0)
	}
	status := widgets.NewWrappedLabel("")
	status.Hide() // until there is something to say
	say := func(msg string) { status.SetText(msg); status.Show() }
	book := widget.NewButtonWithIcon(env.T("AppointmentBook"), theme.Icon(theme.IconNameCalendar), nil)
	book.Importance = widget.HighImportance
	book.OnTapped = func() {
		if hall.SelectedIndex() < 0 || date.SelectedIndex() < 0 || slot.Selected == "" {
			say(env.T("AppointmentIncomplete"))
			return
		}
		req := platform.AppointmentRequest{HallID: d.halls[hall.SelectedIndex()].ID, ItemID: d.item.ID,
			Date: dates[date.SelectedIndex()], Time: slot.Selected}
		var err error
		env.Load(func(ctx context.Context) { _, err = env.Store.BookAppointment(ctx, req) }, func() {
			switch {
			case errors.Is(err, offline.ErrAppointmentPast):
				say(env.T("AppointmentErrPast"))
			case errors.Is(err, offline.ErrHallClosed):
				say(env.T("AppointmentErrClosed"))
			case err != nil:
				fyne.LogError("book appointment", err)
				say(env.T("AppointmentFailed"))
			default:
				env.Nav.Go(r) // show the appointment, pending, in the list
			}
		})
	}
	rows := []fyne.CanvasObject{service, widgets.NewFormRows(fieldRoom, widget.NewLabel(env.T("AppointmentHall")), hall,
		widget.NewLabel(env.T("AppointmentDate")), date, widget.NewLabel(env.T("AppointmentSlot")), slot)}
	if note := homeHallNote(env, d.home, d.halls); note != "" {
		rows = append(rows, widgets.NewWrappedLabel(note))
	}
	rows = append(rows, book, status, beijingTimeNote(env), widgets.NewWrappedLabel(env.T("AppointmentOutboxNote")))
	return widgets.NewSection(env.T("AppointmentNew"), rows...)
}

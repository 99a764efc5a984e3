package screens

import (
	"context"
	"errors"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"jiangsupass/clock"
	"jiangsupass/offline"
	"jiangsupass/platform"
	"jiangsupass/screens/widgets"
)

// AppointmentID books a visit to a service hall for an item: hall, date
// and time slot; the request goes through the outbox, so it can be made
// offline. It lists the resident's appointments with their status. Param
// is the item's ID ("" lists the appointments only).
const AppointmentID ID = "appointment"

// signInRoute is the sign-in screen, named by its ID.
var signInRoute = Route{Screen: "signin"}

// bookingDays is how many days ahead a visit can be booked.
const bookingDays = 14

func init() {
	Register(Screen{ID: AppointmentID, Tab: TabServices, Title: "AppointmentTitle", Icon: theme.IconNameCalendar,
		Tile: "AppointmentTile", Build: buildAppointment,
		Samples: func(*Env) []Route { return []Route{{Screen: AppointmentID, Param: "7"}} }})
}

// appointmentData is what the screen loads.
type appointmentData struct {
	item     offline.CatalogueItem
	hasItem  bool
	halls    []offline.ServiceHall
	names    map[string]string // hall ID → name
	booked   []offline.Appointment
	signedIn bool
}

func loadAppointments(ctx context.Context, env *Env, param string) (appointmentData, error) {
	d := appointmentData{names: map[string]string{}}
	var err error
	if param != "" {
		id, perr := strconv.ParseInt(param, 10, 64)
		if perr != nil {
			return d, offline.ErrNotFound
		}
		if d.item, err = env.Store.CatalogueItemByID(ctx, id); err != nil {
			return d, err
		}
		d.hasItem = true
		if d.halls, err = env.Store.HallsFor(ctx, d.item); err != nil {
			return d, err
		}
	}
	all, err := env.Store.ServiceHalls(ctx)
	if err != nil {
		return d, err
	}
	for _, h := range all {
		d.names[h.ID] = hallName(env, h)
	}
	if d.booked, err = env.Store.Appointments(ctx); err != nil {
		return d, err
	}
	_, serr := env.Store.Session(ctx)
	d.signedIn = serr == nil
	return d, nil
}

func buildAppointment(env *Env, r Route) fyne.CanvasObject {
	holder := container.NewStack(widgets.NewLoading(env.T("Loading")))
	var d appointmentData
	var err error
	env.Load(func(ctx context.Context) { d, err = loadAppointments(ctx, env, r.Param) }, func() {
		switch {
		case errors.Is(err, offline.ErrNotFound):
			holder.Objects = []fyne.CanvasObject{serviceItemMissing(env)}
		case err != nil:
			holder.Objects = []fyne.CanvasObject{readFailed(env, "AppointmentErrorTitle", "appointments", err, r)}
		default:
			holder.Objects = []fyne.CanvasObject{appointmentView(env, r, d)}
		}
		holder.Refresh()
	})
	return holder
}

func appointmentView(env *Env, r Route, d appointmentData) fyne.CanvasObject {
	box := container.NewVBox()
	if !d.signedIn {
		box.Add(widgets.NewBanner(theme.InfoIcon(), container.NewVBox(widgets.NewWrappedLabel(env.T("AppointmentSignIn")),
			widget.NewButton(env.T("AppointmentSignInAction"), func() { env.Nav.Go(signInRoute) }))))
	}
	if d.hasItem {
		box.Add(appointmentForm(env, r, d))
	} else {
		box.Add(widgets.NewWrappedLabel(env.T("AppointmentChooseItem")))
		box.Add(widget.NewButtonWithIcon(env.T("CatalogueTitle"), theme.Icon(theme.IconNameList), func() {
			env.Nav.Go(Route{Screen: CatalogueID})
		}))
	}
	var rows []fyne.CanvasObject
	if len(d.booked) == 0 {
		rows = append(rows, widgets.NewWrappedLabel(env.T("AppointmentNone")))
	}
	for _, a := range d.booked {
		line := a.Date + " " + dayName(env, a.Date) + " " + a.Time + " · " + env.T(requestStatusMessage(a.Status))
		if a.Status == offline.RequestRejected {
			line += " · " + refusalMessage(env, a.ErrorCode, a.Message)
		}
		rows = append(rows, widgets.NewInfoRow(d.names[a.HallID], line))
		if a.Status == offline.RequestDone && a.Date == clock.Date(env.Now()) && env.Shows(CheckInID) && !env.Kiosk {
			hall := a.HallID
			rows = append(rows, widget.NewButtonWithIcon(env.T("CheckInHere"), theme.ConfirmIcon(), func() {
				env.Nav.Go(Route{Screen: CheckInID, Param: CheckInParam(hall, "")})
			}))
		}
	}
	box.Add(widgets.NewSection(env.T("AppointmentMine"), rows...))
	return container.NewVScroll(container.NewPadded(box))
}

// requestStatusMessage is the message id of a request's status.
func requestStatusMessage(status string) string {
	switch status {
	case offline.RequestDone:
		return "RequestDone"
	case offline.RequestRejected:
		return "RequestRejected"
	}
	return "RequestPending"
}

// appointmentForm picks hall, date and slot for the item and books.
func appointmentForm(env *Env, r Route, d appointmentData) fyne.CanvasObject {
	title := widgets.NewWrappedLabelWithStyle(d.item.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	hallNames := make([]string, len(d.halls))
	for i, h := range d.halls {
		hallNames[i] = hallName(env, h)
	}
	hall := widget.NewSelect(hallNames, nil)
	if len(hallNames) > 0 {
		hall.SetSelectedIndex(0)
	}
	// Days from tomorrow in China on which the halls take appointments,
	// each shown with its day's name; dates[i] is the choice labels[i].
	var dates, labels []string
	today := clock.Midnight(env.Now())
	for i := 1; len(dates) < bookingDays && i < 3*bookingDays; i++ {
		day := today.AddDate(0, 0, i).Format(clock.DateLayout)
		if len(platform.HallTimes(day)) > 0 {
			dates = append(dates, day)
			labels = append(labels, day+" "+dayName(env, day))
		}
	}
	slot := widget.NewSelect(nil, nil)
	date := widget.NewSelect(labels, nil)
	date.OnChanged = func(string) {
		if i := date.SelectedIndex(); i >= 0 {
			slot.SetOptions(platform.HallTimes(dates[i]))
			slot.SetSelectedIndex(0)
		}
	}
	date.SetSelectedIndex(0)
	status := widgets.NewWrappedLabel("")
	book := widget.NewButtonWithIcon(env.T("AppointmentBook"), theme.Icon(theme.IconNameCalendar), nil)
	book.Importance = widget.HighImportance
	book.OnTapped = func() {
		if hall.SelectedIndex() < 0 || slot.Selected == "" {
			status.SetText(env.T("AppointmentIncomplete"))
			return
		}
		req := platform.AppointmentRequest{HallID: d.halls[hall.SelectedIndex()].ID, ItemID: d.item.ID,
			Date: dates[date.SelectedIndex()], Time: slot.Selected}
		var err error
		env.Load(func(ctx context.Context) { _, err = env.Store.BookAppointment(ctx, req) }, func() {
			switch {
			case errors.Is(err, offline.ErrAppointmentPast):
				status.SetText(env.T("AppointmentErrPast"))
				return
			case errors.Is(err, offline.ErrHallClosed):
				status.SetText(env.T("AppointmentErrClosed"))
				return
			case err != nil:
				fyne.LogError("book appointment", err)
				status.SetText(env.T("AppointmentFailed"))
				return
			}
			env.Nav.Go(r) // show the appointment, pending, in the list
		})
	}
	return widgets.NewSection(env.T("AppointmentNew"), title,
		widgets.NewInfoRow(env.T("AppointmentHall"), ""), hall,
		widgets.NewInfoRow(env.T("AppointmentDate"), ""), date,
		widgets.NewInfoRow(env.T("AppointmentSlot"), ""), slot, beijingTimeNote(env),
		widgets.NewWrappedLabel(env.T("AppointmentOutboxNote")), book, status)
}

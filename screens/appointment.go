package screens

import (
	"context"
	"errors"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"jiangsupass/offline"
	"jiangsupass/screens/widgets"
)

// AppointmentID books a visit to a service hall for an item: hall, date
// and time slot; the request goes through the outbox, so it can be made
// offline. It lists the resident's appointments with their service and
// status, and cancels them. Param is the item's ID ("" lists the
// appointments only). The booking form comes first, so that Book is
// reached without scrolling; the halls are behind a picker that starts at
// the resident's own city's hall (see appointment_hall.go).
const AppointmentID ID = "appointment"

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
	home     homeHall
	names    map[string]string // hall ID → name
	services map[int64]string  // item ID → name, of the items booked
	booked   []offline.Appointment
	signedIn bool
}

func loadAppointments(ctx context.Context, env *Env, param string) (appointmentData, error) {
	d := appointmentData{names: map[string]string{}, services: map[int64]string{}}
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
		if d.home, err = loadHomeHall(ctx, env, d.halls); err != nil {
			return d, err
		}
	}
	if err := loadBooked(ctx, env, &d); err != nil {
		return d, err
	}
	_, serr := env.Store.Session(ctx)
	d.signedIn = serr == nil
	return d, nil
}

// loadBooked reads the resident's appointments into d, with the names of
// their halls and services.
func loadBooked(ctx context.Context, env *Env, d *appointmentData) error {
	all, err := env.Store.ServiceHalls(ctx)
	if err != nil {
		return err
	}
	for _, h := range all {
		d.names[h.ID] = hallName(env, h)
	}
	if d.booked, err = env.Store.Appointments(ctx); err != nil {
		return err
	}
	for _, a := range d.booked {
		if _, ok := d.services[a.ItemID]; ok {
			continue
		}
		it, err := env.Store.CatalogueItemByID(ctx, a.ItemID)
		switch {
		case err == nil:
			d.services[a.ItemID] = env.svc(it.Name)
		case !errors.Is(err, offline.ErrNotFound):
			return err
		}
	}
	return nil
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

// appointmentView is the form (or the way to a service) first, then the
// sign-in note, then the resident's appointments.
func appointmentView(env *Env, r Route, d appointmentData) fyne.CanvasObject {
	box := container.NewVBox()
	if d.hasItem {
		box.Add(appointmentForm(env, r, d))
	} else {
		choose := widget.NewButtonWithIcon(env.T("AppointmentChooseService"), theme.Icon(theme.IconNameList), func() {
			env.Nav.Go(Route{Screen: CatalogueID})
		})
		choose.Importance = widget.HighImportance
		box.Add(widgets.NewSection(env.T("AppointmentNew"), widgets.NewWrappedLabel(env.T("AppointmentChooseItem")), choose))
	}
	if !d.signedIn {
		box.Add(widgets.NewBanner(theme.InfoIcon(), container.NewVBox(widgets.NewWrappedLabel(env.T("AppointmentSignIn")),
			widget.NewButton(env.T("AppointmentSignInAction"), func() { env.Nav.Go(signInFrom(r)) }))))
	}
	box.Add(watchedAppointmentList(env, r, d))
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

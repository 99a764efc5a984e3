package app

import (
	"context"
	"errors"
	"strconv"
	"time"

	"jiangsupass/clock"
	"jiangsupass/offline"
	"jiangsupass/platform"
	"jiangsupass/screens"
)

// bookedAttraction is the attraction whose booking the resident's
// pictures walk through: the Confucius Temple.
const bookedAttraction = "5a-002"

// errNoPicture is returned when the resident's store lacks what one of
// their pictures shows.
var errNoPicture = errors.New("the resident's store lacks what a picture shows")

// residentShots are the pictures of the resident's screens, drawn from
// store, in which a resident is signed in: their card, 苏服码, account,
// orders and e-tickets, a booking step by step for the people they saved,
// their number at the hall they booked a visit to, a terminal's verdict on
// their code and on stale (a code shown days ago), their applications,
// an appointment form and the hotline. The pictures the screens' own
// samples once drew keep their names ("-sample").
func residentShots(ctx context.Context, store *offline.Store, stale string) ([]shot, error) {
	now := snapshotClock()
	code, err := store.PresentCode(ctx, platform.CredentialService, now)
	if err != nil {
		return nil, err
	}
	running, unsent, err := ticketsShown(ctx, store, now)
	if err != nil {
		return nil, err
	}
	hall, err := visitedHall(ctx, store, now)
	if err != nil {
		return nil, err
	}
	booking, err := bookingShots(ctx, store, now)
	if err != nil {
		return nil, err
	}
	shots := []shot{
		{"card-sample", screens.Route{Screen: screens.CardID}},
		{"servicecode-sample", screens.Route{Screen: screens.ServiceCodeID}},
		{"signin-sample", screens.Route{Screen: screens.SignInID}},
		{"tickets-sample", screens.Route{Screen: screens.TicketsID}},
		{"eticket-sample:1", screens.Route{Screen: screens.ETicketID, Param: strconv.FormatInt(running, 10)}},
		{"eticket-sample:2", screens.Route{Screen: screens.ETicketID, Param: strconv.FormatInt(unsent, 10)}},
		{"checkin-sample", screens.CheckInRoute(hall, code.Text)},
		{"verify-sample-valid", screens.VerifyScanRoute(code.Text)},
		{"verify-sample-invalid", screens.VerifyScanRoute(stale)},
		{"progress-sample", screens.Route{Screen: screens.ProgressID}},
		{"appointment-7-sample", screens.Route{Screen: screens.AppointmentID, Param: "7"}},
		{"hotline-sample", screens.Route{Screen: screens.HotlineID}},
	}
	return append(shots, booking...), nil
}

// ticketsShown are the local IDs of the order whose slot runs at now and
// of the first order not yet sent.
func ticketsShown(ctx context.Context, store *offline.Store, now time.Time) (running, unsent int64, err error) {
	orders, err := store.TicketOrders(ctx)
	if err != nil {
		return 0, 0, err
	}
	for _, o := range orders {
		switch {
		case running == 0 && o.Status == "confirmed" && o.RefundState == "" && !now.Before(o.SlotStart()) && now.Before(o.SlotEnd()):
			running = o.LocalID
		case unsent == 0 && o.Status == offline.RequestPending:
			unsent = o.LocalID
		}
	}
	if running == 0 || unsent == 0 {
		return 0, 0, errors.Join(errNoPicture, errors.New("an order running now and one not yet sent"))
	}
	return running, unsent, nil
}

// visitedHall is the hall of the resident's visit booked for now's day.
func visitedHall(ctx context.Context, store *offline.Store, now time.Time) (string, error) {
	apps, err := store.Appointments(ctx)
	if err != nil {
		return "", err
	}
	for _, a := range apps {
		if a.Date == clock.Date(now) && a.Status == offline.RequestDone {
			return a.HallID, nil
		}
	}
	return "", errors.Join(errNoPicture, errors.New("a visit booked for the day"))
}

// bookingShots walk the booking of the attraction's second day with
// tickets, its first open slot, an adult's and a child's ticket, for the
// first two people the resident saved: each step, named as the samples
// of the booking screen once were.
func bookingShots(ctx context.Context, store *offline.Store, now time.Time) ([]shot, error) {
	slots, err := store.TicketSlots(ctx, bookedAttraction, clock.Date(now))
	if err != nil {
		return nil, err
	}
	products, err := store.TicketProducts(ctx, bookedAttraction)
	if err != nil {
		return nil, err
	}
	visitors, err := store.Visitors(ctx)
	if err != nil {
		return nil, err
	}
	b := screens.BookingStep{Attraction: bookedAttraction}
	days := 0
	for _, s := range slots {
		if s.Date != b.Date {
			days++
			b.Date = s.Date
		}
		if days == 2 && s.Remaining > 0 {
			b.Slot = s.ID
			break
		}
	}
	if b.Slot == "" || len(products) < 2 || len(visitors) < 2 {
		return nil, errors.Join(errNoPicture, errors.New("a second day of slots, two kinds of ticket and two saved people"))
	}
	step := func(name string, b screens.BookingStep) shot {
		b.Step = name
		return shot{"booking-sample:" + name, screens.BookingRoute(b)}
	}
	chosen := b
	chosen.Counts = map[string]int{products[0].ID: 1, products[1].ID: 1}
	named := chosen
	named.Visitors = []string{visitors[0].ID, visitors[1].ID}
	return []shot{
		step("date", screens.BookingStep{Attraction: bookedAttraction}),
		step("slot", screens.BookingStep{Attraction: bookedAttraction, Date: b.Date}),
		step("types", chosen),
		step("visitors", chosen),
		step("review", named),
	}, nil
}

package demoworld

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"jiangsupass/clock"
	"jiangsupass/clock/clocktest"
	"jiangsupass/idcard"
	"jiangsupass/offline"
	"jiangsupass/platform"
	"jiangsupass/platform/server"
)

// World is a reference platform and the clock it shares with the stores
// filled from it. The world is seen at At: the clock starts some days
// before, so that the resident can have done things in the past (a visit
// they have made), and Fill leaves it at At.
type World struct {
	*Platform
	Clock *clocktest.Settable
	At    time.Time
}

// lookBack is how long before At the world begins: the past order's slot
// is then, and the platform's ticket slots run from that day for a week.
const lookBack = 3 * 24 * time.Hour

// New starts a world seen at at, its platform's database in dir. Close
// it when done.
func New(ctx context.Context, dir string, at time.Time) (*World, error) {
	start := clock.Midnight(at.Add(-lookBack)).Add(8 * time.Hour) // 08:00 in China, three days before
	clk := clocktest.NewSettable(start)
	p, err := StartPlatform(ctx, dir, clk.Now)
	if err != nil {
		return nil, err
	}
	return &World{Platform: p, Clock: clk, At: at}, nil
}

// StoreOptions are the options to open a store of the world with: its
// clock, and the demo anchor to trust.
func (w *World) StoreOptions() offline.Options {
	return offline.Options{Now: w.Clock.Now, Anchors: Anchors()}
}

// OpenAndFill opens two stores of the world in dir, a visitor's
// (dir/visitor) and a resident's (dir/resident), and fills them (Fill).
// The caller closes both.
func (w *World) OpenAndFill(ctx context.Context, dir string) (visitor, resident *offline.Store, r Resident, err error) {
	open := func(name string) (*offline.Store, error) {
		s, _, err := offline.Open(ctx, filepath.Join(dir, name, "jiangsupass.db"), w.StoreOptions())
		return s, err
	}
	if visitor, err = open("visitor"); err != nil {
		return nil, nil, r, err
	}
	if resident, err = open("resident"); err != nil {
		_ = visitor.Close()
		return nil, nil, r, err
	}
	if r, err = w.Fill(ctx, visitor, resident); err != nil {
		_ = visitor.Close()
		_ = resident.Close()
		return nil, nil, r, err
	}
	return visitor, resident, r, nil
}

// Fill fills resident's store with a resident's life (see Resident) and
// then visitor's with the platform's public data, with a busy day's crowd
// levels (busyDay); either may be nil. It leaves the clock at At.
func (w *World) Fill(ctx context.Context, visitor, resident *offline.Store) (Resident, error) {
	var r Resident
	if resident != nil {
		var err error
		if r, err = w.fillResident(ctx, resident); err != nil {
			return r, fmt.Errorf("fill the resident's store: %w", err)
		}
	}
	// Five minutes before At the gates of a few areas admit a busy day's
	// visitors; at At the platform's crowd levels hold them exactly.
	w.Clock.Set(w.At.Add(-5 * time.Minute))
	if err := w.busyDay(ctx); err != nil {
		return r, err
	}
	w.Clock.Set(w.At)
	if visitor != nil {
		if err := w.syncPublic(ctx, visitor, w.Client(nil)); err != nil {
			return r, fmt.Errorf("fill the visitor's store: %w", err)
		}
	}
	return r, nil
}

// syncPublic syncs store's collections from the platform, delivering the
// requests it holds: the app's sync, run once.
func (w *World) syncPublic(ctx context.Context, store *offline.Store, c *platform.Client) error {
	if err := store.UseServer(ctx, w.URL); err != nil {
		return err
	}
	eng := offline.NewSyncEngine(store, c, offline.SyncOptions{})
	defer eng.Stop()
	return eng.Sync(ctx)
}

// Resident is what Fill made of the resident's life that the store does
// not name by itself.
type Resident struct {
	// Phone is the number the resident signed in with.
	Phone string
	// Client is the platform's client the resident signed in on, as the
	// app's sync engine holds it.
	Client *platform.Client
	// StaleCode is a 苏服码 the resident's phone showed three days before
	// At: a screenshot kept too long, which a terminal refuses.
	StaleCode string
}

// errNoSlot is returned when the platform has no slot where Fill books.
var errNoSlot = errors.New("no such ticket slot")

// fillResident signs the first demo resident in on store and lives their
// last days: three days before At they save three visitors, visit the
// Confucius Temple (5a-002) and book a visit to Nanjing's service hall for
// At's morning; the evening before At they book tickets for At's first
// slot and for the next day's second, which they then refund; just before
// At they book the third day's first slot, which stays unsent. Their card,
// codes and the trust list are synced last, so that they are current at
// At.
func (w *World) fillResident(ctx context.Context, store *offline.Store) (Resident, error) {
	r := Resident{Phone: server.DemoAccounts[0].Phone}
	c, err := w.signIn(ctx, store, r.Phone)
	if err != nil {
		return r, err
	}
	l := life{w: w, store: store, c: c}
	visitors, err := l.saveVisitors(ctx)
	if err != nil {
		return r, err
	}
	shown, err := store.PresentCode(ctx, platform.CredentialService, w.Clock.Now())
	if err != nil {
		return r, err
	}
	r.StaleCode, r.Client = shown.Text, c
	l.visitors = visitors
	for _, step := range []func(context.Context) error{l.threeDaysBefore, l.eveningBefore, l.justBefore} {
		if err := step(ctx); err != nil {
			return r, err
		}
	}
	return r, nil
}

// signIn syncs store from the platform, signs phone in with the code the
// platform sent it, and syncs the resident's card, codes and trust list.
// The client it returns holds the session, and hands the store the
// tokens of every refresh, as the app's does.
func (w *World) signIn(ctx context.Context, store *offline.Store, phone string) (*platform.Client, error) {
	origin := ""
	c := w.Client(func(t platform.Tokens) {
		_ = store.KeepTokens(context.WithoutCancel(ctx), origin, t)
	})
	origin = c.Origin()
	if err := w.syncPublic(ctx, store, c); err != nil {
		return nil, err
	}
	if _, err := c.RequestCode(ctx, phone); err != nil {
		return nil, err
	}
	if _, err := store.SignIn(ctx, c, phone, w.code(phone)); err != nil {
		return nil, err
	}
	return c, store.SyncPersonal(ctx, c)
}

// life is what the resident does on their store, signed in on c.
type life struct {
	w        *World
	store    *offline.Store
	c        *platform.Client
	visitors []offline.Visitor
}

// saveVisitors saves the people the resident books tickets for.
func (l *life) saveVisitors(ctx context.Context) ([]offline.Visitor, error) {
	var out []offline.Visitor
	for _, v := range demoVisitors {
		saved, err := l.store.SaveVisitor(ctx, v)
		if err != nil {
			return nil, fmt.Errorf("save visitor %s: %w", v.Name, err)
		}
		out = append(out, saved)
	}
	return out, nil
}

// day is the date n days after At's, in China.
func (l *life) day(n int) string {
	return clock.Midnight(l.w.At).AddDate(0, 0, n).Format(clock.DateLayout)
}

// book books the demo attraction's slot of date that starts at start,
// for the first two visitors.
func (l *life) book(ctx context.Context, date, start string) (offline.TicketOrder, error) {
	return l.w.bookTickets(ctx, l.store, date, start, l.visitors[:2])
}

// sync is the app's sync, run once: requests out, changes in.
func (l *life) sync(ctx context.Context) error { return l.w.syncPublic(ctx, l.store, l.c) }

// threeDaysBefore: the visit to the Confucius Temple that afternoon, and
// a visit to the service hall booked for At's morning, both sent.
func (l *life) threeDaysBefore(ctx context.Context) error {
	if _, err := l.book(ctx, l.day(-3), "13:00"); err != nil {
		return err
	}
	if _, err := l.store.BookAppointment(ctx, platform.AppointmentRequest{HallID: DemoHall, ItemID: DemoItem, Date: l.day(0), Time: "10:00"}); err != nil {
		return err
	}
	return l.sync(ctx)
}

// eveningBefore, at 18:00: tickets for At's first slot, and for the next
// day's second, sent and then refunded.
func (l *life) eveningBefore(ctx context.Context) error {
	l.w.Clock.Set(clock.Midnight(l.w.At).Add(-6 * time.Hour))
	if _, err := l.book(ctx, l.day(0), "09:00"); err != nil {
		return err
	}
	refund, err := l.book(ctx, l.day(1), "11:00")
	if err != nil {
		return err
	}
	if err := l.sync(ctx); err != nil {
		return err
	}
	if err := l.store.RequestRefund(ctx, refund.LocalID); err != nil {
		return err
	}
	return l.sync(ctx)
}

// justBefore, ten minutes before At: a sync, the card, codes and trust
// list made current, and tickets for the third day's first slot, which
// stay unsent (nothing syncs again).
func (l *life) justBefore(ctx context.Context) error {
	l.w.Clock.Set(l.w.At.Add(-10 * time.Minute))
	if err := l.sync(ctx); err != nil {
		return err
	}
	if err := l.store.SyncPersonal(ctx, l.c); err != nil {
		return err
	}
	_, err := l.book(ctx, l.day(2), "09:00")
	return err
}

// DemoHall and DemoItem are where and for what the resident booked a
// visit on At's morning: Nanjing's government service centre, and the
// catalogue's item 7.
const (
	DemoHall = "hall-320100"
	DemoItem = 7
)

// demoAttraction is where the resident buys tickets: the Confucius Temple.
const demoAttraction = "5a-002"

// demoVisitors are the people the resident books tickets for: the first
// two go on every order.
var demoVisitors = []offline.Visitor{
	{Name: "王小明", DocKind: string(idcard.KindResidentID), DocNumber: "320102198503151230"},
	{Name: "Anna Smith", DocKind: string(idcard.KindPassport), DocNumber: "C01X00T47"},
	{Name: "陳大文", DocKind: string(idcard.KindHKMacau), DocNumber: "H12345678"},
}

// bookTickets books the slot of the demo attraction that starts at start
// on date, an adult's ticket for the first visitor and a child's for the
// second.
func (w *World) bookTickets(ctx context.Context, store *offline.Store, date, start string, visitors []offline.Visitor) (offline.TicketOrder, error) {
	slots, err := store.TicketSlots(ctx, demoAttraction, date)
	if err != nil {
		return offline.TicketOrder{}, err
	}
	for _, sl := range slots {
		if sl.Date != date || sl.Start != start {
			continue
		}
		kinds := []string{"adult", "child"}
		var lines []platform.OrderVisitor
		for i, v := range visitors {
			lines = append(lines, platform.OrderVisitor{Name: v.Name, DocKind: v.DocKind, DocNumber: v.DocNumber,
				ProductID: demoAttraction + "-" + kinds[i%len(kinds)]})
		}
		return store.BookTickets(ctx, sl, lines)
	}
	return offline.TicketOrder{}, fmt.Errorf("%s %s %s: %w", demoAttraction, date, start, errNoSlot)
}

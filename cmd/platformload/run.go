package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"time"

	"jiangsupass/platform"
	"jiangsupass/platform/loadtest"
)

// plan is what every device of a run does, and on what.
type plan struct {
	devices   int
	hot       []platform.TicketSlot // the few slots everyone orders from
	tickets   int                   // per order
	halls     []string              // the halls everyone books at, on day at hm
	day, hm   string
	touchPct  int // percent of the data changed between the first sync and the next
	rampSteps []int
	rampFor   time.Duration
}

// outcome is what a run measured and found.
type outcome struct {
	wall     time.Duration
	figures  []loadtest.RouteFigures
	changes  int               // items changed between the syncs
	delta    int               // changes the devices' second syncs received, in all
	sold     map[string]int64  // tickets confirmed per hot slot, from the answers
	left     map[string]int64  // remaining per hot slot, from the platform
	booked   map[string]int    // visits booked per hall time, from the answers
	answered map[string]int    // mutations answered 201, by kind
	keys     map[string]string // idempotency key → kind, of every delivered intent
	ramp     []rampStep
}

// runFleet runs the devices against the nodes: all sign in and make a
// first sync; then pct percent of the data changes; then each syncs its
// deltas, renews its codes, orders tickets on a hot slot and books a
// hall visit, through its outbox.
func runFleet(ctx context.Context, p plan, nodes *loadtest.Nodes, base string, a *admin, codes *loadtest.CodeBook, rec *loadtest.Recorder) (outcome, []*loadtest.Device, error) {
	devs := make([]*loadtest.Device, p.devices)
	for i := range devs {
		d, err := loadtest.NewDevice(i+1, base, nodes, rec)
		if err != nil {
			return outcome{}, nil, err
		}
		devs[i] = d
	}
	out := outcome{sold: map[string]int64{}, left: map[string]int64{}, booked: map[string]int{}, answered: map[string]int{},
		keys: map[string]string{}}
	start := time.Now()
	if err := each(ctx, devs, func(d *loadtest.Device) error {
		if err := d.SignIn(ctx, codes.Wait); err != nil {
			return err
		}
		_, err := d.Sync(ctx)
		return err
	}); err != nil {
		return out, devs, err
	}
	first := time.Since(start)
	changed, err := a.touchPercent(ctx, p.touchPct)
	if err != nil {
		return out, devs, fmt.Errorf("change %d%% of the data: %w", p.touchPct, err)
	}
	out.changes = changed
	second := time.Now()
	var mu sync.Mutex
	if err := each(ctx, devs, func(d *loadtest.Device) error {
		n, err := d.Sync(ctx)
		if err != nil {
			return err
		}
		mu.Lock()
		out.delta += n
		mu.Unlock()
		if err := d.Renew(ctx); err != nil {
			return err
		}
		slot := p.hot[d.N%len(p.hot)]
		product := slot.AttractionID + "-adult"
		visitors := make([]platform.OrderVisitor, p.tickets)
		for i := range visitors {
			visitors[i] = platform.OrderVisitor{Name: "游客", DocKind: "id_card", DocNumber: loadtest.ResidentID(d.N*10 + i), ProductID: product}
		}
		if err := d.Queue(platform.Orders, platform.OrderRequest{SlotID: slot.ID, ProductID: product,
			Quantity: int64(len(visitors)), Visitors: visitors}); err != nil {
			return err
		}
		if err := d.Queue(platform.Appointments, platform.AppointmentRequest{HallID: p.halls[d.N%len(p.halls)], ItemID: 3,
			Date: p.day, Time: p.hm}); err != nil {
			return err
		}
		return d.Deliver(ctx)
	}); err != nil {
		return out, devs, err
	}
	out.wall = first + time.Since(second)
	out.figures = rec.Figures()
	tally(&out, devs)
	ids := make([]string, len(p.hot))
	for i, s := range p.hot {
		ids[i] = s.ID
	}
	page, err := a.client.Lookup(ctx, platform.TicketSlots, ids)
	if err != nil {
		return out, devs, err
	}
	for _, raw := range page.Upserts {
		var s platform.TicketSlot
		if err := json.Unmarshal(raw, &s); err != nil {
			return out, devs, err
		}
		out.left[s.ID] = s.Remaining
	}
	return out, devs, nil
}

// tally reads the devices' answers: tickets sold per slot, visits booked
// per hall time, answers by kind, and every key delivered.
func tally(out *outcome, devs []*loadtest.Device) {
	for _, d := range devs {
		for _, a := range d.Answers {
			out.keys[a.Key] = a.Kind
			if a.Status != http.StatusCreated {
				continue
			}
			out.answered[a.Kind]++
			switch a.Kind {
			case platform.Orders:
				var o platform.Order
				if json.Unmarshal(a.Body, &o) == nil {
					out.sold[o.SlotID] += o.Quantity
				}
			case platform.Appointments:
				var ap platform.Appointment
				if json.Unmarshal(a.Body, &ap) == nil {
					out.booked[ap.HallID+" "+ap.Date+" "+ap.Time]++
				}
			}
		}
	}
}

// each runs f for every device at once and returns the first failure.
func each(ctx context.Context, devs []*loadtest.Device, f func(d *loadtest.Device) error) error {
	var wg sync.WaitGroup
	errs := make(chan error, len(devs))
	for _, d := range devs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if ctx.Err() != nil {
				errs <- ctx.Err()
				return
			}
			if err := f(d); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	return <-errs
}

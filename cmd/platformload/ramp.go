package main

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"jiangsupass/platform"
	"jiangsupass/platform/loadtest"
)

// rampStep is what one node did with a number of devices working at once.
type rampStep struct {
	devices    int
	reqPerSec  float64
	p99        time.Duration
	errors     int
	slowest    string        // the route with the highest p99
	slowestP99 time.Duration // its p99
	busiest    string        // the route that took the most time in all
	// cores used on average by the node, by the devices (this program),
	// and by everything else on the machine (PostgreSQL, and whatever
	// else runs)
	nodeCores, loadCores, restCores float64
	firstErr                        string // the first error of the step, if any
}

// ramp finds where the nodes saturate: for each number of devices in
// steps, that many of the signed-in devices work at once for a while,
// each repeating what a device does all day (sync its deltas, renew its
// codes, try an order on a hot slot, try a hall visit), and the step's
// requests per second, p99 and slowest route are noted.
func ramp(ctx context.Context, p plan, devs []*loadtest.Device, rec *loadtest.Recorder, nodes []int) []rampStep {
	nodeCPU := func() time.Duration {
		var t time.Duration
		for _, pid := range nodes {
			t += loadtest.ProcessCPU(pid)
		}
		return t
	}
	var out []rampStep
	for _, n := range p.rampSteps {
		if n > len(devs) || ctx.Err() != nil {
			break
		}
		rec.Reset()
		stepCtx, cancel := context.WithTimeout(ctx, p.rampFor)
		var wg sync.WaitGroup
		var errs atomic.Int64
		var firstErr atomic.Value
		node0, self0, all0 := nodeCPU(), loadtest.SelfCPU(), loadtest.MachineCPU()
		start := time.Now()
		for _, d := range devs[:n] {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for stepCtx.Err() == nil {
					if err := dayOfDevice(stepCtx, p, d); err != nil && stepCtx.Err() == nil {
						errs.Add(1)
						firstErr.CompareAndSwap(nil, err.Error())
					}
				}
			}()
		}
		wg.Wait()
		cancel()
		wall := time.Since(start)
		figs := rec.Figures()
		reqs, _ := loadtest.Total(figs)
		cores := func(d time.Duration) float64 { return d.Seconds() / wall.Seconds() }
		st := rampStep{devices: n, reqPerSec: float64(reqs) / wall.Seconds(), errors: int(errs.Load()),
			nodeCores: cores(nodeCPU() - node0), loadCores: cores(loadtest.SelfCPU() - self0)}
		st.restCores = max(0, cores(loadtest.MachineCPU()-all0)-st.nodeCores-st.loadCores)
		if e, ok := firstErr.Load().(string); ok {
			st.firstErr = e
		}
		var most time.Duration
		for _, f := range figs {
			if f.P99 > st.slowestP99 {
				st.slowest, st.slowestP99 = f.Route, f.P99
			}
			if t := time.Duration(f.Requests) * f.P50; t > most {
				st.busiest, most = f.Route, t
			}
			st.p99 = max(st.p99, f.P99)
		}
		out = append(out, st)
	}
	return out
}

// dayOfDevice is one round of what a device does after its first sync.
// (It does not renew its tokens: a device does that every quarter of an
// hour, and the limits per address would refuse a device that did it
// many times a second.)
func dayOfDevice(ctx context.Context, p plan, d *loadtest.Device) error {
	if _, err := d.Sync(ctx); err != nil {
		return err
	}
	if err := d.RenewCodes(ctx); err != nil {
		return err
	}
	slot := p.hot[d.N%len(p.hot)]
	product := slot.AttractionID + "-adult"
	if err := d.Queue(platform.Orders, platform.OrderRequest{SlotID: slot.ID, ProductID: product, Quantity: 1,
		Visitors: []platform.OrderVisitor{{Name: "游客", DocKind: "id_card", DocNumber: loadtest.ResidentID(d.N*10 + 9), ProductID: product}}}); err != nil {
		return err
	}
	if err := d.Queue(platform.Appointments, platform.AppointmentRequest{HallID: p.halls[d.N%len(p.halls)], ItemID: 3,
		Date: p.day, Time: p.hm}); err != nil {
		return err
	}
	return d.Deliver(ctx)
}

package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"os/signal"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"jiangsupass/clock"
	"jiangsupass/platform"
)

// simConfig is what simulate-day plays.
type simConfig struct {
	speed    float64  // simulated minutes a real minute: 60 plays a minute a second
	from, to int      // the simulated day, in minutes after midnight in China
	visit    int      // minutes a visitor stays where the gates count exits
	areas    []string // the areas to play; none means every one
	seed     uint64
	senders  int // requests in flight at once
}

// simulateDayCommand plays a generated day against a running server:
// admin simulate-day [--speed 60] [--from 08:00] [--to 20:00] [--areas 5a-002,…].
func simulateDayCommand(t adminTarget, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("platform admin simulate-day", flag.ContinueOnError)
	speed := fs.Float64("speed", 60, "simulated minutes a real minute: 60 plays one minute a second, 1 plays in real time")
	from := fs.String("from", "08:00", "when the simulated day starts (HH:MM)")
	to := fs.String("to", "20:00", "when it ends (HH:MM)")
	visit := fs.Int("visit", 150, "minutes a visitor stays, where the gates count exits")
	areas := fs.String("areas", "", "comma-separated attraction IDs to play (default: every scenic area)")
	seed := fs.Uint64("seed", 1, "the seed of the generated day; the same seed plays the same day")
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg := simConfig{speed: *speed, visit: *visit, seed: *seed, senders: 8}
	var err error
	if cfg.from, err = minuteOfDay(*from); err == nil {
		cfg.to, err = minuteOfDay(*to)
	}
	if err != nil || cfg.to <= cfg.from || cfg.speed <= 0 || cfg.visit <= 0 || fs.NArg() > 0 {
		return errors.New("usage: admin simulate-day [--speed N>0] [--from HH:MM] [--to HH:MM, after --from] [--visit MINUTES] [--areas ID,…] [--seed N]")
	}
	if *areas != "" {
		cfg.areas = strings.Split(*areas, ",")
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return simulateDay(ctx, t, cfg, time.Now, out)
}

// minuteOfDay reads HH:MM as minutes after midnight.
func minuteOfDay(hm string) (int, error) {
	var h, m int
	if _, err := fmt.Sscanf(hm, "%d:%d", &h, &m); err != nil || h < 0 || h > 24 || m < 0 || m > 59 || h*60+m > 24*60 {
		return 0, fmt.Errorf("%q is not HH:MM", hm)
	}
	return h*60 + m, nil
}

// simGate is a gate the simulation sends through.
type simGate struct {
	name   string
	client *platform.Client
}

// simulateDay issues two gate tokens to each area, books part of today's
// and tomorrow's slots, then plays the day minute by minute at cfg.speed:
// groups are admitted through the gates (a few tickets a second time at
// the other gate, which the platform flags) and, where the gates count
// exits, leave after the visit. Admissions are stamped with now, the
// server's clock, so the map changes while one watches. Every hour of the
// simulated day it prints the busiest areas.
func simulateDay(ctx context.Context, t adminTarget, cfg simConfig, now func() time.Time, out io.Writer) error {
	public := platform.NewClient(t.base, platform.Options{Version: "simulate-day"})
	rep, err := public.Crowd(ctx)
	if err != nil {
		return fmt.Errorf("the server's areas: %w", err)
	}
	levels := slices.DeleteFunc(rep.Areas, func(l platform.CrowdLevel) bool {
		return len(cfg.areas) > 0 && !slices.Contains(cfg.areas, l.ID)
	})
	if len(levels) == 0 {
		return errors.New("no such scenic area on the server")
	}
	rng := rand.New(rand.NewPCG(cfg.seed, 21))
	areas := newSimAreas(levels, cfg.from, cfg.to, cfg.visit, cfg.speed, rng)
	gates := map[string][2]simGate{}
	for _, a := range areas {
		var pair [2]simGate
		for i, name := range []string{"sim-east", "sim-west"} {
			g, err := t.issueAreaToken(a.level.ID, name, "simulate-day (generated)")
			if err != nil {
				return err
			}
			c := platform.NewClient(t.base, platform.Options{Version: "simulate-day"})
			if err := c.SetAreaToken(c.Origin(), g.Token); err != nil {
				return err
			}
			pair[i] = simGate{name: name, client: c}
		}
		gates[a.level.ID] = pair
		if err := bookSlots(ctx, t, pair[0].client, a.level.ID, rng); err != nil {
			return err
		}
	}
	fmt.Fprintf(out, "simulate-day: a GENERATED day (not real visitors) at %d areas, %s to %s at %gx; tickets sim-…, gates sim-east and sim-west\n",
		len(areas), clockOf(cfg.from), clockOf(cfg.to), cfg.speed)
	return playDay(ctx, cfg, areas, gates, now, public, rng, out)
}

// bookSlots books a generated share of each of today's and tomorrow's
// slots of an area (sold through other channels, as the admin API sets
// them), so that the staff's dashboard has bookings to show.
func bookSlots(ctx context.Context, t adminTarget, staff *platform.Client, area string, rng *rand.Rand) error {
	d, err := staff.AreaDashboard(ctx, area)
	if err != nil {
		return fmt.Errorf("the slots of %s: %w", area, err)
	}
	for _, sl := range d.Slots {
		booked := sl.Quota * int64(30+rng.IntN(66)) / 100
		if remaining := sl.Quota - booked; remaining < sl.Remaining {
			if err := t.call(http.MethodPatch, "/admin/v1/collections/ticket_slots/items/"+sl.SlotID,
				map[string]int64{"remaining": remaining}, nil); err != nil {
				return err
			}
		}
	}
	return nil
}

// simJob is one request of the simulation.
type simJob struct {
	gate  simGate
	key   string
	admit *platform.AdmissionRequest
	exit  *platform.ExitRequest
}

// playDay plays the minutes of the day, sending through cfg.senders
// requests at once.
func playDay(ctx context.Context, cfg simConfig, areas []*simArea, gates map[string][2]simGate, now func() time.Time,
	public *platform.Client, rng *rand.Rand, out io.Writer) error {
	jobs := make(chan simJob, 256)
	var sent, failed atomic.Int64
	var firstErr sync.Once
	var wg sync.WaitGroup
	for range cfg.senders {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				var err error
				if j.admit != nil {
					j.admit.At = now().Format(time.RFC3339)
					_, err = j.gate.client.Admit(ctx, j.key, *j.admit)
				} else {
					j.exit.At = now().Format(time.RFC3339)
					_, err = j.gate.client.RecordExit(ctx, j.key, *j.exit)
				}
				if err != nil {
					failed.Add(1)
					firstErr.Do(func() { fmt.Fprintf(out, "simulate-day: %v\n", err) })
					continue
				}
				sent.Add(1)
			}
		}()
	}
	run := fmt.Sprintf("sim-%s-%d", clock.Date(now()), cfg.seed)
	exits := map[int][]simJob{}
	start := time.Now() // the pace only: how much real time has passed, never the simulated clock
	tick := time.Duration(float64(time.Minute) / cfg.speed)
	n := 0
	err := func() error {
		defer close(jobs)
		for m := cfg.from; m < cfg.to; m++ {
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(time.Until(start.Add(time.Duration(m-cfg.from) * tick))):
			}
			for _, a := range areas {
				pair := gates[a.level.ID]
				for _, size := range a.groups(m, rng) {
					n++
					g := pair[n%2]
					ticket := fmt.Sprintf("%s-%s-%d", run, a.level.ID, n)
					jobs <- simJob{gate: g, key: ticket + "-in", admit: &platform.AdmissionRequest{TicketID: ticket,
						AttractionID: a.level.ID, Gate: g.name, Visitors: size}}
					if n%250 == 0 { // shown again at the other gate, as if the two had been apart
						o := pair[(n+1)%2]
						jobs <- simJob{gate: o, key: ticket + "-again", admit: &platform.AdmissionRequest{TicketID: ticket,
							AttractionID: a.level.ID, Gate: o.name, Visitors: size}}
					}
					if !a.level.Estimated {
						leave := m + cfg.visit - 20 + rng.IntN(41)
						exits[leave] = append(exits[leave], simJob{gate: g, key: ticket + "-out",
							exit: &platform.ExitRequest{AttractionID: a.level.ID, Gate: g.name, Visitors: size}})
					}
				}
			}
			for _, j := range exits[m] {
				jobs <- j
			}
			delete(exits, m)
			if (m-cfg.from)%60 == 59 || m == cfg.to-1 {
				report(ctx, public, clockOf(m+1), sent.Load(), failed.Load(), out)
			}
		}
		return nil
	}()
	wg.Wait()
	fmt.Fprintf(out, "simulate-day: done; %d requests applied, %d refused or failed\n", sent.Load(), failed.Load())
	return err
}

// report prints the simulated time and the busiest areas now.
func report(ctx context.Context, public *platform.Client, at string, sent, failed int64, out io.Writer) {
	rep, err := public.Crowd(ctx)
	if err != nil {
		fmt.Fprintf(out, "%s  %d sent, %d failed; levels: %v\n", at, sent, failed, err)
		return
	}
	slices.SortFunc(rep.Areas, func(a, b platform.CrowdLevel) int { return b.Percent - a.Percent })
	var top []string
	for _, l := range rep.Areas[:min(4, len(rep.Areas))] {
		top = append(top, fmt.Sprintf("%s %d%% %s", l.ID, l.Percent, l.Level))
	}
	fmt.Fprintf(out, "%s  %d sent, %d failed; busiest: %s\n", at, sent, failed, strings.Join(top, ", "))
}

// clockOf writes minutes after midnight as HH:MM.
func clockOf(m int) string { return fmt.Sprintf("%02d:%02d", m/60, m%60) }

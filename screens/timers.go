package screens

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
)

// Timers run the work of a screen that waits for time to pass: a reveal
// that hides itself, a number that clears for the next visitor, a
// countdown. The app gives each screen generation timers that stop when
// the screen is left (NewTimers), snapshots get ones that never fire
// (NoTimers), and tests ones they fire by hand.
type Timers interface {
	// After runs f on the UI goroutine once d has passed.
	After(d time.Duration, f func())
	// Every runs f on the UI goroutine every d until f returns false.
	Every(d time.Duration, f func() bool)
}

// NewTimers returns timers that run their functions through do, which
// runs a function on the UI goroutine, and that stop once ctx is done, so
// that a timer a screen set does not outlive it. They wait on the
// machine's timers: a wait is an interval, not a time of the platform's
// day, and what a tick shows is read from Env.Now.
func NewTimers(ctx context.Context, do func(func())) Timers {
	return machineTimers{ctx: ctx, do: do}
}

// machineTimers are the app's timers (NewTimers).
type machineTimers struct {
	ctx context.Context
	do  func(func())
}

func (t machineTimers) After(d time.Duration, f func()) {
	timer := time.AfterFunc(d, func() {
		t.do(func() {
			if t.ctx.Err() == nil {
				f()
			}
		})
	})
	context.AfterFunc(t.ctx, func() { timer.Stop() })
}

func (t machineTimers) Every(d time.Duration, f func() bool) {
	go func() {
		tick := time.NewTicker(d)
		defer tick.Stop()
		for {
			select {
			case <-t.ctx.Done():
				return
			case <-tick.C:
			}
			more := make(chan bool, 1)
			t.do(func() { more <- t.ctx.Err() == nil && f() })
			select {
			case m := <-more:
				if !m {
					return
				}
			case <-t.ctx.Done():
				return
			}
		}
	}()
}

// NoTimers never fire: the timers of a screen rendered once and captured
// (snapshots, and the app's tests that run loads synchronously), where a
// timer would outlive the screen and touch its widgets from a goroutine
// of its own.
type NoTimers struct{}

// After implements Timers; f never runs.
func (NoTimers) After(time.Duration, func()) {}

// Every implements Timers; f never runs.
func (NoTimers) Every(time.Duration, func() bool) {}

// After runs f on the UI goroutine once d has passed, through Env.Timers;
// with none, through timers of the machine that run f through Env.Do.
func (e *Env) After(d time.Duration, f func()) { e.timers().After(d, f) }

// Every runs f on the UI goroutine every d until it returns false, through
// Env.Timers as After does.
func (e *Env) Every(d time.Duration, f func() bool) { e.timers().Every(d, f) }

func (e *Env) timers() Timers {
	if e.Timers != nil {
		return e.Timers
	}
	return NewTimers(context.Background(), e.do)
}

// everyWhileShown calls f on the UI goroutine every d while o is in a
// window, until f returns false. It skips a tick at which o is in none
// (it is not in one yet just after it is built) and stops at the second
// such tick in a row: the screen was left.
func everyWhileShown(env *Env, o fyne.CanvasObject, d time.Duration, f func() bool) {
	detached := 0
	env.Every(d, func() bool {
		if fyne.CurrentApp().Driver().CanvasForObject(o) == nil {
			detached++
			return detached < 2
		}
		detached = 0
		return f()
	})
}

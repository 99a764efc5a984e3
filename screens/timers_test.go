package screens

import (
	"context"
	"sync"
	"testing"
	"time"
)

// handTimers are the timers of a test Env: nothing fires until the test
// says so (fire, tick), on the test's own goroutine.
type handTimers struct {
	mu    sync.Mutex
	after []handAfter
	every []func() bool
}

// handAfter is a one-shot timer set and not yet fired.
type handAfter struct {
	d time.Duration
	f func()
}

func (h *handTimers) After(d time.Duration, f func()) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.after = append(h.after, handAfter{d, f})
}

func (h *handTimers) Every(_ time.Duration, f func() bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.every = append(h.every, f)
}

// fire runs the one-shot timers set so far, as if their time had come,
// and returns how long each was set for, in the order set.
func (h *handTimers) fire() []time.Duration {
	h.mu.Lock()
	due := h.after
	h.after = nil
	h.mu.Unlock()
	var out []time.Duration
	for _, a := range due {
		a.f()
		out = append(out, a.d)
	}
	return out
}

// tick runs each repeating timer once, forgets those that say they are
// done, and reports whether any goes on.
func (h *handTimers) tick() bool {
	h.mu.Lock()
	all := h.every
	h.every = nil
	h.mu.Unlock()
	var more []func() bool
	for _, f := range all {
		if f() {
			more = append(more, f)
		}
	}
	h.mu.Lock()
	h.every = append(more, h.every...)
	h.mu.Unlock()
	return len(more) > 0
}

// timersOf is the hand timers of a test Env.
func timersOf(t *testing.T, env *Env) *handTimers {
	t.Helper()
	h, ok := env.Timers.(*handTimers)
	if !ok {
		t.Fatalf("the Env's timers are %T, not the test's", env.Timers)
	}
	return h
}

// uiLoop runs what is sent to it on one goroutine of its own, as the UI
// goroutine would, until the test ends.
func uiLoop(t *testing.T) func(func()) {
	q := make(chan func())
	done := make(chan struct{})
	go func() {
		for {
			select {
			case f := <-q:
				f()
			case <-done:
				return
			}
		}
	}()
	t.Cleanup(func() { close(done) })
	return func(f func()) {
		select {
		case q <- f:
		case <-done:
		}
	}
}

// TestTimersRunOnTheUIGoroutine: the app's timers run a one-shot
// function once its time has come, and a repeating one until it says
// it is done, each through the function that reaches the UI goroutine.
func TestTimersRunOnTheUIGoroutine(t *testing.T) {
	loop := uiLoop(t)
	onUI := false // read and written on the loop's goroutine only
	timers := NewTimers(context.Background(), func(f func()) {
		loop(func() { onUI = true; f(); onUI = false })
	})
	fired := make(chan bool)
	timers.After(time.Millisecond, func() { fired <- onUI })
	if !<-fired {
		t.Error("a one-shot timer ran off the UI goroutine")
	}

	ticks, offUI := 0, 0
	stopped := make(chan struct{})
	timers.Every(time.Millisecond, func() bool {
		ticks++
		if !onUI {
			offUI++
		}
		if ticks == 3 {
			close(stopped)
			return false
		}
		return true
	})
	<-stopped
	time.Sleep(20 * time.Millisecond) // further ticks would come in this time
	got := make(chan [2]int)
	loop(func() { got <- [2]int{ticks, offUI} })
	if n := <-got; n[0] != 3 || n[1] != 0 {
		t.Errorf("the repeating timer ran %d times (%d off the UI goroutine) after it said it was done at the third", n[0], n[1])
	}
}

// TestTimersStopWithTheScreen: once the screen's context has ended, a
// one-shot timer set before does not fire and a repeating one stops,
// so that neither touches the widgets of a screen that was left.
func TestTimersStopWithTheScreen(t *testing.T) {
	ctx, leave := context.WithCancel(context.Background())
	loop := uiLoop(t)
	timers := NewTimers(ctx, loop)
	ran := map[string]int{} // on the loop's goroutine only
	ticked := make(chan struct{}, 1)
	timers.Every(time.Millisecond, func() bool {
		ran["every"]++
		select {
		case ticked <- struct{}{}:
		default:
		}
		return true
	})
	<-ticked
	timers.After(50*time.Millisecond, func() { ran["after"]++ })
	leave()
	atLeave := make(chan int)
	loop(func() { atLeave <- ran["every"] }) // after any tick already queued
	before := <-atLeave
	time.Sleep(100 * time.Millisecond)
	after := make(chan map[string]int)
	loop(func() { after <- map[string]int{"after": ran["after"], "every": ran["every"]} })
	got := <-after
	if got["after"] != 0 {
		t.Error("a timer set by a screen that was left fired")
	}
	if got["every"] != before {
		t.Errorf("a repeating timer ran %d more times after its screen was left", got["every"]-before)
	}
}

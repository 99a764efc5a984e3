package screens

import (
	"time"

	"fyne.io/fyne/v2/widget"

	"jiangsupass/screens/widgets"
)

// signInHold is the sign-in form's wait after the platform answered
// rate_limited: the buttons it holds stay disabled, and the status counts
// down in words, until the wait is over.
type signInHold struct {
	env    *Env
	status *widgets.WrappedLabel
	until  time.Time
	held   []*widget.Button
	ticks  bool // a ticker is running
}

// hold disables buttons for wait from now (or longer, if a hold already
// runs past that) and starts the countdown. A wait the platform did not
// name (0) is said as "later" and holds nothing.
func (h *signInHold) hold(wait time.Duration, buttons ...*widget.Button) {
	h.status.Show()
	if wait <= 0 {
		h.status.SetText(h.env.T("SignInWaitLater"))
		return
	}
	if until := h.env.Now().Add(wait); until.After(h.until) {
		h.until = until
	}
	for _, b := range buttons {
		b.Disable()
		h.held = append(h.held, b)
	}
	h.tick()
	if !h.ticks {
		h.ticks = true
		everyWhileShown(h.env, h.status, time.Second, func() bool {
			h.ticks = h.tick()
			return h.ticks
		})
	}
}

// tick shows the wait left, or when it is over frees the buttons; it
// reports whether the wait goes on.
func (h *signInHold) tick() bool {
	left := h.until.Sub(h.env.Now())
	if left > 0 {
		h.status.SetText(waitWords(h.env, left))
		return true
	}
	for _, b := range h.held {
		b.Enable()
	}
	if len(h.held) > 0 {
		h.status.SetText(h.env.T("SignInWaitOver"))
	}
	h.held = nil
	return false
}

// waitWords says "Too many tries. Try again in 4 minutes", in whole
// seconds under a minute, minutes under an hour, else hours, each rounded
// up so that the words never invite a try too early.
func waitWords(env *Env, left time.Duration) string {
	up := func(unit time.Duration) int { return int((left + unit - 1) / unit) }
	switch {
	case left >= time.Hour:
		return env.L.N("SignInWaitHours", up(time.Hour), nil)
	case left >= time.Minute:
		return env.L.N("SignInWaitMinutes", up(time.Minute), nil)
	default:
		return env.L.N("SignInWaitSeconds", up(time.Second), nil)
	}
}

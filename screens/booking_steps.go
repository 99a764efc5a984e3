package screens

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"jiangsupass/offline"
	"jiangsupass/platform"
	"jiangsupass/screens/widgets"
)

// maxTickets is the most tickets one order holds.
const maxTickets = 20

// slotOver reports whether a slot has ended at the env's now.
func slotOver(env *Env, s platform.TicketSlot) bool { return offline.SlotEnded(s, env.Now()) }

// bookingDateStep lists the days with slots and how many tickets are left
// on each.
func bookingDateStep(env *Env, st bookingState, d ticketData) fyne.CanvasObject {
	box := container.NewVBox()
	box.Add(signInNote(env, Route{Screen: BookingID, Param: st.param()}, "BookingSignInStart"))
	var dates []string
	left := map[string]int64{}
	open := map[string]bool{} // the date has a slot that has not ended
	for _, s := range d.slots {
		if _, seen := left[s.Date]; !seen {
			dates = append(dates, s.Date)
			left[s.Date] = 0
		}
		if !slotOver(env, s) {
			if !s.Paused { // a paused slot sells nothing
				left[s.Date] += s.Remaining
			}
			open[s.Date] = true
		}
	}
	for _, date := range dates {
		text := env.L.Tf("BookingDateLine", map[string]any{"Day": dayLabel(env, date), "Left": left[date]})
		switch {
		case !open[date]:
			text = env.L.Tf("BookingDateOver", map[string]any{"Day": dayLabel(env, date)})
		case left[date] == 0:
			text = env.L.Tf("BookingDateFull", map[string]any{"Day": dayLabel(env, date)})
		}
		b := widget.NewButton(text, func() { st.next(env, "slot", func(n *bookingState) { n.date = date }) })
		b.Alignment = widget.ButtonAlignLeading
		if left[date] == 0 {
			b.Disable()
		}
		box.Add(b)
	}
	box.Add(beijingTimeNote(env))
	return box
}

// bookingSlotStep lists a day's slots with the tickets left in each.
func bookingSlotStep(env *Env, st bookingState, d ticketData) fyne.CanvasObject {
	box := container.NewVBox(widgets.NewWrappedLabel(env.L.Tf("BookingSlotsOn", map[string]any{"Date": st.date, "Weekday": dayName(env, st.date)})))
	for _, s := range d.slots {
		if s.Date != st.date {
			continue
		}
		var text string
		switch {
		case slotOver(env, s):
			text = env.L.Tf("BookingSlotOver", map[string]any{"Start": s.Start, "End": s.End})
		case s.Paused:
			text = env.L.Tf("BookingSlotPaused", map[string]any{"Start": s.Start, "End": s.End})
		case s.Remaining == 0:
			text = env.L.Tf("BookingSlotFull", map[string]any{"Start": s.Start, "End": s.End})
		default:
			text = env.L.Tf("BookingSlotLeft", map[string]any{"Start": s.Start, "End": s.End, "Left": s.Remaining, "Quota": s.Quota})
		}
		b := widget.NewButton(text, func() { st.next(env, "types", func(n *bookingState) { n.slot = s.ID }) })
		b.Alignment = widget.ButtonAlignLeading
		if s.Remaining == 0 || s.Paused || slotOver(env, s) {
			b.Disable()
		}
		box.Add(b)
	}
	box.Add(beijingTimeNote(env))
	return box
}

// bookingTypesStep sets how many tickets of each kind, within the slot's
// remaining quota and the most one order holds.
func bookingTypesStep(env *Env, st bookingState, d ticketData) fyne.CanvasObject {
	slot, ok := d.slotOf(st.slot)
	if !ok {
		return widgets.NewWrappedLabel(env.T("BookingSlotGone"))
	}
	limit := min(int64(maxTickets), slot.Remaining)
	counts := map[string]int{}
	for k, v := range st.counts {
		counts[k] = v
	}
	lang := env.L.Lang()
	next := widget.NewButtonWithIcon("", theme.NavigateNextIcon(), nil)
	next.Importance = widget.HighImportance
	update := func() {
		n, cents := 0, int64(0)
		for _, p := range d.products {
			n += counts[p.ID]
			cents += int64(counts[p.ID]) * p.PriceCents
		}
		next.SetText(env.L.Tf("BookingTypesNext", map[string]any{"Count": n, "Total": yuan(cents)}))
		if n == 0 {
			next.Disable()
		} else {
			next.Enable()
		}
	}
	box := container.NewVBox(widgets.NewWrappedLabel(env.L.Tf("BookingSlotChosen", map[string]any{"Date": slot.Date, "Start": slot.Start,
		"End": slot.End, "Left": slot.Remaining})))
	for _, p := range d.products {
		label := widgets.NewWrappedLabel(offline.Text(p.Name).In(lang) + "  " + yuan(p.PriceCents))
		count := widget.NewLabelWithStyle(strconv.Itoa(counts[p.ID]), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
		minus := widget.NewButtonWithIcon("", theme.ContentRemoveIcon(), nil)
		plus := widget.NewButtonWithIcon("", theme.ContentAddIcon(), nil)
		change := func(by int) {
			total := 0
			for _, c := range counts {
				total += c
			}
			if counts[p.ID]+by < 0 || int64(total+by) > limit {
				return
			}
			counts[p.ID] += by
			count.SetText(strconv.Itoa(counts[p.ID]))
			update()
		}
		minus.OnTapped = func() { change(-1) }
		plus.OnTapped = func() { change(1) }
		box.Add(container.NewBorder(nil, nil, nil, container.NewHBox(minus, count, plus), label))
	}
	box.Add(widgets.NewWrappedLabel(env.L.Tf("BookingTypesLimit", map[string]any{"Max": limit})))
	next.OnTapped = func() {
		st.next(env, "visitors", func(n *bookingState) {
			n.counts = counts
			if len(n.visitors) > n.total() {
				n.visitors = n.visitors[:n.total()]
			}
		})
	}
	update()
	box.Add(next)
	return box
}

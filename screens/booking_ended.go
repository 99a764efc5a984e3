package screens

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"jiangsupass/offline"
	"jiangsupass/platform"
	"jiangsupass/screens/widgets"
)

// A chosen slot can end while the visitor is still choosing tickets,
// visitors or reviewing the order. The booking page then says so before
// anything else, and offers the next slot that still has enough tickets.

// chosenSlotEnded reports whether the state has a slot chosen and that
// slot has ended at the env's now (China time).
func chosenSlotEnded(env *Env, st bookingState, d ticketData) (platform.TicketSlot, bool) {
	if st.slot == "" {
		return platform.TicketSlot{}, false
	}
	s, ok := d.slotOf(st.slot)
	return s, ok && offline.SlotEnded(s, env.Now())
}

// laterSlot is the first slot after ended, in the order the replica lists
// them (by date and start), that has not ended and has tickets for want
// visitors.
func laterSlot(env *Env, ended platform.TicketSlot, d ticketData, want int) (platform.TicketSlot, bool) {
	after := ended.Date + " " + ended.Start
	for _, s := range d.slots {
		if s.Date+" "+s.Start > after && !offline.SlotEnded(s, env.Now()) && !s.Paused && s.Remaining >= int64(max(want, 1)) {
			return s, true
		}
	}
	return platform.TicketSlot{}, false
}

// slotEndedNotice tells the visitor that their slot is over and nothing was
// ordered, and offers the next slot with their choices kept, or a day.
func slotEndedNotice(env *Env, st bookingState, ended platform.TicketSlot, d ticketData) fyne.CanvasObject {
	title := widgets.NewWrappedLabelWithStyle(env.T("BookingSlotEndedTitle"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Importance = widget.DangerImportance
	body := widgets.NewWrappedLabel(env.L.Tf("BookingSlotEndedBody", map[string]any{
		"Date": ended.Date + " " + dayName(env, ended.Date), "Start": ended.Start, "End": ended.End}))
	box := container.NewVBox(title, body)
	if later, ok := laterSlot(env, ended, d, st.total()); ok {
		box.Add(widgets.NewWrappedLabel(env.L.Tf("BookingSlotEndedLater", map[string]any{
			"Day": dayLabel(env, later.Date), "Start": later.Start, "End": later.End, "Left": later.Remaining})))
		take := widget.NewButtonWithIcon(env.T("BookingSlotEndedTake"), theme.ConfirmIcon(), func() {
			st.next(env, st.step, func(n *bookingState) { n.date, n.slot = later.Date, later.ID })
		})
		take.Importance = widget.HighImportance
		box.Add(take)
	} else {
		box.Add(widgets.NewWrappedLabel(env.T("BookingSlotEndedNone")))
	}
	box.Add(widget.NewButtonWithIcon(env.T("BookingChooseDay"), theme.Icon(theme.IconNameCalendar), func() {
		st.next(env, "date", func(n *bookingState) { n.date, n.slot = "", "" })
	}))
	return widgets.NewBanner(theme.WarningIcon(), box)
}

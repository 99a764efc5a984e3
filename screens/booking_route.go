package screens

// BookingStep is a place in the booking flow of an attraction: the step,
// and what was chosen on the way to it.
type BookingStep struct {
	Attraction string
	Step       string         // date, slot, types, visitors or review; "" is date
	Date       string         // the day chosen (YYYY-MM-DD)
	Slot       string         // the slot chosen, by ID
	Counts     map[string]int // tickets chosen, by product ID
	Visitors   []string       // the people chosen, by visitor ID, in order
}

// BookingRoute shows a step of the booking flow.
func BookingRoute(b BookingStep) Route {
	st := bookingState{attraction: b.Attraction, step: b.Step, date: b.Date, slot: b.Slot,
		counts: b.Counts, visitors: b.Visitors}
	if st.step == "" {
		st.step = bookingSteps[0]
	}
	return Route{Screen: BookingID, Param: st.param()}
}

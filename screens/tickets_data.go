package screens

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"jiangsupass/clock"
	"jiangsupass/offline"
	"jiangsupass/platform"
)

// ticketData is what the booking screens show: an attraction, its ticket
// products and slots as synced, and the saved visitors.
type ticketData struct {
	attraction offline.Attraction
	products   []platform.TicketProduct
	slots      []platform.TicketSlot
	visitors   []offline.Visitor
}

// loadTicketData reads the data of a booking from the store (slots from
// today on, China time).
func loadTicketData(ctx context.Context, env *Env, st bookingState) (ticketData, error) {
	var d ticketData
	var err error
	if d.attraction, err = env.Store.Attraction(ctx, st.attraction); err != nil {
		return d, err
	}
	if d.products, err = env.Store.TicketProducts(ctx, st.attraction); err != nil {
		return d, err
	}
	if d.slots, err = env.Store.TicketSlots(ctx, st.attraction, clock.Date(env.Now())); err != nil {
		return d, err
	}
	d.visitors, err = env.Store.Visitors(ctx)
	return d, err
}

// bookingState is where the user is in the booking flow, kept in the
// route's Param as a query string, so that Back returns to the step before.
type bookingState struct {
	attraction string
	step       string         // date, slot, types, visitors, review
	date       string         // YYYY-MM-DD
	slot       string         // slot ID
	counts     map[string]int // product ID → tickets
	visitors   []string       // chosen visitor IDs, in order
}

// The steps of the booking flow, in order.
var bookingSteps = []string{"date", "slot", "types", "visitors", "review"}

func parseBookingState(param string) bookingState {
	q, _ := url.ParseQuery(param)
	st := bookingState{attraction: q.Get("a"), step: q.Get("step"), date: q.Get("d"), slot: q.Get("s"),
		counts: map[string]int{}}
	if st.step == "" {
		st.step = "date"
	}
	for k, v := range q {
		if id, ok := strings.CutPrefix(k, "n."); ok {
			if n, err := strconv.Atoi(v[0]); err == nil && n > 0 && n <= 20 {
				st.counts[id] = n
			}
		}
	}
	if v := q.Get("v"); v != "" {
		st.visitors = strings.Split(v, ",")
	}
	return st
}

// param writes the state back as a route's Param.
func (st bookingState) param() string {
	q := url.Values{}
	q.Set("a", st.attraction)
	q.Set("step", st.step)
	if st.date != "" {
		q.Set("d", st.date)
	}
	if st.slot != "" {
		q.Set("s", st.slot)
	}
	for id, n := range st.counts {
		if n > 0 {
			q.Set("n."+id, strconv.Itoa(n))
		}
	}
	if len(st.visitors) > 0 {
		q.Set("v", strings.Join(st.visitors, ","))
	}
	return q.Encode()
}

// total is the number of tickets chosen.
func (st bookingState) total() int {
	n := 0
	for _, c := range st.counts {
		n += c
	}
	return n
}

// lines gives each chosen visitor a product: products in the order the
// attraction lists them, as many of each as counted.
func (st bookingState) lines(d ticketData) []platform.OrderVisitor {
	var products []string
	for _, p := range d.products {
		for i := 0; i < st.counts[p.ID]; i++ {
			products = append(products, p.ID)
		}
	}
	byID := map[string]offline.Visitor{}
	for _, v := range d.visitors {
		byID[v.ID] = v
	}
	var out []platform.OrderVisitor
	for i, id := range st.visitors {
		v, ok := byID[id]
		if !ok || i >= len(products) {
			continue
		}
		out = append(out, platform.OrderVisitor{Name: v.Name, DocKind: v.DocKind, DocNumber: v.DocNumber, ProductID: products[i]})
	}
	return out
}

// slotOf finds a slot by ID.
func (d ticketData) slotOf(id string) (platform.TicketSlot, bool) {
	for _, s := range d.slots {
		if s.ID == id {
			return s, true
		}
	}
	return platform.TicketSlot{}, false
}

// productOf finds a product by ID.
func (d ticketData) productOf(id string) (platform.TicketProduct, bool) {
	for _, p := range d.products {
		if p.ID == id {
			return p, true
		}
	}
	return platform.TicketProduct{}, false
}

// yuan writes an amount in cents as yuan.
func yuan(cents int64) string {
	if cents%100 == 0 {
		return fmt.Sprintf("¥%d", cents/100)
	}
	return fmt.Sprintf("¥%d.%02d", cents/100, cents%100)
}

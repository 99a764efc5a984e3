package screens

import (
	"context"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"jiangsupass/offline"
	"jiangsupass/platform"
	"jiangsupass/screens/widgets"
)

// TicketsID lists the ticket orders: upcoming, past and refunded, each
// with its status in words; a row opens the e-ticket.
const TicketsID ID = "tickets"

func init() {
	Register(Screen{ID: TicketsID, Tab: TabMe, Title: "TicketsTitle", Icon: theme.IconNameList, Tile: "TicketsTile",
		Build: buildTickets})
}

// ticketsData is what the orders list shows.
type ticketsData struct {
	orders []offline.TicketOrder
	names  map[string]string // attraction ID → name
}

func buildTickets(env *Env, r Route) fyne.CanvasObject {
	holder := container.NewStack(widgets.NewLoading(env.T("Loading")))
	load := func() {
		var d ticketsData
		var err error
		env.Load(func(ctx context.Context) {
			d.names = map[string]string{}
			if d.orders, err = env.Store.TicketOrders(ctx); err != nil {
				return
			}
			for _, o := range d.orders {
				if a, aerr := env.Store.Attraction(ctx, o.AttractionID); aerr == nil {
					d.names[o.AttractionID] = a.Name.In(env.L.Lang())
				}
			}
		}, func() {
			switch {
			case err != nil:
				holder.Objects = []fyne.CanvasObject{readFailed(env, "TicketsErrorTitle", "tickets", err, r)}
			case len(d.orders) == 0:
				holder.Objects = []fyne.CanvasObject{widgets.NewMessage(theme.ListIcon(), env.T("TicketsEmptyTitle"),
					env.T("TicketsEmptyBody"), env.T("AttractionsTitle"), func() { env.Nav.Go(Route{Screen: AttractionsID}) })}
			default:
				holder.Objects = []fyne.CanvasObject{ticketsList(env, d)}
			}
			holder.Refresh()
		})
	}
	load()
	// Orders are sent, answered or taken on while the list is shown.
	env.OnStoreChange(r, offline.ChangeRequests|offline.ChangePersonal, load)
	return holder
}

// ticketsList groups the orders into upcoming, past and refunded.
func ticketsList(env *Env, d ticketsData) fyne.CanvasObject {
	var upcoming, past, refunded []fyne.CanvasObject
	now := env.Now()
	for _, o := range d.orders {
		param := strconv.FormatInt(o.LocalID, 10)
		tile := widgets.NewTile(theme.Icon(ticketIcon(o)), d.names[o.AttractionID]+" · "+o.Date+" "+o.Start+"–"+o.End,
			orderStatusText(env, o), func() { env.Nav.Go(Route{Screen: ETicketID, Param: param}) })
		switch {
		case o.RefundState == "refunded" || o.Status == "rejected":
			refunded = append(refunded, tile)
		case now.Before(o.SlotEnd()):
			upcoming = append(upcoming, tile)
		default:
			past = append(past, tile)
		}
	}
	box := container.NewVBox()
	if n := waitingForSignIn(d.orders); n > 0 {
		signIn := widget.NewButtonWithIcon(env.T("SignInAction"), theme.LoginIcon(), func() { env.Nav.Go(signInFrom(Route{Screen: TicketsID})) })
		signIn.Importance = widget.HighImportance
		box.Add(widgets.NewBanner(theme.InfoIcon(), container.NewVBox(
			widgets.NewWrappedLabel(env.L.N("TicketsWaitSignIn", n, nil)), signIn)))
	}
	for _, g := range []struct {
		title string
		rows  []fyne.CanvasObject
	}{{"TicketsUpcoming", upcoming}, {"TicketsPast", past}, {"TicketsRefunded", refunded}} {
		if len(g.rows) == 0 {
			continue
		}
		box.Add(widgets.NewSection(env.T(g.title), g.rows...))
	}
	return container.NewVScroll(container.NewPadded(box))
}

// waitingForSignIn counts the orders that wait for a sign-in.
func waitingForSignIn(orders []offline.TicketOrder) int {
	n := 0
	for _, o := range orders {
		if o.Status == "pending" && o.WaitsForSignIn {
			n++
		}
	}
	return n
}

// ticketIcon is the icon of an order's state.
func ticketIcon(o offline.TicketOrder) fyne.ThemeIconName {
	switch {
	case o.Status == "pending":
		return theme.IconNameUpload
	case o.Status == "rejected" || o.RefundState == "refunded":
		return theme.IconNameCancel
	}
	return theme.IconNameConfirm
}

// orderStatusText says in plain words where an order stands.
func orderStatusText(env *Env, o offline.TicketOrder) string {
	data := map[string]any{"Count": o.Quantity, "Reason": o.Message}
	switch {
	case o.Status == "pending" && o.WaitsForSignIn:
		return env.T("TicketWaitsSignIn")
	case o.Status == "pending":
		return env.L.Tf("TicketPending", data)
	case o.Status == "rejected":
		return env.L.Tf("TicketRejected", map[string]any{"Reason": rejectionText(env, o.ErrorCode, o.Message)})
	case o.RefundState == "pending":
		return env.L.Tf("TicketRefundPending", data)
	case o.RefundState == "refunded":
		return env.L.N("TicketRefundedCount", int(o.Quantity), nil)
	case o.RefundState == "rejected":
		return env.L.Tf("TicketRefundRejected", map[string]any{"Reason": o.RefundMessage})
	}
	return env.L.N("TicketConfirmedCount", int(o.Quantity), nil)
}

// rejectionText says why the platform refused an order.
func rejectionText(env *Env, code, message string) string {
	switch code {
	case platform.CodeSlotFull:
		return env.T("TicketRejectSlotFull")
	case platform.CodeSlotPaused:
		return env.T("TicketRejectSlotPaused")
	case platform.CodeAlreadyBooked:
		return env.T("TicketRejectAlreadyBooked")
	case platform.CodeTicketLimit:
		return env.T("TicketRejectLimit")
	}
	return refusalMessage(env, code, message)
}
